using System;
using System.Linq;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>Keras' default initializers: glorot_uniform kernels with Keras' fans, zeros and ones elsewhere.</summary>
    public class InitializerTests
    {
        private static readonly NetworkSpec Network = new NetworkSpec(16, 16, 3, new[]
        {
            LayerSpec.Conv2D(32, 3, 3),
            LayerSpec.BatchNormalization(),
            LayerSpec.DepthwiseConv2D(3, 3, 2),
            LayerSpec.SeparableConv2D(16, 3, 3),
            LayerSpec.Conv2DTranspose(8, 2, 2, 2, 2),
            LayerSpec.Flatten(),
            LayerSpec.Dense(10),
        });

        [Fact]
        public void Same_seed_same_values_other_seed_other_values()
        {
            float[] a = Initializers.Keras(Network, 7), b = Initializers.Keras(Network, 7), c = Initializers.Keras(Network, 8);
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }

        [Fact]
        public void Kernels_are_glorot_uniform_with_keras_fans()
        {
            float[] p = Initializers.Keras(Network, 1);
            NetworkAnalysis analysis = ShapeInference.Analyze(Network);

            // (tensor, fan_in + fan_out) worked out by hand from Keras' compute_fans on the stored shapes.
            (string Layer, string Tensor, double Fans)[] expected =
            {
                ("conv2d", "kernel", 9 * 3 + 9 * 32),                         // [3, 3, 3, 32]
                ("depthwise_conv2d", "depthwise_kernel", 9 * 32 + 9 * 2),     // [3, 3, 32, 2]
                ("separable_conv2d", "depthwise_kernel", 9 * 64 + 9 * 1),     // [3, 3, 64, 1]
                ("separable_conv2d", "pointwise_kernel", 64 + 16),            // [1, 1, 64, 16]
                ("conv2d_transpose", "kernel", 4 * 8 + 4 * 16),               // [2, 2, 8, 16]: filters, then input channels
                ("dense", "kernel", 20 * 20 * 8 + 10),                        // [3200, 10]
            };

            foreach ((string layerName, string tensorName, double fans) in expected)
            {
                LayerAnalysis layer = analysis.Layers.Single(l => l.Name == layerName);
                ParameterTensor t = layer.Parameters.Single(x => x.Name == tensorName);
                double limit = Math.Sqrt(6 / fans);
                float[] values = p.AsSpan(t.Offset, t.Length).ToArray();
                Assert.All(values, v => Assert.InRange(v, -limit, limit));

                // Uniform(-limit, limit): mean 0, variance limit^2 / 3; loose bounds for the sample size.
                double mean = values.Average(v => (double)v), variance = values.Average(v => (v - mean) * (v - mean));
                Assert.InRange(mean, -limit * 4 / Math.Sqrt(3 * values.Length), limit * 4 / Math.Sqrt(3 * values.Length));
                Assert.InRange(variance, limit * limit / 3 * 0.8, limit * limit / 3 * 1.2);
                Assert.True(values.Max() > limit * 0.8 && values.Min() < -limit * 0.8, $"{layerName}.{tensorName} does not span its range");
            }
        }

        [Fact]
        public void Biases_are_zero_and_batch_norm_starts_at_identity()
        {
            float[] p = Initializers.Keras(Network, 3);
            NetworkAnalysis analysis = ShapeInference.Analyze(Network);
            foreach (ParameterTensor t in analysis.Layers.SelectMany(l => l.Parameters))
            {
                float[] values = p.AsSpan(t.Offset, t.Length).ToArray();
                switch (t.Name)
                {
                    case "bias":
                    case "beta":
                    case "moving_mean":
                        Assert.All(values, v => Assert.Equal(0f, v));
                        break;
                    case "gamma":
                    case "moving_variance":
                        Assert.All(values, v => Assert.Equal(1f, v));
                        break;
                }
            }

            Assert.Equal(analysis.ParameterCount, p.Length);
        }

        [Fact]
        public void Compute_fans_follows_keras()
        {
            Initializers.ComputeFans(new[] { 5, 7 }, out double fanIn, out double fanOut);
            Assert.Equal((5.0, 7.0), (fanIn, fanOut));
            Initializers.ComputeFans(new[] { 3, 2, 4, 6 }, out fanIn, out fanOut);
            Assert.Equal((24.0, 36.0), (fanIn, fanOut));
            Initializers.ComputeFans(new[] { 9 }, out fanIn, out fanOut);
            Assert.Equal((9.0, 9.0), (fanIn, fanOut));
        }

        [Fact]
        public void Invalid_network_is_rejected()
        {
            var bad = new NetworkSpec(2, 2, 1, new[] { LayerSpec.Conv2D(1, 3, 3) });
            Assert.Throws<InvalidNetworkException>(() => Initializers.Keras(bad, 0));
        }
    }
}
