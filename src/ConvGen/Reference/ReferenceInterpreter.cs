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

            // Every layer's output is kept (the oracle favours plain over frugal); outputs[k] belongs to layer k.
            float[] network = input.ToArray();
            var outputs = new float[Analysis.Layers.Count][];
            foreach (LayerAnalysis layer in Analysis.Layers)
            {
                var inputs = new float[layer.InputIndices.Count][];
                for (int k = 0; k < inputs.Length; k++)
                {
                    int from = layer.InputIndices[k];
                    inputs[k] = from < 0 ? network : outputs[from];
                }

                outputs[layer.Index] = RunLayer(layer, inputs);
            }

            (outputs.Length == 0 ? network : outputs[outputs.Length - 1]).CopyTo(output);
        }

        private float[] RunLayer(LayerAnalysis layer, float[][] inputs)
        {
            LayerSpec s = layer.Spec;
            var weights = new double[layer.Parameters.Count][];
            for (int k = 0; k < weights.Length; k++)
            {
                weights[k] = Tensor(layer, k);
            }

            var pass = new LayerPass(layer, weights, Array.ConvertAll(inputs, ToDouble)) { RoundsIntermediate = true };
            double[] y = ReferenceKind.For(s.Kind).Forward(pass);

            // The layer's result is rounded to float before the activation, and the activation's result again: the
            // float tensors a float implementation holds.
            double[] rounded = ToDouble(ToFloat(y));
            ReferenceActivations.Activate(rounded, layer.OutputShape.Channels, s.Activation, s.ActivationCoefficient);
            return ToFloat(rounded);
        }

        private double[] Tensor(LayerAnalysis layer, int index)
        {
            ParameterTensor t = layer.Parameters[index];
            return ToDouble(_parameters.AsSpan(t.Offset, t.Length).ToArray());
        }

        private static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

        private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
    }
}
