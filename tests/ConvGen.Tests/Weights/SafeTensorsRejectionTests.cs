using System;
using System.IO;
using ConvGen.Weights;
using static ConvGen.Tests.Weights.SafeTensorsFiles;

namespace ConvGen.Tests.Weights
{
    /// <summary>Every way a file can be wrong is refused with a message naming the tensor and what was expected.</summary>
    public class SafeTensorsRejectionTests
    {
        private static readonly byte[] Data24 = new byte[24];

        [Fact]
        public void Missing_tensor_is_named_with_its_expected_shape()
        {
            byte[] file = Build("{" + Entry("dense.kernel", "2,2", 0, 16) + "}", new byte[16]);

            SafeTensorsException e = Reject(file);

            Assert.Equal("dense.bias", e.TensorName);
            AssertMentions(e, "'dense.bias' is missing", "F32 [2]", "expects dense.kernel F32 [2, 2], dense.bias F32 [2]");
        }

        [Fact]
        public void Extra_tensor_is_named()
        {
            string header = "{" + Entry("dense.kernel", "2,2", 0, 16) + "," + Entry("dense.bias", "2", 16, 24) + ","
                + Entry("dense.gamma", "2", 24, 32) + "}";

            SafeTensorsException e = Reject(Build(header, new byte[32]));

            Assert.Equal("dense.gamma", e.TensorName);
            AssertMentions(e, "'dense.gamma' (F32 [2]) is not a parameter of this network");
        }

        [Fact]
        public void Wrong_dtype_names_the_tensor_and_both_types()
        {
            string header = "{" + Entry("dense.kernel", "2,2", 0, 8, dtype: "F16") + "," + Entry("dense.bias", "2", 8, 16) + "}";

            SafeTensorsException e = Reject(Build(header, new byte[16]));

            Assert.Equal("dense.kernel", e.TensorName);
            AssertMentions(e, "'dense.kernel' has dtype F16, expected F32");
        }

        [Fact]
        public void Wrong_shape_names_the_tensor_and_both_shapes()
        {
            // Same number of floats, different shape: a transposed or flattened export must not load silently.
            string header = "{" + Entry("dense.kernel", "4", 0, 16) + "," + Entry("dense.bias", "2", 16, 24) + "}";

            SafeTensorsException e = Reject(Build(header, Data24));

            Assert.Equal("dense.kernel", e.TensorName);
            AssertMentions(e, "'dense.kernel' has shape [4], expected [2, 2]");
        }

        [Fact]
        public void All_mismatches_are_reported_together()
        {
            string header = "{" + Entry("dense.kernel", "2,3", 0, 24) + "," + Entry("extra", "1", 24, 28) + "}";

            SafeTensorsException e = Reject(Build(header, new byte[28]));

            AssertMentions(e, "'dense.kernel' has shape [2, 3]", "'dense.bias' is missing", "'extra' (F32 [1])");
        }

        [Fact]
        public void Truncated_data_is_refused()
        {
            byte[] file = Build(TinyHeader, Data24);
            byte[] cut = file.AsSpan(0, file.Length - 1).ToArray();

            SafeTensorsException e = Reject(cut);

            Assert.Equal("dense.bias", e.TensorName);
            AssertMentions(e, "[16, 24]", "23 bytes", "truncated");
            Assert.Contains("truncated", Assert.Throws<SafeTensorsException>(
                () => SafeTensors.LoadParameters(TinyDense, new ForwardOnlyStream(cut))).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Truncated_header_and_tiny_files_are_refused()
        {
            byte[] file = Build(TinyHeader, Data24);

            AssertMentions(Reject(file.AsSpan(0, 60).ToArray()), "claims 132 bytes but only 52 follow");
            AssertMentions(Reject(new byte[] { 1, 0, 0 }), "3 bytes", "8-byte header length");
            AssertMentions(Reject(Array.Empty<byte>()), "0 bytes");
            Assert.Contains("ended after", Assert.Throws<SafeTensorsException>(
                () => SafeTensors.LoadParameters(TinyDense, new ForwardOnlyStream(file.AsSpan(0, 60).ToArray()))).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Offsets_outside_the_file_are_refused()
        {
            string header = "{" + Entry("dense.kernel", "2,2", 0, 16) + "," + Entry("dense.bias", "2", 1000, 1008) + "}";

            SafeTensorsException e = Reject(Build(header, Data24));

            Assert.Equal("dense.bias", e.TensorName);
            AssertMentions(e, "[1000, 1008]", "beyond the data section, which has 24 bytes");
        }

        [Fact]
        public void Huge_offsets_do_not_overflow()
        {
            string header = "{" + Entry("dense.kernel", "2,2", 0, 16) + "," + Entry("dense.bias", "2", long.MaxValue - 8, long.MaxValue) + "}";

            AssertMentions(Reject(Build(header, Data24)), "'dense.bias'", "beyond the data section");
            string tooBig = "{" + Entry("dense.kernel", "2,2", 0, 16) + ",\"dense.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,18446744073709551615]}}";
            AssertMentions(Reject(Build(tooBig, Data24)), "'dense.bias' data_offsets must hold non-negative integers");
        }

        [Fact]
        public void Overlapping_tensors_are_refused()
        {
            // Both tensors start at 0: the bias would alias the kernel's first two floats.
            string header = "{" + Entry("dense.kernel", "2,2", 0, 16) + "," + Entry("dense.bias", "2", 0, 8) + "}";

            AssertMentions(Reject(Build(header, Data24)), "overlap", "'dense.kernel'", "'dense.bias'");
        }

        [Fact]
        public void Gaps_and_trailing_bytes_are_refused()
        {
            string gap = "{" + Entry("dense.kernel", "2,2", 0, 16) + "," + Entry("dense.bias", "2", 20, 28) + "}";
            AssertMentions(Reject(Build(gap, new byte[28])), "Bytes [16, 20)", "belong to no tensor");

            AssertMentions(Reject(Build(TinyHeader, new byte[25])), "has 25 bytes", "cover only [0, 24)");
            Assert.Contains("continues after", Assert.Throws<SafeTensorsException>(
                () => SafeTensors.LoadParameters(TinyDense, new ForwardOnlyStream(Build(TinyHeader, new byte[25])))).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Offsets_must_span_exactly_the_tensor()
        {
            string header = "{" + Entry("dense.kernel", "2,2", 0, 12) + "," + Entry("dense.bias", "2", 12, 24) + "}";

            SafeTensorsException e = Reject(Build(header, Data24));

            Assert.Equal("dense.kernel", e.TensorName);
            AssertMentions(e, "[0, 12] span 12 bytes, but F32 [2, 2] needs 16");
        }

        [Theory]
        [InlineData("{not json}", "not valid JSON")]
        [InlineData("{\"dense.kernel\":{\"dtype\":\"F32\",}}", "not valid JSON")] // trailing comma
        [InlineData("{} {}", "not valid JSON")]
        [InlineData("[]", "must be a JSON object")]
        [InlineData("", "not valid JSON")]
        [InlineData("{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},\"dense.kernel\":{}}", "lists 'dense.kernel' twice")]
        [InlineData("{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,2]}}", "'dense.kernel' has no 'data_offsets'")]
        [InlineData("{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,-2],\"data_offsets\":[0,16]}}", "non-negative integers, found -2")]
        [InlineData("{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,16]}}", "non-negative integers, found 2.5")]
        [InlineData("{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[16,0]}}", "begin <= end")]
        [InlineData("{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,8,16]}}", "two integers")]
        [InlineData("{\"dense.kernel\":7}", "must be an object")]
        [InlineData("{\"__metadata__\":{\"n\":1}}", "'__metadata__' value 'n' must be a string")]
        public void Malformed_headers_are_refused(string header, string expected)
        {
            AssertMentions(Reject(Build(header, Data24)), expected);
        }

        [Fact]
        public void Absurd_header_lengths_are_refused_before_allocating()
        {
            byte[] huge = Build(TinyHeader, Data24, claimedLength: ulong.MaxValue);
            AssertMentions(Reject(huge), "18446744073709551615 bytes", "100000000-byte limit");

            byte[] big = Build(TinyHeader, Data24, claimedLength: 200_000_000);
            AssertMentions(Reject(big), "200000000 bytes", "limit");

            // Just under the limit but far beyond the file: refused from the length alone.
            byte[] lying = Build(TinyHeader, Data24, claimedLength: 90_000_000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            AssertMentions(Reject(lying), "claims 90000000 bytes but only 156 follow");
            Assert.Throws<SafeTensorsException>(() => SafeTensors.LoadParameters(TinyDense, new MemoryStream(lying)));

            // A stream of unknown length: the buffer grows with what actually arrives, never to the claimed 90 MB.
            Assert.Contains("ended after 156", Assert.Throws<SafeTensorsException>(
                () => SafeTensors.LoadParameters(TinyDense, new ForwardOnlyStream(lying))).Message, StringComparison.Ordinal);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "a lying header length must not drive the allocation");
        }

        [Fact]
        public void Missing_file_is_a_plain_io_error()
        {
            Assert.Throws<FileNotFoundException>(() => SafeTensors.LoadParameters(TinyDense, Path.Combine(Path.GetTempPath(), "convgen-missing-" + Guid.NewGuid().ToString("N"))));
        }

        private static SafeTensorsException Reject(byte[] file)
        {
            // The same verdict from the span and the seekable-stream paths.
            var fromSpan = Assert.Throws<SafeTensorsException>(() => SafeTensors.LoadParameters(TinyDense, file));
            var fromStream = Assert.Throws<SafeTensorsException>(() => SafeTensors.LoadParameters(TinyDense, new MemoryStream(file)));
            Assert.Equal(fromSpan.Message, fromStream.Message);
            return fromSpan;
        }

        private static void AssertMentions(SafeTensorsException e, params string[] parts)
        {
            foreach (string part in parts)
            {
                Assert.True(e.Message.Contains(part, StringComparison.Ordinal), $"'{part}' not in: {e.Message}");
            }
        }
    }
}
