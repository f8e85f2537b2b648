using System;

namespace ConvGen.Reference
{
    /// <summary>
    /// Dense, forward and backward; Flatten (NHWC memory is already in H, W, C order) and Dropout (the identity at inference,
    /// kept values scaled by 1 / (1 - rate) in training) only pass their input on. Every backward accumulates (+=), so a tensor read by several layers and a batch of images just add up.
    /// </summary>
    internal static class DenseReference
    {
        public static readonly ReferenceKind[] All =
        {
            new ReferenceKind(LayerKind.Dense, p => Dense(p.Layer, p.Input, p.Weights[0], p.Bias),
                (p, dy, dx, dw) => DenseBackward(p.Layer, p.Input, p.Weights[0], dy, dx[0], dw?[0], ConvolutionReference.BiasGradient(p, dw))),
            new ReferenceKind(LayerKind.Flatten, p => (double[])p.Input.Clone(), (p, dy, dx, dw) => ReferenceKind.PassThrough(dy, dx[0])),
            new ReferenceKind(LayerKind.Dropout, Dropout, DropoutBackward),
        };

        /// <summary>Training mode: kept values scaled by 1 / (1 - rate), the rest 0; inference: the identity.</summary>
        private static double[] Dropout(LayerPass p)
        {
            double[] x = p.Input;
            if (p.Keeps is not { } keeps)
            {
                return (double[])x.Clone();
            }

            var y = new double[x.Length];
            double rate = p.Layer.Spec.Rate;
            for (int k = 0; k < x.Length; k++)
            {
                y[k] = keeps(k) ? x[k] / (1.0 - rate) : 0.0;
            }

            return y;
        }

        /// <summary>The gradient of <see cref="Dropout"/>: dx += dy / (1 - rate) where the value was kept (all of dy at inference).</summary>
        private static void DropoutBackward(LayerPass p, double[] dy, double[][] dx, double[][]? dw)
        {
            if (p.Keeps is not { } keeps)
            {
                ReferenceKind.PassThrough(dy, dx[0]);
                return;
            }

            double rate = p.Layer.Spec.Rate;
            for (int k = 0; k < dy.Length; k++)
            {
                if (keeps(k))
                {
                    dx[0][k] += dy[k] / (1.0 - rate);
                }
            }
        }

        /// <summary>y[o] = b[o] + sum over i of x[i] * k[i, o].</summary>
        public static double[] Dense(LayerAnalysis layer, double[] x, double[] kernel, double[]? bias)
        {
            int inputs = layer.InputShape.Channels, units = layer.OutputShape.Channels;
            var y = new double[units];
            for (int o = 0; o < units; o++)
            {
                double sum = bias is null ? 0.0 : bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    sum += x[i] * kernel[i * units + o];
                }

                y[o] = sum;
            }

            return y;
        }

        /// <summary>The gradient of <see cref="Dense"/>: dx[i] += sum_o dy[o] k[i, o], dk[i, o] += x[i] dy[o], db[o] += dy[o].</summary>
        public static void DenseBackward(LayerAnalysis layer, double[] x, double[] kernel, double[] dy, double[] dx, double[]? dKernel, double[]? dBias)
        {
            int inputs = layer.InputShape.Channels, units = layer.OutputShape.Channels;
            for (int o = 0; o < units; o++)
            {
                if (dBias is not null)
                {
                    dBias[o] += dy[o];
                }

                for (int i = 0; i < inputs; i++)
                {
                    dx[i] += dy[o] * kernel[i * units + o];
                    if (dKernel is not null)
                    {
                        dKernel[i * units + o] += x[i] * dy[o];
                    }
                }
            }
        }
    }
}
