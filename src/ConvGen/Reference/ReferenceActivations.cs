using System;

namespace ConvGen.Reference
{
    /// <summary>The activations in double precision, written from their Keras definitions, and their derivatives.</summary>
    internal static class ReferenceActivations
    {
        /// <summary>
        /// Applies the activation in place; softmax runs over each group of <paramref name="channels"/> values (the last axis).
        /// <paramref name="negativeSlope"/> is LeakyReLU's slope or ELU's alpha.
        /// </summary>
        public static void Activate(double[] y, int channels, Activation activation, float negativeSlope)
        {
            switch (activation)
            {
                case Activation.Linear:
                    return;
                case Activation.Softmax:
                    for (int start = 0; start < y.Length; start += channels)
                    {
                        double max = double.NegativeInfinity, sum = 0;
                        for (int c = 0; c < channels; c++)
                        {
                            max = Math.Max(max, y[start + c]);
                        }

                        for (int c = 0; c < channels; c++)
                        {
                            sum += Math.Exp(y[start + c] - max);
                        }

                        for (int c = 0; c < channels; c++)
                        {
                            y[start + c] = Math.Exp(y[start + c] - max) / sum;
                        }
                    }

                    return;
                default:
                    for (int k = 0; k < y.Length; k++)
                    {
                        y[k] = Apply(activation, y[k], negativeSlope);
                    }

                    return;
            }
        }

        /// <summary>One value through an element-wise activation.</summary>
        public static double Apply(Activation activation, double v, double negativeSlope) => activation switch
        {
            Activation.Linear => v,
            Activation.ReLU => Math.Max(v, 0.0),
            Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-v)),
            Activation.Tanh => Math.Tanh(v),
            Activation.LeakyReLU => v >= 0 ? v : negativeSlope * v,
            Activation.ReLU6 => Math.Min(Math.Max(v, 0.0), 6.0),
            Activation.HardSigmoid => Math.Min(Math.Max(v + 3.0, 0.0), 6.0) / 6.0,
            Activation.Swish => v / (1.0 + Math.Exp(-v)),
            Activation.HardSwish => v * Math.Min(Math.Max(v + 3.0, 0.0), 6.0) / 6.0,
            Activation.ELU => v > 0 ? v : negativeSlope * (Math.Exp(v) - 1.0),
            Activation.GELUTanh => 0.5 * v * (1.0 + Math.Tanh(Math.Sqrt(2.0 / Math.PI) * (v + 0.044715 * v * v * v))),
            Activation.GELUErf => 0.5 * v * (1.0 + Erf(v / Math.Sqrt(2.0))),
            _ => throw new NotSupportedException($"Activation {activation} is not supported by the reference interpreter."),
        };

        /// <summary>
        /// The gradient of <see cref="Activate"/>: d(loss)/d(pre-activation) from the pre-activation <paramref name="z"/>,
        /// the activation <paramref name="y"/> and d(loss)/d(y). Softmax: dz = y * (dy - sum(dy * y)) per group of channels.
        /// At kinks the derivative is TensorFlow's: ReLU and ReLU6 0 at the edges, LeakyReLU slope at 0, ELU alpha at 0,
        /// hard sigmoid and hard swish as their open linear piece's neighbour (0 and 0 / 1 outside (-3, 3)).
        /// </summary>
        public static double[] ActivateBackward(double[] z, double[] y, double[] dy, int channels, Activation activation, float negativeSlope)
        {
            var dz = new double[z.Length];
            if (activation == Activation.Softmax)
            {
                for (int start = 0; start < z.Length; start += channels)
                {
                    double dot = 0;
                    for (int c = 0; c < channels; c++)
                    {
                        dot += dy[start + c] * y[start + c];
                    }

                    for (int c = 0; c < channels; c++)
                    {
                        dz[start + c] = y[start + c] * (dy[start + c] - dot);
                    }
                }

                return dz;
            }

            for (int k = 0; k < z.Length; k++)
            {
                dz[k] = dy[k] * Derivative(activation, z[k], negativeSlope);
            }

            return dz;
        }

        /// <summary>d activation / d v for an element-wise activation.</summary>
        public static double Derivative(Activation activation, double v, double negativeSlope)
        {
            switch (activation)
            {
                case Activation.Linear:
                    return 1;
                case Activation.ReLU:
                    return v > 0 ? 1 : 0;
                case Activation.Sigmoid:
                {
                    double s = 1.0 / (1.0 + Math.Exp(-v));
                    return s * (1 - s);
                }

                case Activation.Tanh:
                {
                    double t = Math.Tanh(v);
                    return 1 - t * t;
                }

                case Activation.LeakyReLU:
                    return v > 0 ? 1 : negativeSlope;
                case Activation.ReLU6:
                    return v > 0 && v < 6 ? 1 : 0;
                case Activation.HardSigmoid:
                    return v > -3 && v < 3 ? 1.0 / 6.0 : 0;
                case Activation.Swish:
                {
                    double s = 1.0 / (1.0 + Math.Exp(-v));
                    return s * (1 + v * (1 - s));
                }

                case Activation.HardSwish:
                    return v <= -3 ? 0 : v >= 3 ? 1 : (2 * v + 3) / 6.0;
                case Activation.ELU:
                    return v > 0 ? 1 : negativeSlope * Math.Exp(v);
                case Activation.GELUTanh:
                {
                    const double a = 0.044715;
                    double k = Math.Sqrt(2.0 / Math.PI);
                    double t = Math.Tanh(k * (v + a * v * v * v));
                    return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * k * (1 + 3 * a * v * v);
                }

                case Activation.GELUErf:
                    return 0.5 * (1.0 + Erf(v / Math.Sqrt(2.0))) + v * Math.Exp(-0.5 * v * v) / Math.Sqrt(2.0 * Math.PI);
                default:
                    throw new NotSupportedException($"Activation {activation} is not supported by the reference trainer.");
            }
        }

        /// <summary>
        /// The error function to double precision (.NET has none): the Maclaurin series
        /// erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)) for |x| &lt; 3, and for larger |x| the continued fraction
        /// erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated from the tail.
        /// </summary>
        public static double Erf(double x)
        {
            double a = Math.Abs(x);
            double result;
            if (a < 3.0)
            {
                double term = a, sum = a;
                for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
                {
                    term *= -a * a / n;
                    sum += term / (2 * n + 1);
                }

                result = 2.0 / Math.Sqrt(Math.PI) * sum;
            }
            else
            {
                double fraction = a;
                for (int k = 60; k >= 1; k--)
                {
                    fraction = a + k / 2.0 / fraction;
                }

                result = 1.0 - Math.Exp(-a * a) / Math.Sqrt(Math.PI) / fraction;
            }

            return x < 0 ? -result : result;
        }
    }
}
