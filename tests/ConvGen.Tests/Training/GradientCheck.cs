using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Reference;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>
    /// Compares the reference trainer's analytic gradients with central finite differences computed in double,
    /// for parameters and inputs. A point where the loss is not smooth within h (a ReLU at 0, a max tie, a clip edge)
    /// shows as one-sided differences that disagree; such points are skipped and counted.
    /// </summary>
    public static class GradientCheck
    {
        public sealed record Result(double MaxRelativeError, int Checked, int Skipped, string Worst);

        /// <summary>Random parameters of plausible size: kernels and biases in [-0.5, 0.5], gamma and variances in [0.5, 1.5].</summary>
        public static double[] RandomParameters(NetworkSpec spec, SeededRandom random)
        {
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            var p = new double[analysis.ParameterCount];
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                foreach (ParameterTensor t in layer.Parameters)
                {
                    bool positive = t.Name is "gamma" or "moving_variance";
                    for (int k = 0; k < t.Length; k++)
                    {
                        // Values exactly representable in float, so the float trainer and this double check see the same network.
                        p[t.Offset + k] = (float)(positive ? 0.5 + random.NextDouble() : random.NextDouble() - 0.5);
                    }
                }
            }

            return p;
        }

        public static double[] Uniform(int count, double low, double high, SeededRandom random)
        {
            var v = new double[count];
            for (int k = 0; k < count; k++)
            {
                v[k] = (float)(low + (high - low) * random.NextDouble());
            }

            return v;
        }

        /// <summary>Targets that suit the loss: probabilities for the probability losses, any numbers for mean squared error.</summary>
        public static double[] Targets(Loss loss, int count, int channels, SeededRandom random)
        {
            switch (loss)
            {
                case Loss.MeanSquaredError:
                    return Uniform(count, -1, 1, random);
                case Loss.CategoricalCrossentropy:
                case Loss.CategoricalCrossentropyFromLogits:
                {
                    // Soft labels summing to 1 per position.
                    double[] t = Uniform(count, 0.05, 1, random);
                    for (int at = 0; at < count; at += channels)
                    {
                        double sum = t.AsSpan(at, channels).ToArray().Sum();
                        for (int c = 0; c < channels; c++)
                        {
                            t[at + c] /= sum;
                        }
                    }

                    return t;
                }

                default:
                    return Uniform(count, 0, 1, random);
            }
        }

        public static Result Run(NetworkSpec spec, int images, Loss loss, ulong seed, int maxParameterChecks = 60, int maxInputChecks = 30)
        {
            var random = new SeededRandom(seed);
            double[] p = RandomParameters(spec, random);
            var trainer = new ReferenceTrainer(spec, p.Select(v => (float)v).ToArray(), seed);
            double[] x = Uniform(images * trainer.InputLength, -1, 1, random);
            bool sparse = LossFunctions.IsSparse(loss);
            int positions = images * trainer.OutputLength / trainer.OutputChannels;
            double[] targets = sparse ? Array.Empty<double>() : Targets(loss, images * trainer.OutputLength, trainer.OutputChannels, random);
            int[] labels = sparse ? Enumerable.Range(0, positions).Select(_ => random.Next(trainer.OutputChannels)).ToArray() : Array.Empty<int>();

            double Loss(double[] pp, double[] xx) => sparse
                ? trainer.ComputeGradients(pp, xx, images, labels, loss, default, default)
                : trainer.ComputeGradients(pp, xx, images, targets, loss, default, default);

            var g = new double[p.Length];
            var gx = new double[x.Length];
            double value = sparse
                ? trainer.ComputeGradients(p, x, images, labels, loss, g, gx)
                : trainer.ComputeGradients(p, x, images, targets, loss, g, gx);
            if (!double.IsFinite(value))
            {
                throw new InvalidOperationException($"The loss is {value}.");
            }

            // Gradients of frozen layers and moving statistics are exactly 0: nothing to difference there.
            var analysis = trainer.Analysis;
            var frozen = new HashSet<int>();
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                foreach (ParameterTensor t in layer.Parameters)
                {
                    if (!layer.Spec.Trainable || t.Name is "moving_mean" or "moving_variance")
                    {
                        for (int k = 0; k < t.Length; k++)
                        {
                            frozen.Add(t.Offset + k);
                            if (g[t.Offset + k] != 0)
                            {
                                throw new InvalidOperationException($"{layer.Name}.{t.Name}[{k}] has gradient {g[t.Offset + k]} but should have none.");
                            }
                        }
                    }
                }
            }

            double worst = 0;
            string worstAt = "none";
            int checkedCount = 0, skipped = 0;
            void Check(double[] values, double[] analytic, int index, string what)
            {
                double v = values[index];
                double h = 1e-6 * Math.Max(1, Math.Abs(v));
                values[index] = v + h;
                double plus = values == p ? Loss(values, x) : Loss(p, values);
                values[index] = v - h;
                double minus = values == p ? Loss(values, x) : Loss(p, values);
                values[index] = v;
                double forward = (plus - value) / h, backward = (value - minus) / h;
                double scale = Math.Max(Math.Max(Math.Abs(forward), Math.Abs(backward)), 1e-3);
                if (Math.Abs(forward - backward) > 1e-3 * scale)
                {
                    skipped++; // a kink within h
                    return;
                }

                double fd = (plus - minus) / (2 * h);
                double error = Math.Abs(analytic[index] - fd) / Math.Max(Math.Max(Math.Abs(analytic[index]), Math.Abs(fd)), 1e-3);
                checkedCount++;
                if (error > worst)
                {
                    worst = error;
                    worstAt = $"{what}[{index}]: analytic {analytic[index]:R}, finite difference {fd:R}";
                }
            }

            foreach (int index in Pick(p.Length, maxParameterChecks, random).Where(i => !frozen.Contains(i)))
            {
                Check(p, g, index, "parameter");
            }

            foreach (int index in Pick(x.Length, maxInputChecks, random))
            {
                Check(x, gx, index, "input");
            }

            return new Result(worst, checkedCount, skipped, worstAt);
        }

        /// <summary>All indices when there are few, else a random subset.</summary>
        private static IEnumerable<int> Pick(int count, int max, SeededRandom random)
        {
            int[] all = Enumerable.Range(0, count).ToArray();
            if (count <= max)
            {
                return all;
            }

            random.Shuffle(all.AsSpan());
            return all.Take(max);
        }
    }
}
