using System.Collections.Generic;

namespace ConvGen.Reference
{
    /// <summary>
    /// Add and Concatenate, forward and backward. Every backward accumulates (+=), so a tensor read by several layers and a batch of images just add up.
    /// </summary>
    internal static class MergeReference
    {
        public static readonly ReferenceKind[] All =
        {
            new ReferenceKind(LayerKind.Add, p => Add(p.Inputs), (p, dy, dx, dw) => AddBackward(dy, dx)),
            new ReferenceKind(LayerKind.Concatenate, p => Concatenate(p.Layer, p.Inputs), (p, dy, dx, dw) => ConcatenateBackward(p.Layer, dy, dx)),
        };

        /// <summary>Element-wise sum of equally shaped tensors.</summary>
        public static double[] Add(IReadOnlyList<double[]> inputs)
        {
            var y = new double[inputs[0].Length];
            for (int k = 0; k < y.Length; k++)
            {
                double sum = 0;
                foreach (double[] input in inputs)
                {
                    sum += input[k];
                }

                y[k] = sum;
            }

            return y;
        }

        /// <summary>The gradient of <see cref="Add"/>: dy to every input.</summary>
        public static void AddBackward(double[] dy, IReadOnlyList<double[]> dxs)
        {
            foreach (double[] dx in dxs)
            {
                for (int k = 0; k < dy.Length; k++)
                {
                    dx[k] += dy[k];
                }
            }
        }

        /// <summary>Per pixel, the channels of input 0, then of input 1, ... (channel-axis concatenation).</summary>
        public static double[] Concatenate(LayerAnalysis layer, IReadOnlyList<double[]> inputs)
        {
            TensorShape o = layer.OutputShape;
            int pixels = o.Height * o.Width;
            var y = new double[o.Length];
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

        /// <summary>The gradient of <see cref="Concatenate"/>: each input gets its own channels of dy back.</summary>
        public static void ConcatenateBackward(LayerAnalysis layer, double[] dy, IReadOnlyList<double[]> dxs)
        {
            TensorShape o = layer.OutputShape;
            int pixels = o.Height * o.Width;
            for (int p = 0; p < pixels; p++)
            {
                int at = p * o.Channels;
                for (int n = 0; n < dxs.Count; n++)
                {
                    int channels = layer.InputShapes[n].Channels;
                    for (int c = 0; c < channels; c++)
                    {
                        dxs[n][p * channels + c] += dy[at++];
                    }
                }
            }
        }
    }
}
