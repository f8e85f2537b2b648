using System;
using System.Linq;
using ConvGen.Reference;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>LossFunctions (used by the generated trainers) against Keras numbers worked out by hand, and its gradients.</summary>
    public class LossFunctionsTests
    {
        private static float Value(Loss loss, float[] y, float[] t, int channels) => LossFunctions.Compute(loss, y, t, channels, default);

        private static void Near(double expected, double actual, double tolerance = 1e-6) =>
            Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

        [Fact]
        public void Mean_squared_error_averages_channels_then_positions()
        {
            // Position 1: ((1-0)^2 + (2-4)^2) / 2 = 2.5; position 2: (0 + 1) / 2 = 0.5; mean 1.5.
            Near(1.5, Value(Loss.MeanSquaredError, new float[] { 1, 2, 3, 3 }, new float[] { 0, 4, 3, 2 }, 2));
        }

        [Fact]
        public void Binary_crossentropy_clips_like_keras_float32()
        {
            Near(-Math.Log(0.8), Value(Loss.BinaryCrossentropy, new[] { 0.8f }, new[] { 1f }, 1));                     // 0.2231436
            Near((-Math.Log(0.8) - Math.Log(1 - 0.3)) / 2, Value(Loss.BinaryCrossentropy, new[] { 0.8f, 0.3f }, new[] { 1f, 0f }, 2));

            // p = 0, t = 1: -log(1e-7) = 16.118096. p = 1, t = 0: Keras clips at float32(1 - 1e-7) = 1 - 2^-23, so -log(2^-23) = 15.942385.
            Near(16.118095, Value(Loss.BinaryCrossentropy, new[] { 0f }, new[] { 1f }, 1));
            Near(23 * Math.Log(2), Value(Loss.BinaryCrossentropy, new[] { 1f }, new[] { 0f }, 1));
            var g = new float[1];
            LossFunctions.Compute(Loss.BinaryCrossentropy, new[] { 1.5f }, new[] { 0f }, 1, g);
            Assert.Equal(0f, g[0]); // clipped: no gradient
        }

        [Fact]
        public void Categorical_crossentropy_normalizes_the_probabilities()
        {
            // y = [0.2, 0.6] sums to 0.8: q = [0.25, 0.75], -log(0.75) = 0.2876821.
            Near(-Math.Log(0.75), Value(Loss.CategoricalCrossentropy, new[] { 0.2f, 0.6f }, new[] { 0f, 1f }, 2));
            Near(-Math.Log(0.75), LossFunctions.Compute(Loss.SparseCategoricalCrossentropy, new[] { 0.2f, 0.6f }, new[] { 1 }, 2, default));
        }

        [Fact]
        public void Logit_forms_are_stable()
        {
            Near(Math.Log(2), Value(Loss.BinaryCrossentropyFromLogits, new[] { 0f }, new[] { 1f }, 1));            // 0.6931472
            Near(2 + Math.Log(1 + Math.Exp(-2)), Value(Loss.BinaryCrossentropyFromLogits, new[] { 2f }, new[] { 0f }, 1)); // 2.126928
            Near(100, Value(Loss.BinaryCrossentropyFromLogits, new[] { -100f }, new[] { 1f }, 1));
            double logZ = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
            Near(logZ - 3, Value(Loss.CategoricalCrossentropyFromLogits, new[] { 1f, 2f, 3f }, new[] { 0f, 0f, 1f }, 3));   // 0.4076059
            Near(logZ - 1, LossFunctions.Compute(Loss.SparseCategoricalCrossentropyFromLogits, new[] { 1f, 2f, 3f }, new[] { 0 }, 3, default));
            Near(1000 + Math.Log(1 + Math.Exp(-1000)), Value(Loss.CategoricalCrossentropyFromLogits, new[] { 0f, 1000f }, new[] { 1f, 0f }, 2));
        }

        [Fact]
        public void Label_out_of_range_names_the_label()
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
                LossFunctions.Compute(Loss.SparseCategoricalCrossentropy, new float[6], new[] { 0, 5 }, 3, default));
            Assert.Contains("Label 1 is 5, outside [0, 3)", ex.Message);
            Assert.Throws<ArgumentException>(() => LossFunctions.Compute(Loss.MeanSquaredError, new float[6], new[] { 0, 1 }, 3, default));
            Assert.Throws<ArgumentException>(() => LossFunctions.Compute(Loss.SparseCategoricalCrossentropy, new float[6], new float[6], 3, default));
            Assert.Throws<ArgumentException>(() => LossFunctions.Compute(Loss.MeanSquaredError, new float[6], new float[5], 3, default));
        }

        [Theory]
        [InlineData(Loss.MeanSquaredError)]
        [InlineData(Loss.BinaryCrossentropy)]
        [InlineData(Loss.CategoricalCrossentropy)]
        [InlineData(Loss.SparseCategoricalCrossentropy)]
        [InlineData(Loss.BinaryCrossentropyFromLogits)]
        [InlineData(Loss.CategoricalCrossentropyFromLogits)]
        [InlineData(Loss.SparseCategoricalCrossentropyFromLogits)]
        public void Values_and_gradients_match_the_reference_and_finite_differences(Loss loss)
        {
            // The reference trainer of a network that passes its input through is the reference loss: its input gradient is d(loss)/d(output).
            const int positions = 6, channels = 3;
            var identity = new NetworkSpec(2, 3, channels, new[] { LayerSpec.ActivationLayer(Activation.Linear) }, training: true);
            var trainer = new ReferenceTrainer(identity, Array.Empty<float>());
            var random = new SeededRandom((ulong)loss + 1);
            bool logits = loss is Loss.BinaryCrossentropyFromLogits or Loss.CategoricalCrossentropyFromLogits or Loss.SparseCategoricalCrossentropyFromLogits or Loss.MeanSquaredError;
            float[] y = Enumerable.Range(0, positions * channels).Select(_ => logits ? random.NextSingle(-3, 3) : random.NextSingle(0.2f, 0.8f)).ToArray();
            float[] t = GradientCheck.Targets(loss, y.Length, channels, random).Select(v => (float)v).ToArray();
            int[] labels = Enumerable.Range(0, positions).Select(_ => random.Next(channels)).ToArray();
            bool sparse = LossFunctions.IsSparse(loss);

            var g = new float[y.Length];
            float value = sparse ? LossFunctions.Compute(loss, y, labels, channels, g) : LossFunctions.Compute(loss, y, t, channels, g);
            var reference = new double[y.Length];
            double[] yd = y.Select(v => (double)v).ToArray();
            double expected = sparse
                ? trainer.ComputeGradients(Array.Empty<double>(), yd, 1, labels, loss, default, reference)
                : trainer.ComputeGradients(Array.Empty<double>(), yd, 1, t.Select(v => (double)v).ToArray(), loss, default, reference);
            Near(expected, value, 1e-6);
            for (int k = 0; k < y.Length; k++)
            {
                Near(reference[k], g[k], 1e-5);

                // Central difference of LossFunctions itself (float values, so a large step).
                float[] plus = (float[])y.Clone(), minus = (float[])y.Clone();
                const float h = 3e-3f;
                plus[k] += h;
                minus[k] -= h;
                double fd = sparse
                    ? (LossFunctions.Compute(loss, plus, labels, channels, default) - LossFunctions.Compute(loss, minus, labels, channels, default)) / (plus[k] - minus[k])
                    : (LossFunctions.Compute(loss, plus, t, channels, default) - LossFunctions.Compute(loss, minus, t, channels, default)) / (plus[k] - minus[k]);
                Assert.True(Math.Abs(fd - g[k]) <= 1e-4 + 1e-3 * Math.Abs(g[k]), $"{loss}: gradient {k} is {g[k]}, finite difference {fd}");
            }
        }
    }
}
