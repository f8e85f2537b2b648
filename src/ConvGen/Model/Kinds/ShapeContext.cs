using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
    /// <summary>What a kind's <see cref="ShapeRule"/> knows about the layer it checks, and the checks it reports through.</summary>
    internal sealed class ShapeContext
    {
        private readonly List<SpecDiagnostic> _diagnostics;

        public ShapeContext(List<SpecDiagnostic> diagnostics, int index, string name, LayerSpec layer, int[] inputIndices, TensorShape[] inputs,
            string[] inputNames, long parameterOffset)
        {
            _diagnostics = diagnostics;
            Index = index;
            Name = name;
            Layer = layer;
            InputIndices = inputIndices;
            Inputs = inputs;
            InputNames = inputNames;
            ParameterOffset = parameterOffset;
            Where = ShapeInference.Where(index, layer);
        }

        public int Index { get; }

        public string Name { get; }

        public LayerSpec Layer { get; }

        public int[] InputIndices { get; }

        public TensorShape[] Inputs { get; }

        public string[] InputNames { get; }

        /// <summary>"layer 3 (Conv2D)": how messages name the layer.</summary>
        public string Where { get; }

        /// <summary>The first (for most kinds the only) input.</summary>
        public TensorShape Input => Inputs[0];

        /// <summary>Where the next parameter tensor starts in the network's concatenated vector.</summary>
        public long ParameterOffset { get; private set; }

        /// <summary>Reports a problem with this layer; <paramref name="argument"/> as in <see cref="SpecDiagnostic.Argument"/>.</summary>
        public void Report(string id, string? argument, string message) => _diagnostics.Add(new SpecDiagnostic(id, Index, argument, message));

        public bool CheckSize(string argument, string what, int value) => ShapeInference.CheckSize(_diagnostics, Index, argument, what, value);

        public bool CheckNotNegative(string argument, string what, int value) => ShapeInference.CheckNotNegative(_diagnostics, Index, argument, what, value);

        public bool CheckSpatialInput() => ShapeInference.CheckSpatialInput(_diagnostics, Index, Where, Input);

        public bool CheckTensor(TensorShape shape) => ShapeInference.CheckTensor(_diagnostics, Index, Where, shape);

        /// <summary>An output side above <see cref="ShapeInference.MaxDimension"/> is rejected.</summary>
        public bool CheckSides(long outH, long outW)
        {
            if (outH <= ShapeInference.MaxDimension && outW <= ShapeInference.MaxDimension)
            {
                return true;
            }

            Report(DiagnosticIds.SizeTooLarge, null,
                ShapeInference.Format("{0} output is {1}x{2}; at most {3} per side is supported", Where, outH, outW, ShapeInference.MaxDimension));
            return false;
        }

        /// <summary>Kernel sizes and strides of the convolutions.</summary>
        public bool CheckKernel() =>
            CheckSize("kernelHeight|kernelSize", Where + " kernel height", Layer.KernelHeight)
            & CheckSize("kernelWidth|kernelSize", Where + " kernel width", Layer.KernelWidth)
            & CheckSize(Either(nameof(ConvolutionLayerAttribute.StrideHeight), nameof(ConvolutionLayerAttribute.Stride)), Where + " stride height", Layer.StrideHeight)
            & CheckSize(Either(nameof(ConvolutionLayerAttribute.StrideWidth), nameof(ConvolutionLayerAttribute.Stride)), Where + " stride width", Layer.StrideWidth);

        /// <summary>A sliding window's output size and TF padding (see <see cref="ShapeInference.Window"/>).</summary>
        public bool Window(string what, string argument, out int outH, out int outW, out int padTop, out int padBottom, out int padLeft, out int padRight) =>
            ShapeInference.Window(_diagnostics, Index, Where, what, argument, Input, Layer, out outH, out outW, out padTop, out padBottom, out padLeft, out padRight);

        /// <summary>Appends a parameter tensor at the running offset; false (reported) when the network grows too large.</summary>
        public bool AddParameter(List<ParameterTensor> list, string name, int[] shape)
        {
            long offset = ParameterOffset;
            bool added = ShapeInference.AddParameter(_diagnostics, Index, Where, list, name, shape, ref offset);
            ParameterOffset = offset;
            return added;
        }

        public LayerAnalysis Result(TensorShape output, List<ParameterTensor>? parameters = null, long multiplyAdds = 0,
            int padTop = 0, int padBottom = 0, int padLeft = 0, int padRight = 0) =>
            new LayerAnalysis(Index, Name, Layer, Input, output, parameters is null ? new ParameterTensor[0] : parameters.ToArray(), multiplyAdds,
                padTop, padBottom, padLeft, padRight, InputIndices, Inputs);
    }
}
