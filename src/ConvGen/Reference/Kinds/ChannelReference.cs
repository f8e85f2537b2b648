using System;
using System.Collections.Generic;

namespace ConvGen.Reference
{
    /// <summary>
    /// Batch normalization (inference and training mode), forward and backward, and the Activation layer, whose result
    /// is its input (the activation itself is applied after every layer, see <see cref="ReferenceActivations"/>). Every backward accumulates (+=), so a tensor read by several layers and a batch of images just add up.
    /// </summary>
    internal static class ChannelReference
    {
        public static readonly ReferenceKind[] All =
        {
            // Per image, BatchNormalization runs in inference mode (a frozen layer, or no training): moving statistics, which never get a gradient.
            // Training mode needs the whole batch; the trainer calls BatchNormalizationTraining and its backward itself.
            new ReferenceKind(LayerKind.BatchNormalization, p => BatchNormalization(p.Layer, p.Input, p.Weights[0], p.Weights[1], p.Weights[2], p.Weights[3]),
                (p, dy, dx, dw) => BatchNormalizationBackward(p.Layer, p.Input, p.Weights[0], p.Weights[2], p.Weights[3], dy, dx[0], dw?[0], dw?[1])),
            new ReferenceKind(LayerKind.Activation, p => (double[])p.Input.Clone(), (p, dy, dx, dw) => ReferenceKind.PassThrough(dy, dx[0])),
        };

        /// <summary>Inference mode: y = gamma * (x - mean) / sqrt(variance + epsilon) + beta, per channel (the last axis), never folded.</summary>
        public static double[] BatchNormalization(LayerAnalysis layer, double[] x, double[] gamma, double[] beta, double[] mean, double[] variance)
        {
            int channels = layer.InputShape.Channels;
            double epsilon = layer.Spec.Epsilon;
            var y = new double[x.Length];
            for (int k = 0; k < x.Length; k++)
            {
                int c = k % channels;
                y[k] = gamma[c] * (x[k] - mean[c]) / Math.Sqrt(variance[c] + epsilon) + beta[c];
            }

            return y;
        }

        /// <summary>
        /// The gradient of inference-mode <see cref="BatchNormalization"/> (a frozen layer during training): dx += dy * gamma / sqrt(variance + epsilon);
        /// with the arrays given, dgamma += dy * (x - mean) / sqrt(variance + epsilon) and dbeta += dy.
        /// </summary>
        public static void BatchNormalizationBackward(LayerAnalysis layer, double[] x, double[] gamma, double[] mean, double[] variance, double[] dy, double[] dx,
            double[]? dGamma, double[]? dBeta)
        {
            int channels = layer.InputShape.Channels;
            double epsilon = layer.Spec.Epsilon;
            for (int k = 0; k < x.Length; k++)
            {
                int c = k % channels;
                double inverse = 1 / Math.Sqrt(variance[c] + epsilon);
                dx[k] += dy[k] * gamma[c] * inverse;
                if (dGamma is not null && dBeta is not null)
                {
                    dGamma[c] += dy[k] * (x[k] - mean[c]) * inverse;
                    dBeta[c] += dy[k];
                }
            }
        }

        /// <summary>
        /// Training mode (Keras 3 <c>training=True</c>): per channel, the mean and the biased variance (divided by N*H*W)
        /// over every image and pixel of the batch <paramref name="xs"/>; y = gamma * (x - mean) / sqrt(variance + epsilon) + beta.
        /// </summary>
        public static double[][] BatchNormalizationTraining(LayerAnalysis layer, double[][] xs, double[] gamma, double[] beta, out double[] mean, out double[] variance)
        {
            BatchMoments(layer.InputShape.Channels, xs, out mean, out variance);
            var ys = new double[xs.Length][];
            for (int n = 0; n < xs.Length; n++)
            {
                ys[n] = BatchNormalization(layer, xs[n], gamma, beta, mean, variance);
            }

            return ys;
        }

        /// <summary>
        /// The gradient of <see cref="BatchNormalizationTraining"/>, through the batch statistics: with xhat = (x - mean) / s,
        /// s = sqrt(variance + epsilon) and M = N*H*W values per channel,
        /// dx = gamma / s * (dy - sum(dy) / M - xhat * sum(dy * xhat) / M); dgamma += sum(dy * xhat), dbeta += sum(dy).
        /// </summary>
        public static void BatchNormalizationTrainingBackward(LayerAnalysis layer, double[][] xs, double[] gamma, double[] mean, double[] variance,
            double[][] dys, double[][] dxs, double[]? dGamma, double[]? dBeta)
        {
            int channels = layer.InputShape.Channels;
            double epsilon = layer.Spec.Epsilon;
            var sumDy = new double[channels];
            var sumDyXhat = new double[channels];
            long count = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                for (int k = 0; k < xs[n].Length; k++)
                {
                    int c = k % channels;
                    double xhat = (xs[n][k] - mean[c]) / Math.Sqrt(variance[c] + epsilon);
                    sumDy[c] += dys[n][k];
                    sumDyXhat[c] += dys[n][k] * xhat;
                }

                count += xs[n].Length / channels;
            }

            for (int n = 0; n < xs.Length; n++)
            {
                for (int k = 0; k < xs[n].Length; k++)
                {
                    int c = k % channels;
                    double s = Math.Sqrt(variance[c] + epsilon);
                    double xhat = (xs[n][k] - mean[c]) / s;
                    dxs[n][k] += gamma[c] / s * (dys[n][k] - sumDy[c] / count - xhat * sumDyXhat[c] / count);
                }
            }

            if (dGamma is not null && dBeta is not null)
            {
                for (int c = 0; c < channels; c++)
                {
                    dGamma[c] += sumDyXhat[c];
                    dBeta[c] += sumDy[c];
                }
            }
        }

        /// <summary>Per channel, the mean and the biased variance over all images and pixels (Keras <c>ops.moments</c>).</summary>
        public static void BatchMoments(int channels, double[][] xs, out double[] mean, out double[] variance)
        {
            mean = new double[channels];
            variance = new double[channels];
            long count = 0;
            foreach (double[] x in xs)
            {
                for (int k = 0; k < x.Length; k++)
                {
                    mean[k % channels] += x[k];
                }

                count += x.Length / channels;
            }

            for (int c = 0; c < channels; c++)
            {
                mean[c] /= count;
            }

            foreach (double[] x in xs)
            {
                for (int k = 0; k < x.Length; k++)
                {
                    double d = x[k] - mean[k % channels];
                    variance[k % channels] += d * d;
                }
            }

            for (int c = 0; c < channels; c++)
            {
                variance[c] /= count;
            }
        }
    }
}
