using System;

namespace ConvGen.Tests.Infrastructure
{
    /// <summary>Deterministic pseudo-random tensors for tests (fixed seeds, so failures reproduce).</summary>
    public static class TestData
    {
        public static float[] Uniform(Random random, int length, float scale = 1f)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
            }

            return values;
        }

        /// <summary>Weights scaled by 1/sqrt(fan-in) per tensor so activations stay near 1 through deep random nets.</summary>
        public static float[] Parameters(Random random, NetworkAnalysis analysis)
        {
            var values = new float[analysis.ParameterCount];
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                foreach (ParameterTensor tensor in layer.Parameters)
                {
                    int outputs = tensor.Shape[tensor.Shape.Count - 1];
                    double scale = tensor.Name == "bias" ? 0.5 : 1.5 / Math.Sqrt(Math.Max(1, tensor.Length / outputs));
                    bool variance = tensor.Name == "moving_variance"; // BatchNormalization: must be positive
                    for (int i = 0; i < tensor.Length; i++)
                    {
                        values[tensor.Offset + i] = variance ? (float)(0.5 + random.NextDouble()) : (float)((random.NextDouble() * 2 - 1) * scale);
                    }
                }
            }

            return values;
        }

        /// <summary>
        /// Runs a generated network twice (a second run must not start from the first run's partial sums) on seeded
        /// parameters and input, and asserts it matches the reference interpreter within 1e-4 relative.
        /// </summary>
        public static void AssertMatchesInterpreter(NetworkSpec spec, Func<float[], IConvNet> create, int seed, float inputScale = 1f)
        {
            var random = new Random(seed);
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            float[] parameters = Parameters(random, analysis);
            float[] input = Uniform(random, (int)analysis.InputShape.Length, inputScale);
            float[] expected = new ConvGen.Reference.ReferenceInterpreter(spec, parameters).Run(input);
            IConvNet network = create(parameters);
            var actual = new float[network.OutputLength];
            network.Run(input, actual);
            network.Run(input, actual);
            AssertClose(expected, actual, 1e-4, spec.ToString());
        }

        /// <summary>Asserts |actual - expected| &lt;= tolerance * max(1, |expected|) element-wise; the message names the first bad index.</summary>
        public static void AssertClose(float[] expected, float[] actual, double tolerance, string context)
        {
            Assert.True(expected.Length == actual.Length, $"length {actual.Length} != {expected.Length}\n{context}");
            for (int i = 0; i < expected.Length; i++)
            {
                double diff = Math.Abs((double)actual[i] - expected[i]);
                if (!(diff <= tolerance * Math.Max(1.0, Math.Abs(expected[i]))))
                {
                    Assert.Fail($"index {i}: generated {actual[i]:R}, reference {expected[i]:R} (|diff| {diff:E2})\n{context}");
                }
            }
        }
    }
}
