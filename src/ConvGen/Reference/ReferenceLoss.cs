using System;
using ConvGen.Training;

namespace ConvGen.Reference
{
    /// <summary>
    /// The losses of <see cref="Loss"/> in double, written independently of <see cref="LossFunctions"/> (which the
    /// generated trainers use) so each checks the other: the mean over output positions, and d(loss)/d(output).
    /// </summary>
    internal static class ReferenceLoss
    {
        /// <summary>
        /// Mean loss over the positions of <paramref name="y"/> (runs of <paramref name="channels"/> values); targets for the
        /// dense losses, one label per position for the sparse ones. Gradients into <paramref name="dy"/> when not null.
        /// </summary>
        public static double Compute(Loss loss, double[] y, double[]? targets, int[]? labels, int channels, double[]? dy)
        {
            int positions = y.Length / channels;
            double total = 0;
            for (int p = 0; p < positions; p++)
            {
                int at = p * channels;
                var t = new double[channels];
                for (int c = 0; c < channels; c++)
                {
                    t[c] = labels is null ? targets![at + c] : labels[p] == c ? 1 : 0;
                }

                var g = new double[channels];
                total += Position(loss, y.AsSpan(at, channels), t, g);
                if (dy is not null)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        dy[at + c] = g[c] / positions;
                    }
                }
            }

            return total / positions;
        }

        private static double Position(Loss loss, ReadOnlySpan<double> y, double[] t, double[] g)
        {
            int n = y.Length;
            double value = 0;
            switch (loss)
            {
                case Loss.MeanSquaredError:
                    for (int c = 0; c < n; c++)
                    {
                        value += (y[c] - t[c]) * (y[c] - t[c]) / n;
                        g[c] = 2 * (y[c] - t[c]) / n;
                    }

                    return value;

                case Loss.BinaryCrossentropy:
                    // Keras 3: p = clip(y, eps, 1 - eps); -(t log p + (1 - t) log(1 - p)), mean over channels; no gradient where clipped.
                    for (int c = 0; c < n; c++)
                    {
                        double p = Math.Clamp(y[c], LossFunctions.ClipLow, LossFunctions.ClipHigh);
                        value -= (t[c] * Math.Log(p) + (1 - t[c]) * Math.Log(1 - p)) / n;
                        g[c] = p == y[c] ? (-t[c] / p + (1 - t[c]) / (1 - p)) / n : 0;
                    }

                    return value;

                case Loss.BinaryCrossentropyFromLogits:
                    // log(1 + e^x) - t x, written stably; derivative sigmoid(x) - t.
                    for (int c = 0; c < n; c++)
                    {
                        double x = y[c];
                        value += (Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))) - t[c] * x) / n;
                        g[c] = (1 / (1 + Math.Exp(-x)) - t[c]) / n;
                    }

                    return value;

                case Loss.CategoricalCrossentropy:
                case Loss.SparseCategoricalCrossentropy:
                {
                    // Keras 3: q = clip(y / sum(y), eps, 1 - eps); -sum t log q. Chain rule through the normalization:
                    // dq_i/dy_j = (delta_ij - q_i) / sum(y); no gradient through a clipped q.
                    double sum = 0;
                    for (int c = 0; c < n; c++)
                    {
                        sum += y[c];
                    }

                    var dq = new double[n];
                    for (int c = 0; c < n; c++)
                    {
                        double q = y[c] / sum;
                        double clipped = Math.Clamp(q, LossFunctions.ClipLow, LossFunctions.ClipHigh);
                        value -= t[c] * Math.Log(clipped);
                        dq[c] = clipped == q ? -t[c] / q : 0;
                    }

                    for (int j = 0; j < n; j++)
                    {
                        double d = 0;
                        for (int i = 0; i < n; i++)
                        {
                            d += dq[i] * ((i == j ? 1 : 0) - y[i] / sum) / sum;
                        }

                        g[j] = d;
                    }

                    return value;
                }

                case Loss.CategoricalCrossentropyFromLogits:
                case Loss.SparseCategoricalCrossentropyFromLogits:
                {
                    // -sum t log softmax(x); derivative softmax(x) * sum(t) - t.
                    double max = double.NegativeInfinity, z = 0, tsum = 0;
                    for (int c = 0; c < n; c++)
                    {
                        max = Math.Max(max, y[c]);
                    }

                    for (int c = 0; c < n; c++)
                    {
                        z += Math.Exp(y[c] - max);
                    }

                    for (int c = 0; c < n; c++)
                    {
                        double logSoftmax = y[c] - max - Math.Log(z);
                        value -= t[c] * logSoftmax;
                        tsum += t[c];
                    }

                    for (int c = 0; c < n; c++)
                    {
                        g[c] = Math.Exp(y[c] - max) / z * tsum - t[c];
                    }

                    return value;
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
            }
        }
    }
}
