using System;
using ConvGen.Samples.Vision.Data;

namespace ConvGen.Samples.Vision.Evaluation
{
    /// <summary>
    /// Untrained weights as Keras initializes them (glorot_uniform kernels, zero biases, batch normalization gamma 1,
    /// beta 0, mean 0, variance 1), seeded, so the samples can evaluate and draw a network before it is trained.
    /// </summary>
    public static class RandomParameters
    {
        /// <summary>Parameters for <paramref name="network"/> in Keras <c>get_weights()</c> order.</summary>
        public static float[] GlorotUniform(NetworkSpec network, int seed)
        {
            ArgumentNullException.ThrowIfNull(network);
            NetworkAnalysis analysis = ShapeInference.Analyze(network);
            if (analysis.HasErrors)
                throw new InvalidNetworkException(analysis.Diagnostics);
            var parameters = new float[analysis.ParameterCount];
            var random = new SampleRandom((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 17);
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                foreach (ParameterTensor tensor in layer.Parameters)
                {
                    Span<float> values = parameters.AsSpan(tensor.Offset, tensor.Length);
                    switch (tensor.Name)
                    {
                        case "gamma":
                        case "moving_variance":
                            values.Fill(1f);
                            break;
                        case "kernel":
                        case "depthwise_kernel":
                        case "pointwise_kernel":
                            (int fanIn, int fanOut) = Fans(tensor);
                            float limit = MathF.Sqrt(6f / (fanIn + fanOut));
                            for (int i = 0; i < values.Length; i++)
                                values[i] = random.Range(-limit, limit);
                            break;
                        default:
                            values.Clear();
                            break;
                    }
                }
            }
            return parameters;
        }

        // Keras: for a [kh, kw, in, out] kernel fan_in = kh*kw*in and fan_out = kh*kw*out; for [in, out] the two sizes.
        private static (int FanIn, int FanOut) Fans(ParameterTensor tensor)
        {
            var shape = tensor.Shape;
            if (shape.Count == 2)
                return (shape[0], shape[1]);
            int receptive = 1;
            for (int d = 0; d < shape.Count - 2; d++)
                receptive *= shape[d];
            return (receptive * shape[shape.Count - 2], receptive * shape[shape.Count - 1]);
        }
    }
}
