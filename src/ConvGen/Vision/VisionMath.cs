using System;

namespace ConvGen.Vision
{
    /// <summary>Numerically stable helpers shared by the decoder and the loss.</summary>
    internal static class VisionMath
    {
        public static float Sigmoid(float x) => x >= 0 ? 1f / (1f + MathF.Exp(-x)) : MathF.Exp(x) / (1f + MathF.Exp(x));

        /// <summary>log(sum(exp(values))), shifted by the maximum so it never overflows.</summary>
        public static float LogSumExp(ReadOnlySpan<float> values)
        {
            float max = float.NegativeInfinity;
            foreach (float v in values)
                max = MathF.Max(max, v);
            double sum = 0;
            foreach (float v in values)
                sum += Math.Exp(v - max);
            return max + (float)Math.Log(sum);
        }
    }
}
