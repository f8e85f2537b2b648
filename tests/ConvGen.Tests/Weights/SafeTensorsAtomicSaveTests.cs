using System;
using System.IO;
using System.Linq;
using System.Threading;
using ConvGen.Weights;
using static ConvGen.Tests.Weights.SafeTensorsFiles;

namespace ConvGen.Tests.Weights
{
    /// <summary>
    /// Save to a path is atomic: whatever fails (the disk fills up, the target is a directory, the directory does not
    /// exist) the target keeps its old content and no temporary file is left; concurrent writers and readers only ever
    /// see a complete old or new file.
    /// </summary>
    public sealed class SafeTensorsAtomicSaveTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("convgen-save-").FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private static float[] Values(float start) => Enumerable.Range(0, 156).Select(i => start + i).ToArray();

        [Fact]
        public void A_write_that_fails_midway_leaves_the_old_file_and_no_temporary()
        {
            string path = Path.Combine(_folder, "model.safetensors");
            SafeTensors.Save(Small, Values(1), path);
            byte[] newFile = SafeTensors.Save(Small, Values(1000));

            // A stream that fails after 100 bytes, as a full disk does.
            var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, newFile, temporary => new FailingStream(File.Create(temporary), 100)));

            Assert.Contains("No space", error.Message);
            Assert.Equal(Values(1), SafeTensors.LoadParameters(Small, path));
            Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
        }

        [Fact]
        public void A_directory_as_target_is_refused_without_leaving_a_temporary()
        {
            string path = Path.Combine(_folder, "model.safetensors");
            Directory.CreateDirectory(path);

            var error = Assert.Throws<IOException>(() => SafeTensors.Save(Small, Values(1), path));

            Assert.Contains("is a directory", error.Message);
            Assert.Empty(Directory.GetFiles(_folder));
        }

        [Fact]
        public void A_missing_directory_is_refused_without_creating_anything()
        {
            string path = Path.Combine(_folder, "missing", "model.safetensors");
            Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(Small, Values(1), path));
            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void Concurrent_writers_and_a_reader_see_only_complete_files()
        {
            string path = Path.Combine(_folder, "model.safetensors");
            float[] a = Values(1), b = Values(5000);
            SafeTensors.Save(Small, a, path);
            int writerErrors = 0, badReads = 0, reads = 0;
            using var done = new CountdownEvent(2);
            void Writer(float[] values)
            {
                try
                {
                    for (int i = 0; i < 60; i++)
                    {
                        SafeTensors.Save(Small, values, path);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref writerErrors);
                }
                finally
                {
                    done.Signal();
                }
            }

            new Thread(() => Writer(a)).Start();
            new Thread(() => Writer(b)).Start();
            while (!done.IsSet)
            {
                try
                {
                    float[] read = SafeTensors.LoadParameters(Small, path);
                    if (!read.SequenceEqual(a) && !read.SequenceEqual(b))
                    {
                        badReads++;
                    }
                }
                catch (SafeTensorsException)
                {
                    badReads++; // a partial or empty file
                }

                reads++;
            }

            Assert.Equal(0, writerErrors);
            Assert.Equal(0, badReads);
            Assert.True(reads > 0);
            Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
        }

        /// <summary>Writes through to a file until <c>limit</c> bytes, then fails like a full disk.</summary>
        private sealed class FailingStream : Stream
        {
            private readonly FileStream _inner;
            private readonly int _limit;

            public FailingStream(FileStream inner, int limit)
            {
                _inner = inner;
                _limit = limit;
            }

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => _inner.Length;

            public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

            public override void Flush() => _inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                int room = (int)Math.Max(0, _limit - _inner.Position);
                _inner.Write(buffer.Slice(0, Math.Min(room, buffer.Length)));
                if (buffer.Length > room)
                {
                    _inner.Flush();
                    throw new IOException("No space left on device");
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
