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
            double[] x = ToDouble(inputs[0]);
            double[] y = s.Kind switch
            {
                LayerKind.Conv2D => ReferenceLayers.Conv2D(layer, x, Tensor(layer, 0), Bias(layer, 1)),
                LayerKind.DepthwiseConv2D => ReferenceLayers.DepthwiseConv2D(layer, x, Tensor(layer, 0), Bias(layer, 1)),
                LayerKind.SeparableConv2D => SeparableConv2D(layer, x),
                LayerKind.Conv2DTranspose => ReferenceLayers.Conv2DTranspose(layer, x, Tensor(layer, 0), Bias(layer, 1)),
                LayerKind.MaxPool2D => ReferenceLayers.Pool(layer, x, max: true),
                LayerKind.AvgPool2D => ReferenceLayers.Pool(layer, x, max: false),
                LayerKind.GlobalAveragePooling2D => ReferenceLayers.GlobalPool(layer, x, max: false),
                LayerKind.GlobalMaxPooling2D => ReferenceLayers.GlobalPool(layer, x, max: true),
                LayerKind.BatchNormalization => ReferenceLayers.BatchNormalization(layer, x, Tensor(layer, 0), Tensor(layer, 1), Tensor(layer, 2), Tensor(layer, 3)),
                LayerKind.ZeroPadding2D => ReferenceLayers.ZeroPadding2D(layer, x),
                LayerKind.Cropping2D => ReferenceLayers.Cropping2D(layer, x),
                LayerKind.UpSampling2D => ReferenceLayers.UpSampling2D(layer, x),
                LayerKind.Dense => ReferenceLayers.Dense(layer, x, Tensor(layer, 0), Bias(layer, 1)),
                LayerKind.Add => ReferenceLayers.Add(Array.ConvertAll(inputs, ToDouble)),
                LayerKind.Concatenate => ReferenceLayers.Concatenate(layer, Array.ConvertAll(inputs, ToDouble)),

                // Flatten: NHWC memory is already in H, W, C order. Dropout: the identity at inference.
                LayerKind.Flatten or LayerKind.Dropout or LayerKind.Activation => x,
                _ => throw new NotSupportedException($"Layer kind {s.Kind} is not supported by the reference interpreter."),
            };

            // The layer's result is rounded to float before the activation, and the activation's result again: the
            // float tensors a float implementation holds.
            double[] rounded = ToDouble(ToFloat(y));
            ReferenceLayers.Activate(rounded, layer.OutputShape.Channels, s.Activation, s.NegativeSlope);
            return ToFloat(rounded);
        }

        /// <summary>Keras' SeparableConv2D: the depthwise convolution (no bias), then a 1x1 convolution with the bias.</summary>
        private double[] SeparableConv2D(LayerAnalysis layer, double[] x)
        {
            // As ReferenceLayers.SeparableConv2D, but with the intermediate tensor rounded to float.
            ReferenceLayers.SeparableParts(layer, out LayerAnalysis depthwise, out LayerAnalysis pointwise);
            double[] middle = ToDouble(ToFloat(ReferenceLayers.DepthwiseConv2D(depthwise, x, Tensor(layer, 0), null)));
            return ReferenceLayers.Conv2D(pointwise, middle, Tensor(layer, 1), Bias(layer, 2));
        }

        private double[]? Bias(LayerAnalysis layer, int index) => layer.Spec.UseBias ? Tensor(layer, index) : null;

        private double[] Tensor(LayerAnalysis layer, int index)
        {
            ParameterTensor t = layer.Parameters[index];
            return ToDouble(_parameters.AsSpan(t.Offset, t.Length).ToArray());
        }

        private static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

        private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
    }
}
