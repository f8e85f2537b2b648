using System;
using System.IO;
using System.Text;
using ConvGen.Weights;

namespace ConvGen.Tests.Weights
{
    /// <summary>
    /// Files spelled out byte by byte in the test, independent of the writer: the loader reads what other tools write,
    /// and the writer produces exactly the little-endian bytes of the format on any host (no BitConverter, no host order).
    /// </summary>
    public class SafeTensorsHandWrittenTests
    {
        // IEEE 754 single precision, little-endian byte order, worked out by hand:
        // 1.0 = 0x3F800000, 2.0 = 0x40000000, -1.0 = 0xBF800000, 0.5 = 0x3F000000, 3.0 = 0x40400000, -2.5 = 0xC0200000.
        private static readonly byte[] One = { 0x00, 0x00, 0x80, 0x3F };
        private static readonly byte[] Two = { 0x00, 0x00, 0x00, 0x40 };
        private static readonly byte[] MinusOne = { 0x00, 0x00, 0x80, 0xBF };
        private static readonly byte[] Half = { 0x00, 0x00, 0x00, 0x3F };
        private static readonly byte[] Three = { 0x00, 0x00, 0x40, 0x40 };
        private static readonly byte[] MinusTwoAndAHalf = { 0x00, 0x00, 0x20, 0xC0 };

        [Fact]
        public void Loads_a_file_in_the_layout_other_writers_use()
        {
            // Keys in alphabetical order, the bias stored BEFORE the kernel in the data section, a __metadata__ entry,
            // and the header padded with spaces: what the Python safetensors writer produces.
            string header = "{\"__metadata__\":{\"format\":\"np\"},"
                + "\"dense.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,24]}}   ";
            byte[] data = Concat(Three, MinusTwoAndAHalf, /* kernel */ One, Two, MinusOne, Half);
            byte[] file = SafeTensorsFiles.Build(header, data);
            Assert.Equal(0x3F, file[8 + header.Length + 8 + 3]); // sanity: the kernel's first float is where we put it

            float[] parameters = SafeTensors.LoadParameters(SafeTensorsFiles.TinyDense, file);

            // get_weights() order: kernel [[1, 2], [-1, 0.5]] row-major, then bias [3, -2.5].
            Assert.Equal(new[] { 1f, 2f, -1f, 0.5f, 3f, -2.5f }, parameters);
        }

        [Fact]
        public void Header_length_is_read_as_little_endian()
        {
            // 138 = 0x8A: a big-endian reader would see 0x8A00000000000000 and reject the file as absurd.
            string header = SafeTensorsFiles.TinyHeader + "      ";
            Assert.Equal(138, header.Length);
            var file = new byte[8 + 138 + 24];
            file[0] = 0x8A;
            Encoding.ASCII.GetBytes(header).CopyTo(file, 8);
            Concat(Half, Half, Half, Half, One, Two).CopyTo(file, 8 + 138);

            float[] parameters = SafeTensors.LoadParameters(SafeTensorsFiles.TinyDense, file);

            Assert.Equal(new[] { 0.5f, 0.5f, 0.5f, 0.5f, 1f, 2f }, parameters);
        }

        [Fact]
        public void Writer_produces_exactly_the_expected_bytes()
        {
            byte[] written = SafeTensors.Save(SafeTensorsFiles.TinyDense, new[] { 1f, 2f, -1f, 0.5f, 3f, -2.5f });

            // Header: 132 bytes of JSON in get_weights() order, padded with 4 spaces to 136 = 0x88 (a multiple of 8).
            const string Json = "{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"dense.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}";
            Assert.Equal(132, Json.Length);
            byte[] expected = Concat(
                new byte[] { 0x88, 0, 0, 0, 0, 0, 0, 0 },
                Encoding.ASCII.GetBytes(Json + "    "),
                One, Two, MinusOne, Half, Three, MinusTwoAndAHalf);

            Assert.Equal(expected, written);
        }

        [Fact]
        public void Writer_stores_metadata_sorted_and_first()
        {
            var metadata = new System.Collections.Generic.Dictionary<string, string> { ["z"] = "last", ["a"] = "first" };

            byte[] written = SafeTensors.Save(SafeTensorsFiles.TinyDense, new float[6], metadata);

            string header = Encoding.ASCII.GetString(written, 8, (int)written[0]);
            Assert.StartsWith("{\"__metadata__\":{\"a\":\"first\",\"z\":\"last\"},\"dense.kernel\":", header, StringComparison.Ordinal);
        }

        private static byte[] Concat(params byte[][] parts)
        {
            var stream = new MemoryStream();
            foreach (byte[] part in parts)
            {
                stream.Write(part);
            }

            return stream.ToArray();
        }
    }
}
