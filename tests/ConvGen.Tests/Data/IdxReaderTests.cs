using System.IO;
using ConvGen.Data;
using static ConvGen.Tests.Data.IdxFiles;

namespace ConvGen.Tests.Data
{
    public class IdxReaderTests
    {
        private static IdxFile Parse(byte[] bytes, int expectedRank = 0)
            => IdxReader.Read(new MemoryStream(bytes), "sample.idx", expectedRank);

        private static IdxFormatException Reject(byte[] bytes, int expectedRank = 0)
        {
            IdxFormatException e = Assert.Throws<IdxFormatException>(() => Parse(bytes, expectedRank));
            Assert.Equal("sample.idx", e.FileName);
            Assert.StartsWith("sample.idx: ", e.Message);
            return e;
        }

        [Fact]
        public void Reads_a_one_dimensional_file()
        {
            IdxFile file = Parse(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 9 });

            Assert.Equal(new[] { 3 }, file.Dimensions);
            Assert.Equal(new byte[] { 7, 2, 9 }, file.Data);
            Assert.Equal(3, file.Count);
        }

        [Fact]
        public void Reads_a_three_dimensional_file_with_big_endian_sizes_row_major()
        {
            // [2, 1, 3]: sizes written big-endian; 256 + 2 would read as 2 if the order were wrong, so use a multi-byte size too.
            byte[] bytes = { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6 };
            IdxFile file = Parse(bytes, expectedRank: 3);

            Assert.Equal(new[] { 2, 1, 3 }, file.Dimensions);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, file.Data);
            Assert.Equal("[2, 1, 3]", file.ShapeText);
        }

        [Fact]
        public void Reads_a_size_above_255()
        {
            var data = new byte[300];
            data[299] = 42;
            IdxFile file = Parse(new byte[] { 0, 0, 8, 1, 0, 0, 1, 44 }.Concat(data));

            Assert.Equal(new[] { 300 }, file.Dimensions);
            Assert.Equal(42, file.Data[299]);
        }

        [Fact]
        public void Reads_a_gzipped_file_by_its_name()
        {
            using var folder = new TempFolder();
            string path = Path.Combine(folder.Path, "labels.gz");
            using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            {
                gzip.Write(Labels(4, 5, 6));
            }

            IdxFile file = IdxReader.Read(path, expectedRank: 1);

            Assert.Equal(new byte[] { 4, 5, 6 }, file.Data);
            Assert.Equal(path, file.Source);
        }

        [Fact]
        public void A_gz_name_on_a_file_that_is_not_gzip_is_reported_as_such()
        {
            using var folder = new TempFolder();
            string path = Write(folder.Path, "labels.gz", Labels(1, 2));

            IdxFormatException e = Assert.Throws<IdxFormatException>(() => IdxReader.Read(path));

            Assert.Contains("not a readable gzip file", e.Message);
            Assert.Equal(path, e.FileName);
        }

        [Fact]
        public void Empty_file_is_truncated()
        {
            Assert.Contains("truncated: the header needs at least 4 bytes, the file has 0", Reject(new byte[0]).Message);
        }

        [Fact]
        public void Short_magic_is_truncated()
        {
            Assert.Contains("the file has 3", Reject(new byte[] { 0, 0, 8 }).Message);
        }

        [Fact]
        public void Magic_must_start_with_two_zero_bytes()
        {
            // A gzipped file starts with 1F 8B: the usual mistake of passing a .gz under another name.
            IdxFormatException e = Reject(new byte[] { 0x1F, 0x8B, 8, 1, 0, 0, 0, 0 });

            Assert.Contains("not an IDX file", e.Message);
            Assert.Contains("0x1F 0x8B", e.Message);
        }

        [Theory]
        [InlineData(0x0D, "0x0D (float)")]
        [InlineData(0x09, "0x09 (signed byte)")]
        [InlineData(0x42, "0x42 (unknown)")]
        public void Only_unsigned_bytes_are_supported(byte type, string named)
        {
            IdxFormatException e = Reject(Build(type, new[] { 1 }, new byte[] { 0, 0, 0, 0 }));

            Assert.Contains($"data type {named} is not supported; expected 0x08 (unsigned byte)", e.Message);
        }

        [Fact]
        public void Zero_dimensions_are_refused()
        {
            Assert.Contains("declares 0 dimensions", Reject(new byte[] { 0, 0, 8, 0 }).Message);
        }

        [Fact]
        public void Wrong_rank_names_expected_and_actual()
        {
            // A labels file passed where images are expected.
            IdxFormatException e = Reject(Labels(1, 2), expectedRank: 3);

            Assert.Contains("expected 3 dimension(s), the header declares 1", e.Message);
        }

        [Fact]
        public void Truncated_sizes_are_refused()
        {
            IdxFormatException e = Reject(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0 });

            Assert.Contains("truncated header: 3 dimension(s) need 16 header bytes, the file has 10", e.Message);
        }

        [Fact]
        public void Truncated_data_names_expected_and_actual_length()
        {
            byte[] full = Build(8, new[] { 2, 3 }, new byte[] { 1, 2, 3, 4, 5, 6 });
            IdxFormatException e = Reject(full[..^2]);

            Assert.Contains("truncated: dimensions [2, 3] need 18 bytes, the file has 16", e.Message);
        }

        [Fact]
        public void Trailing_bytes_are_refused()
        {
            IdxFormatException e = Reject(Build(8, new[] { 2 }, new byte[] { 1, 2, 3 }));

            Assert.Contains("1 unexpected byte(s) after the data: dimensions [2] need 10 bytes, the file has 11", e.Message);
        }

        [Fact]
        public void Sizes_above_int_max_are_refused()
        {
            IdxFormatException e = Reject(new byte[] { 0, 0, 8, 1, 0x80, 0, 0, 0 });

            Assert.Contains("dimension 0 has size 2147483648", e.Message);
        }

        [Fact]
        public void Sizes_whose_product_is_too_large_are_refused_before_allocating()
        {
            IdxFormatException e = Reject(Build(8, new[] { 65536, 65536 }, new byte[0]));

            Assert.Contains("need more than", e.Message);
        }

        [Fact]
        public void Missing_file_names_the_path()
        {
            FileNotFoundException e = Assert.Throws<FileNotFoundException>(() => IdxReader.Read("/nonexistent/mnist.idx"));

            Assert.Contains("/nonexistent/mnist.idx", e.Message);
        }
    }

    internal static class ByteArrayExtensions
    {
        public static byte[] Concat(this byte[] first, byte[] second)
        {
            var result = new byte[first.Length + second.Length];
            first.CopyTo(result, 0);
            second.CopyTo(result, first.Length);
            return result;
        }
    }
}
