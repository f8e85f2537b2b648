using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ConvGen.Data
{
    /// <summary>
    /// Reads IDX files (LeCun's MNIST format): two zero bytes, a type byte (only 0x08, unsigned byte, is supported),
    /// the number of dimensions, one big-endian 32-bit size per dimension, then exactly the product of the sizes in
    /// data bytes. Anything else (truncated, trailing bytes, other types, wrong rank) is an <see cref="IdxFormatException"/>.
    /// </summary>
    public static class IdxReader
    {
        /// <summary>The IDX type byte for unsigned bytes, the only type MNIST uses.</summary>
        public const byte UnsignedByteType = 0x08;

        /// <summary>Reads an IDX file; a name ending in ".gz" is decompressed first.</summary>
        /// <param name="path">The file.</param>
        /// <param name="expectedRank">The number of dimensions the caller needs (3 for images, 1 for labels), or 0 for any.</param>
        public static IdxFile Read(string path, int expectedRank = 0)
        {
            ArgumentNullException.ThrowIfNull(path);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: IDX file not found.", path);
            }

            using FileStream file = File.OpenRead(path);
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    using var gzip = new GZipStream(file, CompressionMode.Decompress);
                    return Read(gzip, path, expectedRank);
                }
                catch (InvalidDataException e)
                {
                    throw new IdxFormatException(path, $"not a readable gzip file ({e.Message}).");
                }
            }

            return Read(file, path, expectedRank);
        }

        /// <summary>Reads an IDX file from a stream, to its end; <paramref name="source"/> names it in error messages.</summary>
        public static IdxFile Read(Stream stream, string source, int expectedRank = 0)
        {
            ArgumentNullException.ThrowIfNull(stream);
            ArgumentNullException.ThrowIfNull(source);
            Span<byte> magic = stackalloc byte[4];
            int got = ReadUpTo(stream, magic);
            if (got < 4)
            {
                throw new IdxFormatException(source, $"truncated: the header needs at least 4 bytes, the file has {got}.");
            }

            if (magic[0] != 0 || magic[1] != 0)
            {
                throw new IdxFormatException(source, $"not an IDX file: the magic number must start with two zero bytes, found 0x{magic[0]:X2} 0x{magic[1]:X2}.");
            }

            if (magic[2] != UnsignedByteType)
            {
                throw new IdxFormatException(source, $"data type 0x{magic[2]:X2} ({TypeName(magic[2])}) is not supported; expected 0x08 (unsigned byte).");
            }

            int rank = magic[3];
            if (rank == 0)
            {
                throw new IdxFormatException(source, "the header declares 0 dimensions; expected at least 1.");
            }

            if (expectedRank > 0 && rank != expectedRank)
            {
                throw new IdxFormatException(source, $"expected {expectedRank} dimension(s), the header declares {rank}.");
            }

            var sizeBytes = new byte[4 * rank];
            got = ReadUpTo(stream, sizeBytes);
            if (got < sizeBytes.Length)
            {
                throw new IdxFormatException(source, $"truncated header: {rank} dimension(s) need {4 + sizeBytes.Length} header bytes, the file has {4 + got}.");
            }

            var dimensions = new int[rank];
            long length = 1;
            for (int i = 0; i < rank; i++)
            {
                uint size = BinaryPrimitives.ReadUInt32BigEndian(sizeBytes.AsSpan(4 * i));
                if (size > int.MaxValue)
                {
                    throw new IdxFormatException(source, $"dimension {i} has size {size}, more than {int.MaxValue}.");
                }

                dimensions[i] = (int)size;
                length *= size;
                if (length > Array.MaxLength)
                {
                    throw new IdxFormatException(source, $"the dimensions [{string.Join(", ", dimensions[..(i + 1)])}...] need more than {Array.MaxLength} bytes.");
                }
            }

            long headerLength = 4 + sizeBytes.Length;
            var data = new byte[length];
            got = ReadUpTo(stream, data);
            if (got < length)
            {
                throw new IdxFormatException(source, $"truncated: dimensions [{string.Join(", ", dimensions)}] need {headerLength + length} bytes, the file has {headerLength + got}.");
            }

            long extra = CountRest(stream);
            if (extra > 0)
            {
                throw new IdxFormatException(source, $"{extra} unexpected byte(s) after the data: dimensions [{string.Join(", ", dimensions)}] need {headerLength + length} bytes, the file has {headerLength + length + extra}.");
            }

            return new IdxFile(source, dimensions, data);
        }

        private static int ReadUpTo(Stream stream, Span<byte> buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int n = stream.Read(buffer[total..]);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        private static long CountRest(Stream stream)
        {
            Span<byte> buffer = stackalloc byte[4096];
            long total = 0;
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                total += n;
            }

            return total;
        }

        private static string TypeName(byte type) => type switch
        {
            0x09 => "signed byte",
            0x0B => "short",
            0x0C => "int",
            0x0D => "float",
            0x0E => "double",
            _ => "unknown",
        };
    }
}
