using System;

namespace ConvGen.Reference
{
    /// <summary>
    /// Runs a <see cref="NetworkSpec"/> with plain, obviously correct loops (double accumulation, no SIMD).
    /// It is the oracle the generated code is tested against; it shares only the shape rules
    /// (<see cref="ShapeInference"/>) with the generator, never kernel code.
    /// </summary>
    public sealed class ReferenceInterpreter
    {
        private readonly float[] _parameters;

        /// <summary>Builds the interpreter; <paramref name="parameters"/> are all weights concatenated in Keras <c>get_weights()</c> order.</summary>
        /// <exception cref="InvalidNetworkException">The declaration breaks the layer rules.</exception>
        /// <exception cref="ArgumentException">The parameter count is wrong.</exception>
        public ReferenceInterpreter(NetworkSpec spec, ReadOnlySpan<float> parameters)
        {
            Analysis = ShapeInference.Analyze(spec ?? throw new ArgumentNullException(nameof(spec)));
            if (Analysis.HasErrors)
            {
                throw new InvalidNetworkException(Analysis.Diagnostics);
            }

            if (parameters.Length != Analysis.ParameterCount)
            {
                throw new ArgumentException(
                    $"Expected {Analysis.ParameterCount} parameters but got {parameters.Length}.", nameof(parameters));
            }

            _parameters = parameters.ToArray();
        }

        /// <summary>Shapes and parameter layout of the network.</summary>
        public NetworkAnalysis Analysis { get; }

        /// <summary>Runs one NHWC image and returns the output.</summary>
        public float[] Run(ReadOnlySpan<float> input)
        {
            var output = new float[Analysis.OutputShape.Length];
            Run(input, output);
            return output;
        }

        /// <summary>Runs one NHWC image into <paramref name="output"/>.</summary>
        public void Run(ReadOnlySpan<float> input, Span<float> output)
        {
            if (input.Length != Analysis.InputShape.Length)
            {
                throw new ArgumentException($"Expected an input of {Analysis.InputShape.Length} floats {Analysis.InputShape} but got {input.Length}.", nameof(input));
            }

            if (output.Length != Analysis.OutputShape.Length)
            {
                throw new ArgumentException($"Expected an output of {Analysis.OutputShape.Length} floats {Analysis.OutputShape} but got {output.Length}.", nameof(output));
            }

            float[] current = input.ToArray();
            foreach (LayerAnalysis layer in Analysis.Layers)
            {
                current = RunLayer(layer, current);
            }

            current.CopyTo(output);
        }

        private float[] RunLayer(LayerAnalysis layer, float[] x)
        {
            LayerSpec s = layer.Spec;
            float[] y;
            switch (s.Kind)
            {
                case LayerKind.Conv2D:
                    y = ReferenceLayers.Conv2D(layer, x, Tensor(layer, 0), s.UseBias ? Tensor(layer, 1) : null);
                    break;
                case LayerKind.MaxPool2D:
                    y = ReferenceLayers.Pool(layer, x, max: true);
                    break;
                case LayerKind.AvgPool2D:
                    y = ReferenceLayers.Pool(layer, x, max: false);
                    break;
                case LayerKind.Flatten:
                    return (float[])x.Clone(); // NHWC memory is already H, W, C order.
                case LayerKind.Dense:
                    y = ReferenceLayers.Dense(layer, x, Tensor(layer, 0), s.UseBias ? Tensor(layer, 1) : null);
                    break;
                case LayerKind.Activation:
                    y = (float[])x.Clone();
                    break;
                default:
                    throw new NotSupportedException($"Layer kind {s.Kind} is not supported by the reference interpreter.");
            }

            ReferenceLayers.Activate(y, layer.OutputShape.Channels, s.Activation, s.NegativeSlope);
            return y;
        }

        private float[] Tensor(LayerAnalysis layer, int index)
        {
            ParameterTensor t = layer.Parameters[index];
            return _parameters.AsSpan(t.Offset, t.Length).ToArray();
        }
    }
}
