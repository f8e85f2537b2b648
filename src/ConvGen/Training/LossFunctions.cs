using System;

namespace ConvGen.Training
{
    /// <summary>
    /// Loss values and their gradients with respect to the network output, for a whole batch at once (Keras 3's
    /// definitions, see <see cref="Loss"/>). Shared by the generated trainers and the reference trainer; sums in double.
    /// </summary>
    public static class LossFunctions
    {
        /// <summary>Keras' <c>backend.epsilon()</c>, the clip margin for probabilities.</summary>
        public const double Epsilon = 1e-7;

        /// <summary>
        /// The clip bounds Keras applies to float32 probabilities: clip(p, 1e-7, 1 - 1e-7) with both bounds rounded to
        /// float, so the upper one is 1 - 2^-23 (0.99999988) and -log(1 - upper) is 15.942, not 16.118.
        /// </summary>
        public const double ClipLow = (double)1e-7f, ClipHigh = 0.99999988079071044921875;

        /// <summary>Whether <paramref name="loss"/> takes integer labels rather than target tensors.</summary>
        public static bool IsSparse(Loss loss) => loss is Loss.SparseCategoricalCrossentropy or Loss.SparseCategoricalCrossentropyFromLogits;

        /// <summary>
        /// Mean loss over every output position of the batch, and d(loss)/d(output) into <paramref name="outputGradients"/>
        /// (null span: value only). <paramref name="outputs"/> and <paramref name="targets"/> hold whole images one after
        /// the other, each position a run of <paramref name="channels"/> values.
        /// </summary>
        /// <exception cref="ArgumentException">Lengths disagree, or <paramref name="loss"/> is a sparse loss.</exception>
        public static float Compute(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int channels, Span<float> outputGradients)
        {
            if (IsSparse(loss))
            {
                throw new ArgumentException($"{loss} takes integer labels: use the overload with ReadOnlySpan<int> labels.", nameof(loss));
            }

            CheckShapes(outputs, channels, outputGradients);
            if (targets.Length != outputs.Length)
            {
                throw new ArgumentException($"Expected {outputs.Length} target values (one per output value) but got {targets.Length}.", nameof(targets));
            }

            int positions = outputs.Length / channels;
            double total = 0;
            for (int p = 0; p < positions; p++)
            {
                int at = p * channels;
                Span<float> g = outputGradients.IsEmpty ? default : outputGradients.Slice(at, channels);
                total += Position(loss, outputs.Slice(at, channels), targets.Slice(at, channels), -1, g, positions);
            }

            return (float)(total / positions);
        }

        /// <summary>
        /// The sparse losses: one class index per output position (per image for a flat output, per pixel for an
        /// [H, W, classes] output). Otherwise as the overload with targets.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A label outside [0, channels); the message names its index and value.</exception>
        public static float Compute(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, int channels, Span<float> outputGradients)
        {
            if (!IsSparse(loss))
            {
                throw new ArgumentException($"{loss} takes target tensors: use the overload with ReadOnlySpan<float> targets.", nameof(loss));
            }

            CheckShapes(outputs, channels, outputGradients);
            int positions = outputs.Length / channels;
            if (labels.Length != positions)
            {
                throw new ArgumentException($"Expected {positions} labels (one per output position) but got {labels.Length}.", nameof(labels));
            }

            CheckLabels(labels, channels);
            double total = 0;
            for (int p = 0; p < positions; p++)
            {
                int at = p * channels;
                Span<float> g = outputGradients.IsEmpty ? default : outputGradients.Slice(at, channels);
                total += Position(loss, outputs.Slice(at, channels), default, labels[p], g, positions);
            }

            return (float)(total / positions);
        }

        /// <summary>Throws naming the first label outside [0, classes).</summary>
        public static void CheckLabels(ReadOnlySpan<int> labels, int classes)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)classes)
                {
                    throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                        $"Label {i} is {labels[i]}, outside [0, {classes}): the network has {classes} classes.");
                }
            }
        }

        private static void CheckShapes(ReadOnlySpan<float> outputs, int channels, Span<float> outputGradients)
        {
            if (channels <= 0 || outputs.Length == 0 || outputs.Length % channels != 0)
            {
                throw new ArgumentException($"Expected a non-empty output whose length is a multiple of {channels} channels but got {outputs.Length} values.", nameof(outputs));
            }

            if (!outputGradients.IsEmpty && outputGradients.Length != outputs.Length)
            {
                throw new ArgumentException($"Expected {outputs.Length} output gradients but got {outputGradients.Length}.", nameof(outputGradients));
            }
        }

        /// <summary>One position's loss; its gradient (already divided by the number of positions) into <paramref name="g"/>.</summary>
        private static double Position(Loss loss, ReadOnlySpan<float> y, ReadOnlySpan<float> t, int label, Span<float> g, int positions)
        {
            int c = y.Length;
            bool grad = !g.IsEmpty;
            double scale = 1.0 / positions;
            double sum = 0;
            switch (loss)
            {
                case Loss.MeanSquaredError:
                    for (int i = 0; i < c; i++)
                    {
                        double d = (double)y[i] - t[i];
                        sum += d * d;
                        if (grad)
                        {
                            g[i] = (float)(2 * d / c * scale);
                        }
                    }

                    return sum / c;

                case Loss.BinaryCrossentropy:
                    for (int i = 0; i < c; i++)
                    {
                        double p = Clip(y[i]), ti = t[i];
                        sum -= ti * Math.Log(p) + (1 - ti) * Math.Log(1 - p);
                        if (grad)
                        {
                            g[i] = Inside(y[i]) ? (float)((-ti / p + (1 - ti) / (1 - p)) / c * scale) : 0f;
                        }
                    }

                    return sum / c;

                case Loss.BinaryCrossentropyFromLogits:
                    for (int i = 0; i < c; i++)
                    {
                        double x = y[i], ti = t[i];
                        sum += Math.Max(x, 0) - x * ti + Math.Log(1 + Math.Exp(-Math.Abs(x)));
                        if (grad)
                        {
                            g[i] = (float)((Sigmoid(x) - ti) / c * scale);
                        }
                    }

                    return sum / c;

                case Loss.CategoricalCrossentropy:
                case Loss.SparseCategoricalCrossentropy:
                {
                    // Keras: q = y / sum(y), clipped; loss = -sum t log q. dq_i/dy_j = (delta_ij - q_i) / S.
                    double s = 0;
                    for (int i = 0; i < c; i++)
                    {
                        s += y[i];
                    }

                    double dot = 0;
                    for (int i = 0; i < c; i++)
                    {
                        double ti = label < 0 ? t[i] : (i == label ? 1 : 0);
                        double q = y[i] / s;
                        double qc = Clip(q);
                        sum -= ti * Math.Log(qc);
                        if (grad)
                        {
                            double dq = Inside(q) ? -ti / qc : 0;
                            g[i] = (float)dq; // temporarily dl/dq
                            dot += dq * q;
                        }
                    }

                    if (grad)
                    {
                        for (int i = 0; i < c; i++)
                        {
                            g[i] = (float)((g[i] - dot) / s * scale);
                        }
                    }

                    return sum;
                }

                case Loss.CategoricalCrossentropyFromLogits:
                case Loss.SparseCategoricalCrossentropyFromLogits:
                {
                    double max = double.NegativeInfinity;
                    for (int i = 0; i < c; i++)
                    {
                        max = Math.Max(max, y[i]);
                    }

                    double z = 0;
                    for (int i = 0; i < c; i++)
                    {
                        z += Math.Exp(y[i] - max);
                    }

                    double logZ = Math.Log(z) + max, tsum = 0;
                    for (int i = 0; i < c; i++)
                    {
                        double ti = label < 0 ? t[i] : (i == label ? 1 : 0);
                        sum -= ti * (y[i] - logZ);
                        tsum += ti;
                    }

                    if (grad)
                    {
                        for (int i = 0; i < c; i++)
                        {
                            double ti = label < 0 ? t[i] : (i == label ? 1 : 0);
                            g[i] = (float)((Math.Exp(y[i] - logZ) * tsum - ti) * scale);
                        }
                    }

                    return sum;
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
            }
        }

        private static double Clip(double p) => Math.Min(Math.Max(p, ClipLow), ClipHigh);

        private static bool Inside(double p) => p > ClipLow && p < ClipHigh;

        private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
    }
}
