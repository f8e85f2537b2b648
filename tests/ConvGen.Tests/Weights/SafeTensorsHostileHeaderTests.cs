using System;
using System.Linq;
using System.Text;
using ConvGen.Weights;
using static ConvGen.Tests.Weights.SafeTensorsFiles;

namespace ConvGen.Tests.Weights
{
    /// <summary>
    /// Headers under the size cap built to make the loader work hard (a huge name, a huge number of extra tensors,
    /// absurd shapes) are refused at a cost bounded by the header's size, with a short message; unknown fields are
    /// skipped at any depth; invalid UTF-8 is reported with its position.
    /// </summary>
    public class SafeTensorsHostileHeaderTests
    {
        private const int MaxMessage = 4_000;

        [Fact]
        public void A_name_of_millions_of_characters_costs_no_copy_of_it()
        {
            string name = new string('n', 10_000_000);
            string header = "{" + TinyEntries() + "," + Entry(name, "2", 24, 32) + "}";
            AssertBounded(Build(header, new byte[32]), header.Length, "nnnnnnnnnn... (10000000 bytes)", "not a parameter");
        }

        [Fact]
        public void Hundreds_of_thousands_of_extra_tensors_are_counted_not_kept()
        {
            const int Extra = 200_000;
            var header = new StringBuilder("{").Append(TinyEntries());
            for (int i = 0; i < Extra; i++)
            {
                header.Append(',').Append(Entry("t" + i, "1", 24, 24));
            }

            string text = header.Append('}').ToString();
            string message = AssertBounded(Build(text, new byte[24]), text.Length, "not a parameter");
            Assert.Contains($"and {Extra - 3} more tensor(s)", message);
        }

        [Fact]
        public void Sixteen_dimensional_shapes_of_huge_values_give_a_short_message()
        {
            string huge = string.Join(",", Enumerable.Repeat(long.MaxValue, 16));
            var header = new StringBuilder("{").Append(Entry("dense.kernel", huge, 0, 16)).Append(',').Append(Entry("dense.bias", huge, 16, 24));
            for (int i = 0; i < 20_000; i++)
            {
                header.Append(',').Append(Entry("x" + i, huge, 24, 24));
            }

            string text = header.Append('}').ToString();
            string message = AssertBounded(Build(text, new byte[24]), text.Length, "has shape", "expected [2, 2]");
            Assert.Contains("and 19997 more tensor(s)", message);
        }

        [Theory]
        [InlineData(7)]
        [InlineData(200)]
        public void Unknown_fields_are_skipped_at_any_depth(int depth)
        {
            string nested = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            string header = "{\"dense.kernel\":{\"dtype\":\"F32\",\"extra\":" + nested + ",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + Entry("dense.bias", "2", 16, 24) + ",\"__metadata__\":{\"k\":\"v\"}}";
            byte[] data = new byte[24];
            BitConverter.GetBytes(1.5f).CopyTo(data, 16);

            float[] parameters = SafeTensors.LoadParameters(TinyDense, Build(header, data));

            Assert.Equal(1.5f, parameters[4]);
        }

        [Fact]
        public void Invalid_utf8_is_reported_with_its_position()
        {
            byte[] file = Build(TinyHeader, new byte[24]);
            // Replace the 'd' of "dense.bias" (the second tensor name) with a byte that is never valid UTF-8.
            int at = Array.LastIndexOf(file, (byte)'d', 8 + TinyHeader.IndexOf("\"dense.bias\"", StringComparison.Ordinal) + 1);
            file[at] = 0xFF;

            SafeTensorsException e = Assert.Throws<SafeTensorsException>(() => SafeTensors.LoadParameters(TinyDense, file));

            int headerByte = TinyHeader.IndexOf("\"dense.bias\"", StringComparison.Ordinal);
            Assert.Contains($"header byte {headerByte}", e.Message);
            Assert.Contains($"file byte {headerByte + 8}", e.Message);
        }

        private static string TinyEntries() => Entry("dense.kernel", "2,2", 0, 16) + "," + Entry("dense.bias", "2", 16, 24);

        /// <summary>Refused; allocated at most the header's size on this thread; a message under <see cref="MaxMessage"/> characters.</summary>
        private static string AssertBounded(byte[] file, int headerLength, params string[] mentions)
        {
            SafeTensors.LoadParameters(TinyDense, Build(TinyHeader, new byte[24])); // warm up (JIT, statics)
            long before = GC.GetAllocatedBytesForCurrentThread();
            SafeTensorsException e = Assert.Throws<SafeTensorsException>(() => SafeTensors.LoadParameters(TinyDense, file));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < headerLength, $"loading allocated {allocated:N0} bytes for a {headerLength:N0}-byte header");
            Assert.True(e.Message.Length < MaxMessage, $"message of {e.Message.Length:N0} characters: {e.Message.Substring(0, Math.Min(300, e.Message.Length))}...");
            foreach (string mention in mentions)
            {
                Assert.Contains(mention, e.Message);
            }

            return e.Message;
        }
    }
}
