using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;

namespace ConvGen.Tests.Training
{
    /// <summary>The reference trainer's gradients against central finite differences in double.</summary>
    public class ReferenceGradientTests
    {
        private const double Tolerance = 1e-5;
        private readonly ITestOutputHelper _output;

        public ReferenceGradientTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Kinds => GradientCases.Networks.Keys.Select(k => new object[] { k });

        public static IEnumerable<object[]> Activations => Enum.GetValues<Activation>().Distinct().Select(a => new object[] { a });

        public static IEnumerable<object[]> Losses => Enum.GetValues<Loss>().Select(l => new object[] { l });

        [Theory]
        [MemberData(nameof(Kinds))]
        public void Every_layer_kind_matches_finite_differences(string name)
        {
            NetworkSpec spec = GradientCases.Networks[name];
            foreach (int images in new[] { 1, 3 })
            {
                Assert(name + $", batch {images}", GradientCheck.Run(spec, images, Loss.MeanSquaredError, (ulong)(name.Length * 31 + images)));
            }
        }

        [Theory]
        [MemberData(nameof(Activations))]
        public void Every_activation_matches_finite_differences(Activation activation)
        {
            // Inputs spread over [-4, 4] (cross HardSigmoid's and ReLU6's edges) through a scaled 1x1 convolution.
            var spec = new NetworkSpec(3, 3, 2, new[]
            {
                LayerSpec.Conv2D(3, 1, 1, activation: activation, negativeSlope: activation == Activation.ELU ? 0.7f : 0.2f),
                LayerSpec.ActivationLayer(activation, activation == Activation.ELU ? 1.3f : 0.1f),
                LayerSpec.Conv2D(2, 1, 1),
            }, training: true);
            Assert(activation.ToString(), GradientCheck.Run(spec, 2, Loss.MeanSquaredError, (ulong)activation + 5));
        }

        [Theory]
        [MemberData(nameof(Losses))]
        public void Every_loss_matches_finite_differences(Loss loss)
        {
            Activation last = loss switch
            {
                Loss.BinaryCrossentropy => Activation.Sigmoid,
                Loss.CategoricalCrossentropy or Loss.SparseCategoricalCrossentropy => Activation.Softmax,
                _ => Activation.Linear,
            };

            // A per-pixel classifier ([H, W, classes] output) and a flat one.
            var pixels = new NetworkSpec(3, 2, 2, new[] { LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same, activation: last) }, training: true);
            var flat = new NetworkSpec(2, 2, 2, new[] { LayerSpec.Flatten(), LayerSpec.Dense(3, activation: last) }, training: true);
            Assert(loss + " per pixel", GradientCheck.Run(pixels, 2, loss, (ulong)loss + 11));
            Assert(loss + " flat", GradientCheck.Run(flat, 3, loss, (ulong)loss + 17));
        }

        /// <summary>CONVGEN_FD_NETWORKS=250 runs a longer sweep (about 20 s).</summary>
        [Fact]
        public void Random_networks_match_finite_differences()
        {
            var random = new Random(20261130);
            for (int n = 0; n < int.Parse(Environment.GetEnvironmentVariable("CONVGEN_FD_NETWORKS") ?? "12"); n++)
            {
                NetworkSpec drawn = Generated.RandomNetworks.Draw(random);
                var spec = new NetworkSpec(drawn.InputHeight, drawn.InputWidth, drawn.InputChannels, drawn.Layers, training: true);
                int images = 1 + n % 4;
                Assert($"random network {n} (batch {images}):\n{spec}", GradientCheck.Run(spec, images, Loss.MeanSquaredError, (ulong)n, 40, 20), allowSkips: true);
            }
        }

        private void Assert(string what, GradientCheck.Result result, bool allowSkips = false)
        {
            _output.WriteLine($"{what}: max relative error {result.MaxRelativeError:E2} over {result.Checked} points ({result.Skipped} at kinks); worst {result.Worst}");
            Xunit.Assert.True(result.MaxRelativeError < Tolerance, $"{what}: relative error {result.MaxRelativeError:E2} at {result.Worst}");
            Xunit.Assert.True(result.Checked > 0, $"{what}: no point checked");
            if (!allowSkips)
            {
                Xunit.Assert.True(result.Skipped * 5 <= result.Checked, $"{what}: {result.Skipped} of {result.Checked + result.Skipped} points skipped as kinks");
            }
        }
    }
}
