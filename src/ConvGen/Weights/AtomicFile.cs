using System;
using System.IO;

namespace ConvGen.Weights
{
    /// <summary>
    /// Replaces a file all at once: the bytes go to a new temporary file with a unique name in the target's directory
    /// (so the final rename stays on one file system), which is flushed to disk and then renamed over the target
    /// (rename(2) on Unix, MoveFileEx on Windows: atomic on the same volume). On any failure (a full disk, a target that is a
    /// directory, an unwritable directory) the temporary file is deleted and the target is left as it was. Concurrent
    /// writers each use their own temporary file, so a reader always sees the old or a new complete file, never a partial one.
    /// </summary>
    internal static class AtomicFile
    {
        public static void Write(string path, ReadOnlySpan<byte> bytes) =>
            Write(path, bytes, static temporary => new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None));

        /// <param name="path">The file to create or replace.</param>
        /// <param name="bytes">Its new content.</param>
        /// <param name="create">Creates the temporary file (a seam for tests that make writing fail).</param>
        internal static void Write(string path, ReadOnlySpan<byte> bytes, Func<string, Stream> create)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                throw new IOException($"Cannot save to '{path}': it is a directory.");
            }

            string directory = Path.GetDirectoryName(full) ?? throw new IOException($"Cannot save to '{path}': it has no directory.");
            string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (Stream stream = create(temporary))
                {
                    stream.Write(bytes);
                    if (stream is FileStream file)
                    {
                        file.Flush(flushToDisk: true); // the data is on disk before the name points at it
                    }
                }

                File.Move(temporary, full, overwrite: true);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
        }

        private static void TryDelete(string temporary)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Best effort: the original error is the one to report.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }
        }
    }
}
