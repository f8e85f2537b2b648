using System.Collections.Generic;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// The fourth planning stage: the packed weight array. Step by step, each kernel re-laid per <see cref="KernelPacking"/>,
    /// then its bias; kernel rows and biases are zero-padded to whole vectors (<see cref="VectorLength"/> floats) so every
    /// vector width loads whole vectors. A step with a folded BatchNormalization gets a bias even when its layer declares none.
    /// </summary>
    internal sealed class WeightLayout
    {
        /// <summary>Packed kernel rows and biases are padded to this many floats (one Vector512), so every vector width reads whole vectors.</summary>
        public const int VectorLength = Emitting.VectorWidth.PaddingLanes;

        private WeightLayout(PackedWeights[] steps, PackedWeights?[] fusedDepthwise, int packedLength)
        {
            Steps = steps;
            FusedDepthwise = fusedDepthwise;
            PackedLength = packedLength;
        }

        /// <summary>Each step's packed weights, in step order (<see cref="PackedWeights.None"/> for steps without).</summary>
        public IReadOnlyList<PackedWeights> Steps { get; }

        /// <summary>For each step with a <see cref="LayerPlan.FusedDepthwise"/>, that depthwise plan's packed weights (just before the step's); else null.</summary>
        public IReadOnlyList<PackedWeights?> FusedDepthwise { get; }

        /// <summary>Floats of packed weights the constructor allocates.</summary>
        public int PackedLength { get; }

        public static int RoundUp(int value) => (value + VectorLength - 1) / VectorLength * VectorLength;

        /// <summary>
        /// Units per panel of a Dense kernel (<see cref="KernelPacking.Panels"/>): 32, a whole number of vectors of every width;
        /// 16 for a layer of at most 16 units (one panel, rows padded to 16, as without panels).
        /// </summary>
        public static int PanelWidth(int units) => units <= VectorLength ? VectorLength : 2 * VectorLength;

        public static WeightLayout Create(IReadOnlyList<LayerPlan> steps)
        {
            var result = new PackedWeights[steps.Count];
            var depthwise = new PackedWeights?[steps.Count];
            int packed = 0;
            for (int i = 0; i < steps.Count; i++)
            {
                if (steps[i].FusedDepthwise is LayerPlan fused)
                {
                    depthwise[i] = Pack(fused, ref packed); // before the step's own, as when the depthwise runs as a step
                }

                result[i] = Pack(steps[i], ref packed);
            }

            return new WeightLayout(result, depthwise, packed);
        }

        /// <summary>The packed weights of one step (or fused depthwise plan), from <paramref name="packed"/> on, which it advances.</summary>
        private static PackedWeights Pack(LayerPlan step, ref int packed)
        {
            LayerAnalysis layer = step.Layer;
            LayerSpec s = layer.Spec;
            (KernelPacking packing, ParameterTensor? kernel, ParameterTensor? bias) = PackingOf(step);
            int blocks = 1, rows, paddedUnits;
            switch (packing)
            {
                case KernelPacking.Rows:
                    paddedUnits = RoundUp(layer.OutputShape.Channels);
                    rows = kernel!.Length / layer.OutputShape.Channels;
                    break;
                case KernelPacking.Panels:
                    int panel = PanelWidth(layer.OutputShape.Channels);
                    paddedUnits = (layer.OutputShape.Channels + panel - 1) / panel * panel;
                    rows = kernel!.Length / layer.OutputShape.Channels;
                    break;
                case KernelPacking.Groups:
                    blocks = s.Groups;
                    paddedUnits = RoundUp(layer.OutputShape.Channels / s.Groups);
                    rows = s.KernelHeight * s.KernelWidth * (layer.InputShape.Channels / s.Groups);
                    break;
                case KernelPacking.Depthwise:
                    blocks = s.DepthMultiplier;
                    paddedUnits = RoundUp(layer.InputShape.Channels);
                    rows = s.KernelHeight * s.KernelWidth;
                    break;
                case KernelPacking.Winograd:
                    paddedUnits = RoundUp(layer.OutputShape.Channels);
                    rows = 0; // the length is the transform's, not rows x padded units
                    break;
                case KernelPacking.Transposed:
                    paddedUnits = RoundUp(layer.OutputShape.Channels);
                    rows = s.KernelHeight * s.KernelWidth * layer.InputShape.Channels;
                    break;
                case KernelPacking.BatchNorm:
                    paddedUnits = RoundUp(layer.OutputShape.Channels);
                    rows = 1;
                    break;
                default:
                    return PackedWeights.None;
            }

            int kernelOffset = packed, kernelLength = packing == KernelPacking.Winograd
                ? WinogradSizes.TransformedKernelLength(step.WinogradTile, layer.InputShape.Channels, layer.OutputShape.Channels, WinogradSelection.KernelSize(step)) // a multiple of 32
                : blocks * rows * paddedUnits;
            packed += kernelLength;
            int biasOffset = -1, biasLength = 0;
            if (s.UseBias || packing == KernelPacking.BatchNorm)
            {
                biasOffset = packed;
                biasLength = blocks * paddedUnits;
                packed += biasLength;
            }

            int narrowOffset = -1, narrowLength = 0;
            if (step.NarrowWinograd)
            {
                narrowOffset = packed;
                narrowLength = WinogradSizes.NarrowTransformedKernelLength(layer.InputShape.Channels, layer.OutputShape.Channels); // a multiple of 16
                packed += narrowLength;
            }

            return new PackedWeights(packing, kernel, bias, paddedUnits, kernelOffset, kernelLength, biasOffset, biasLength, narrowOffset, narrowLength);
        }

        /// <summary>
        /// How a step's kernel is re-laid and which declared tensors it packs: a SeparableConv2D's depthwise part packs the
        /// depthwise kernel, its pointwise part (a 1x1 Conv2D) the pointwise kernel and the bias.
        /// </summary>
        public static (KernelPacking Packing, ParameterTensor? Kernel, ParameterTensor? Bias) PackingOf(LayerPlan step)
        {
            LayerAnalysis declared = step.Declared;
            IReadOnlyList<ParameterTensor> p = declared.Parameters;
            bool separable = declared.Spec.Kind == LayerKind.SeparableConv2D;
            ParameterTensor? DeclaredBias(int index) => declared.Spec.UseBias ? p[index] : null;
            return step.Layer.Spec.Kind switch
            {
                LayerKind.DepthwiseConv2D => (KernelPacking.Depthwise, p[0], separable ? null : DeclaredBias(1)),
                LayerKind.Conv2D when separable => (KernelPacking.Rows, p[1], DeclaredBias(2)),
                LayerKind.Conv2D => (step.Layer.Spec.Groups > 1 ? KernelPacking.Groups : step.WinogradTile > 0 ? KernelPacking.Winograd : KernelPacking.Rows, p[0], DeclaredBias(1)),
                LayerKind.Dense => (KernelPacking.Panels, p[0], DeclaredBias(1)),
                LayerKind.Conv2DTranspose => (KernelPacking.Transposed, p[0], DeclaredBias(1)),
                LayerKind.BatchNormalization => (KernelPacking.BatchNorm, p[0], null),
                _ => (KernelPacking.None, null, null),
            };
        }
    }
}
