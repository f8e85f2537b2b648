using System;
using System.Collections.Generic;
using System.IO;
using ConvGen.Tests.Infrastructure;
using ConvGen.Weights;

namespace ConvGen.Tests.Weights
{
    public class SafeTensorsRoundTripTests
    {
        [Fact]
        public void Tensor_names_follow_the_layer_names_in_get_weights_order()
        {
            IReadOnlyList<string> names = SafeTensors.TensorNames(SafeTensorsFiles.Small);

            Assert.Equal(new[] { "conv2d.kernel", "conv2d.bias", "conv2d_1.kernel", "dense.kernel", "dense.bias" }, names);
        }

        [Fact]
        public void Bytes_stream_and_file_round_trip_bit_for_bit()
        {
            float[] parameters = TestData.Uniform(new Random(60), 156, 3f);
            // Values whose bits must survive exactly: signed zero, extremes, subnormal, infinities, NaN payload.
            parameters[0] = -0f;
            parameters[1] = float.MaxValue;
            parameters[2] = float.Epsilon;
            parameters[3] = float.NegativeInfinity;
            parameters[4] = BitConverter.Int32BitsToSingle(0x7FC01234);
            NetworkSpec spec = SafeTensorsFiles.Small;

            byte[] bytes = SafeTensors.Save(spec, parameters);
            AssertSameBits(parameters, SafeTensors.LoadParameters(spec, bytes));

            var stream = new MemoryStream();
            SafeTensors.Save(spec, parameters, stream);
            Assert.Equal(bytes, stream.ToArray());
            stream.Position = 0;
            AssertSameBits(parameters, SafeTensors.LoadParameters(spec, stream));
            AssertSameBits(parameters, SafeTensors.LoadParameters(spec, new ForwardOnlyStream(bytes)));

            string path = Path.Combine(Path.GetTempPath(), $"convgen-{Guid.NewGuid():N}.safetensors");
            try
            {
                SafeTensors.Save(spec, parameters, path);
                Assert.Equal(bytes, File.ReadAllBytes(path));
                Assert.False(File.Exists(path + ".tmp"));
                AssertSameBits(parameters, SafeTensors.LoadParameters(spec, path));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Stream_may_start_after_other_content()
        {
            byte[] file = SafeTensors.Save(SafeTensorsFiles.TinyDense, new[] { 1f, 2f, 3f, 4f, 5f, 6f });
            var stream = new MemoryStream();
            stream.Write(new byte[] { 9, 9, 9 });
            stream.Write(file);
            stream.Position = 3;

            Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, SafeTensors.LoadParameters(SafeTensorsFiles.TinyDense, stream));
        }

        [Fact]
        public void Network_without_parameters_round_trips_an_empty_file()
        {
            var spec = new NetworkSpec(4, 4, 1, new[] { LayerSpec.MaxPool2D(2, 2) });

            byte[] file = SafeTensors.Save(spec, ReadOnlySpan<float>.Empty);

            Assert.Equal("{}      ", System.Text.Encoding.ASCII.GetString(file, 8, file.Length - 8));
            Assert.Empty(SafeTensors.LoadParameters(spec, file));
        }

        [Fact]
        public void Loaded_parameters_drive_the_interpreter_like_the_originals()
        {
            NetworkSpec spec = SafeTensorsFiles.Small;
            float[] parameters = TestData.Uniform(new Random(61), 156);
            float[] input = TestData.Uniform(new Random(62), 50);

            float[] loaded = SafeTensors.LoadParameters(spec, SafeTensors.Save(spec, parameters));

            Assert.Equal(
                new global::ConvGen.Reference.ReferenceInterpreter(spec, parameters).Run(input),
                new global::ConvGen.Reference.ReferenceInterpreter(spec, loaded).Run(input));
        }

        [Fact]
        public void Save_rejects_a_wrong_parameter_count_with_both_sizes()
        {
            var e = Assert.Throws<ArgumentException>(() => SafeTensors.Save(SafeTensorsFiles.Small, new float[155]));

            Assert.Contains("156", e.Message, StringComparison.Ordinal);
            Assert.Contains("155", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Invalid_network_is_reported_as_such()
        {
            var spec = new NetworkSpec(2, 2, 1, new[] { LayerSpec.Conv2D(1, 3, 3) }); // 3x3 kernel on 2x2 valid input

            Assert.Throws<InvalidNetworkException>(() => SafeTensors.LoadParameters(spec, new byte[16]));
            Assert.Throws<InvalidNetworkException>(() => SafeTensors.Save(spec, new float[10]));
        }

        private static void AssertSameBits(float[] expected, float[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"index {i}: {expected[i]:R} != {actual[i]:R}");
            }
        }
    }
}
