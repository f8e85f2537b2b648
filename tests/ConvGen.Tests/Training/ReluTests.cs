using System;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>The vectorised ReLU and its gradient against the scalar definitions, every length up to 40 (vector bodies and tails).</summary>
    public class ReluTests
    {
        [Fact]
        public void Relu_and_its_gradient_match_the_scalar_definitions()
        {
            var random = new Random(8);
            for (int length = 0; length < 40; length++)
            {
                float[] z = Random(random, length);
                if (length > 3)
                {
                    (z[0], z[1], z[2]) = (float.NaN, -0f, 0f);
                }

                float[] y = Random(random, length);
                TrainingMath.Relu(z, y);
                float[] d = Random(random, length), expectedD = (float[])d.Clone();
                TrainingMath.ReluBackward(z, d);
                for (int i = 0; i < length; i++)
                {
                    float expected = MathF.Max(z[i], 0f);
                    Assert.True(float.IsNaN(expected) ? float.IsNaN(y[i]) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(y[i]), $"relu({z[i]}) = {y[i]}");
                    Assert.Equal(z[i] > 0f ? expectedD[i] : expectedD[i] * 0f, d[i]);
                }
            }
        }

        private static float[] Random(Random random, int length)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = (float)(random.NextDouble() * 2 - 1);
            }

            return values;
        }
    }
}
