using System;
using System.Collections.Generic;

namespace ConvGen.Reference
{
    /// <summary>Batch normalization, global pooling and the merge layers.</summary>
    internal static partial class ReferenceLayers
    {
        /// <summary>y = gamma * (x - mean) / sqrt(variance + epsilon) + beta, per channel (the last axis), never folded.</summary>
        public static float[] BatchNormalization(LayerAnalysis layer, float[] x, float[] gamma, float[] beta, float[] mean, float[] variance)
        {
            int channels = layer.InputShape.Channels;
            double epsilon = layer.Spec.Epsilon;
            var y = new float[x.Length];
            for (int k = 0; k < x.Length; k++)
            {
                int c = k % channels;
                y[k] = (float)(gamma[c] * (x[k] - (double)mean[c]) / Math.Sqrt(variance[c] + epsilon) + beta[c]);
            }

            return y;
        }

        /// <summary>[H, W, C] to [C]: the mean or the maximum of each channel over all pixels.</summary>
        public static float[] GlobalPool(LayerAnalysis layer, float[] x, bool max)
        {
            TensorShape i = layer.InputShape;
            int pixels = i.Height * i.Width;
            var y = new float[i.Channels];
            for (int c = 0; c < i.Channels; c++)
            {
                double sum = 0, best = double.NegativeInfinity;
                for (int p = 0; p < pixels; p++)
                {
                    double v = x[p * i.Channels + c];
                    sum += v;
                    best = Math.Max(best, v);
                }

                y[c] = (float)(max ? best : sum / pixels);
            }

            return y;
        }

        /// <summary>Element-wise sum of equally shaped tensors.</summary>
        public static float[] Add(IReadOnlyList<float[]> inputs)
        {
            var y = new float[inputs[0].Length];
            for (int k = 0; k < y.Length; k++)
            {
                double sum = 0;
                foreach (float[] input in inputs)
                {
                    sum += input[k];
                }

                y[k] = (float)sum;
            }

            return y;
        }

        /// <summary>Per pixel, the channels of input 0, then of input 1, ... (channel-axis concatenation).</summary>
        public static float[] Concatenate(LayerAnalysis layer, IReadOnlyList<float[]> inputs)
        {
            TensorShape o = layer.OutputShape;
            int pixels = o.Height * o.Width;
            var y = new float[o.Length];
            for (int p = 0; p < pixels; p++)
            {
                int at = p * o.Channels;
                for (int n = 0; n < inputs.Count; n++)
                {
                    int channels = layer.InputShapes[n].Channels;
                    for (int c = 0; c < channels; c++)
                    {
                        y[at++] = inputs[n][p * channels + c];
                    }
                }
            }

            return y;
        }
    }
}
