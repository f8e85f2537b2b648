using System.Collections.Generic;

namespace ConvGen
{
    /// <summary>One parameter tensor of a layer (a kernel or a bias), in Keras <c>get_weights()</c> order.</summary>
    public sealed class ParameterTensor
    {
        internal ParameterTensor(string name, int[] shape, int offset)
        {
            Name = name;
            Shape = shape;
            Offset = offset;
            long length = 1;
            foreach (int d in shape)
            {
                length *= d;
            }

            Length = (int)length;
        }

        /// <summary>Keras' weight name: "kernel", "bias", "depthwise_kernel", "pointwise_kernel", "gamma", "beta", "moving_mean", "moving_variance".</summary>
        public string Name { get; }

        /// <summary>Keras shape, e.g. [kh, kw, in, out] for a Conv2D kernel.</summary>
        public IReadOnlyList<int> Shape { get; }

        /// <summary>Offset of the first float in the network's concatenated parameter vector.</summary>
        public int Offset { get; }

        /// <summary>Number of floats.</summary>
        public int Length { get; }
    }

    /// <summary>What shape inference worked out for one layer.</summary>
    public sealed class LayerAnalysis
    {
        internal LayerAnalysis(int index, string name, LayerSpec spec, TensorShape input, TensorShape output, ParameterTensor[] parameters,
            long multiplyAdds, int padTop, int padBottom, int padLeft, int padRight, int[]? inputIndices = null, TensorShape[]? inputShapes = null)
        {
            Index = index;
            InputIndices = inputIndices ?? new[] { index - 1 };
            InputShapes = inputShapes ?? new[] { input };
            Name = name;
            Spec = spec;
            InputShape = input;
            OutputShape = output;
            Parameters = parameters;
            MultiplyAdds = multiplyAdds;
            PadTop = padTop;
            PadBottom = padBottom;
            PadLeft = padLeft;
            PadRight = padRight;
            int count = 0;
            foreach (ParameterTensor p in parameters)
            {
                count += p.Length;
            }

            ParameterCount = count;
            ParameterOffset = parameters.Length == 0 ? 0 : parameters[0].Offset;
        }

        /// <summary>0-based position in the network.</summary>
        public int Index { get; }

        /// <summary>Keras-style automatic name: conv2d, conv2d_1, max_pooling2d, dense, ...</summary>
        public string Name { get; }

        /// <summary>The declaration.</summary>
        public LayerSpec Spec { get; }

        /// <summary>The layers read, in order: indices into <see cref="NetworkAnalysis.Layers"/>, -1 for the network input.</summary>
        public IReadOnlyList<int> InputIndices { get; }

        /// <summary>The shapes read, in the order of <see cref="InputIndices"/>.</summary>
        public IReadOnlyList<TensorShape> InputShapes { get; }

        /// <summary>Shape read by the layer (the first input's, for Add and Concatenate).</summary>
        public TensorShape InputShape { get; }

        /// <summary>Shape written by the layer.</summary>
        public TensorShape OutputShape { get; }

        /// <summary>Parameter tensors in Keras order (kernel, then bias).</summary>
        public IReadOnlyList<ParameterTensor> Parameters { get; }

        /// <summary>Total parameters of the layer.</summary>
        public int ParameterCount { get; }

        /// <summary>Offset of the layer's first parameter in the concatenated vector (0 when it has none).</summary>
        public int ParameterOffset { get; }

        /// <summary>Multiply-adds for one inference (0 for layers without weights).</summary>
        public long MultiplyAdds { get; }

        /// <summary>Rows of padding above the input (TF <c>same</c>: floor(total / 2); for Conv2DTranspose the rows cropped from the top of the full output; for Cropping2D the rows it removes above).</summary>
        public int PadTop { get; }

        /// <summary>Rows of padding below the input (TF <c>same</c>: the rest; for Cropping2D the rows it removes below).</summary>
        public int PadBottom { get; }

        /// <summary>Columns of padding left of the input (for Cropping2D the columns it removes on the left).</summary>
        public int PadLeft { get; }

        /// <summary>Columns of padding right of the input (for Cropping2D the columns it removes on the right).</summary>
        public int PadRight { get; }
    }

    /// <summary>The result of <see cref="ShapeInference.Analyze"/>: every layer's shapes and parameters, or the diagnostics.</summary>
    public sealed class NetworkAnalysis
    {
        internal NetworkAnalysis(NetworkSpec spec, LayerAnalysis[] layers, SpecDiagnostic[] diagnostics)
        {
            Spec = spec;
            Layers = layers;
            Diagnostics = diagnostics;
            long parameters = 0, macs = 0, largest = spec.InputShape.Length;
            foreach (LayerAnalysis layer in layers)
            {
                parameters += layer.ParameterCount;
                macs += layer.MultiplyAdds;
                if (layer.OutputShape.Length > largest)
                {
                    largest = layer.OutputShape.Length;
                }
            }

            ParameterCount = (int)parameters;
            MultiplyAdds = macs;
            LargestTensorLength = (int)largest;
        }

        /// <summary>The analysed declaration.</summary>
        public NetworkSpec Spec { get; }

        /// <summary>Per-layer results; complete only when <see cref="HasErrors"/> is false.</summary>
        public IReadOnlyList<LayerAnalysis> Layers { get; }

        /// <summary>Problems found; empty for a valid network.</summary>
        public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }

        /// <summary>True when the network cannot be built.</summary>
        public bool HasErrors => Diagnostics.Count > 0;

        /// <summary>The input shape.</summary>
        public TensorShape InputShape => Spec.InputShape;

        /// <summary>The final layer's output shape.</summary>
        public TensorShape OutputShape => Layers.Count == 0 ? Spec.InputShape : Layers[Layers.Count - 1].OutputShape;

        /// <summary>Total parameter floats, in Keras <c>get_weights()</c> order.</summary>
        public int ParameterCount { get; }

        /// <summary>Total multiply-adds for one inference.</summary>
        public long MultiplyAdds { get; }

        /// <summary>Length of the largest tensor (input included).</summary>
        public int LargestTensorLength { get; }
    }
}
