using System;
using System.Collections.Generic;

namespace ConvGen.Training
{
    /// <summary>Initial parameters as Keras creates them for a new model.</summary>
    public static class Initializers
    {
        /// <summary>
        /// Keras' default initializers, in <c>get_weights()</c> order: every kernel (Conv2D, DepthwiseConv2D, both
        /// SeparableConv2D kernels, Conv2DTranspose, Dense) glorot_uniform, biases and batch-norm beta and moving mean 0,
        /// gamma and moving variance 1. glorot_uniform draws uniform(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)),
        /// with Keras' <c>compute_fans</c> applied to the stored shape: for [kh, kw, a, b], fan_in = kh*kw*a and
        /// fan_out = kh*kw*b; for [in, units], in and units. The numbers come from <see cref="SeededRandom"/>
        /// (the same for a seed on every platform; not Keras' own random stream).
        /// </summary>
        /// <exception cref="InvalidNetworkException">The network breaks the layer rules.</exception>
        public static float[] Keras(NetworkSpec network, int seed)
        {
            ArgumentNullException.ThrowIfNull(network);
            NetworkAnalysis analysis = ShapeInference.Analyze(network);
            if (analysis.HasErrors)
            {
                throw new InvalidNetworkException(analysis.Diagnostics);
            }

            var parameters = new float[analysis.ParameterCount];
            var random = new SeededRandom((ulong)(uint)seed);
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                foreach (ParameterTensor tensor in layer.Parameters)
                {
                    Span<float> values = parameters.AsSpan(tensor.Offset, tensor.Length);
                    switch (tensor.Name)
                    {
                        case "kernel":
                        case "depthwise_kernel":
                        case "pointwise_kernel":
                            ComputeFans(tensor.Shape, out double fanIn, out double fanOut);
                            float limit = (float)Math.Sqrt(6.0 / (fanIn + fanOut));
                            for (int k = 0; k < values.Length; k++)
                            {
                                values[k] = random.NextSingle(-limit, limit);
                            }

                            break;
                        case "gamma":
                        case "moving_variance":
                            values.Fill(1f);
                            break;
                        default: // bias, beta, moving_mean
                            values.Clear();
                            break;
                    }
                }
            }

            return parameters;
        }

        /// <summary>Keras <c>compute_fans</c>: the last two axes are (in, out), the axes before them the receptive field.</summary>
        public static void ComputeFans(IReadOnlyList<int> shape, out double fanIn, out double fanOut)
        {
            ArgumentNullException.ThrowIfNull(shape);
            switch (shape.Count)
            {
                case 0:
                    fanIn = fanOut = 1;
                    return;
                case 1:
                    fanIn = fanOut = shape[0];
                    return;
                default:
                    double receptive = 1;
                    for (int d = 0; d < shape.Count - 2; d++)
                    {
                        receptive *= shape[d];
                    }

                    fanIn = shape[shape.Count - 2] * receptive;
                    fanOut = shape[shape.Count - 1] * receptive;
                    return;
            }
        }
    }
}
