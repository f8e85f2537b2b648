using System.Linq;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The constructor's work: copies each step's Keras parameters into the packed layout its kernel reads
    /// (see <see cref="KernelPacking"/>), folds BatchNormalization into the preceding layer's kernel and bias, and
    /// turns a standalone BatchNormalization into a per-channel scale and shift, through the helpers of
    /// <c>ConvGen.Kernels.WeightPacking</c> in the runtime library.
    /// </summary>
    internal static class WeightPackingEmitter
    {
        /// <summary>The runtime class with the packing helpers (one copy per assembly).</summary>
        private const string P = "global::ConvGen.Kernels.WeightPacking.";

        /// <summary>Writes the packing statements.</summary>
        public static void EmitStatements(CodeWriter w, ExecutionPlan plan)
        {
            // a depthwise layer computed inside a pointwise step (DepthwiseFusion) is packed just before that step's own weights
            foreach (LayerPlan step in plan.Layers.SelectMany(s => s.FusedDepthwise is LayerPlan d ? new[] { d, s } : new[] { s }))
            {
                if (step.PackedKernelOffset < 0)
                {
                    continue;
                }

                LayerAnalysis layer = step.Layer;
                LayerSpec s = layer.Spec;
                ParameterTensor kernel = step.Kernel!;
                string source = $"parameters.Slice({I(kernel.Offset)}, {I(kernel.Length)})";
                string destination = $"_weights.AsSpan({Plus("_weightsStart", I(step.PackedKernelOffset))}, {I(step.PackedKernelLength)})";
                string? bias = step.Bias is null ? null : $"parameters.Slice({I(step.Bias.Offset)}, {I(step.Bias.Length)})";
                string biasDestination = step.PackedBiasOffset < 0 ? string.Empty : $"_weights.AsSpan({Plus("_weightsStart", I(step.PackedBiasOffset))}, {I(step.PackedBiasLength)})";
                int units = layer.OutputShape.Channels;

                // Each layout: blocks of rows of PaddedUnits columns, and the Keras output channel of (block, column).
                int blocks = 1, rows, columns, columnStride = 1, blockStride = 0, paddedColumns = step.PaddedUnits;
                switch (step.Packing)
                {
                    case KernelPacking.Rows:
                        rows = kernel.Length / units;
                        columns = units;
                        w.Line($"// {step.Declared.Name}: kernel [{I(rows)}, {I(units)}] rows padded to {I(step.PaddedUnits)}");
                        w.Line($"{P}PackGroups({source}, {destination}, 1, {I(rows)}, {I(units)}, {I(step.PaddedUnits)});");
                        if (bias is not null)
                        {
                            w.Line($"{bias}.CopyTo({biasDestination});");
                        }
                        break;
                    case KernelPacking.Panels:
                        int panel = WeightLayout.PanelWidth(units);
                        blocks = step.PaddedUnits / panel;
                        rows = kernel.Length / units;
                        columns = panel;
                        paddedColumns = panel;
                        blockStride = panel;
                        w.Line($"// {step.Declared.Name}: kernel [{I(rows)}, {I(units)}] as {Count(blocks, "panel")} of {I(panel)} units, each [{I(rows)}, {I(panel)}]");
                        w.Line($"{P}PackPanels({source}, {destination}, {I(rows)}, {I(units)}, {I(panel)});");
                        if (bias is not null)
                        {
                            w.Line($"{bias}.CopyTo({biasDestination});");
                        }

                        break;
                    case KernelPacking.Groups:
                        blocks = s.Groups;
                        columns = units / s.Groups;
                        blockStride = columns;
                        rows = s.KernelHeight * s.KernelWidth * (layer.InputShape.Channels / s.Groups);
                        w.Line($"// {step.Declared.Name}: {I(blocks)} groups, each kernel [{I(rows)}, {I(columns)}] rows padded to {I(step.PaddedUnits)}");
                        w.Line($"{P}PackGroups({source}, {destination}, {I(blocks)}, {I(rows)}, {I(units)}, {I(step.PaddedUnits)});");
                        if (bias is not null)
                        {
                            w.Line($"{P}PackGroups({bias}, {biasDestination}, {I(blocks)}, 1, {I(units)}, {I(step.PaddedUnits)});");
                        }
                        break;
                    case KernelPacking.Depthwise:
                        blocks = s.DepthMultiplier;
                        columns = layer.InputShape.Channels;
                        columnStride = s.DepthMultiplier;
                        blockStride = 1;
                        rows = s.KernelHeight * s.KernelWidth;
                        w.Line($"// {step.Declared.Name}: depthwise kernel as {I(blocks)} x [{Count(rows, "tap")}, {Count(columns, "channel")} padded to {I(step.PaddedUnits)}]");
                        w.Line($"{P}PackDepthwise({source}, {destination}, {I(rows)}, {I(columns)}, {I(blocks)}, {I(step.PaddedUnits)});");
                        if (bias is not null)
                        {
                            w.Line($"{P}PackDepthwise({bias}, {biasDestination}, 1, {I(columns)}, {I(blocks)}, {I(step.PaddedUnits)});");
                        }
                        break;
                    case KernelPacking.Transposed:
                        rows = s.KernelHeight * s.KernelWidth * layer.InputShape.Channels;
                        columns = units;
                        w.Line($"// {step.Declared.Name}: kernel [kh, kw, out, in] as [kh, kw, in, out padded to {I(step.PaddedUnits)}]");
                        w.Line($"{P}PackTransposed({source}, {destination}, {I(s.KernelHeight * s.KernelWidth)}, {I(units)}, {I(layer.InputShape.Channels)}, {I(step.PaddedUnits)});");
                        if (bias is not null)
                        {
                            w.Line($"{bias}.CopyTo({biasDestination});");
                        }
                        break;
                    case KernelPacking.Winograd:
                        Winograd(w, step, source, destination, bias, biasDestination);
                        continue;
                    case KernelPacking.BatchNorm:
                        w.Line($"// {step.Declared.Name}: gamma, beta, moving_mean, moving_variance as a per-channel scale and shift");
                        w.Line($"{P}BatchNormScaleShift(parameters.Slice({I(kernel.Offset)}, {I(4 * units)}), {destination}, {biasDestination}, {I(units)}, {F(s.Epsilon)});");
                        continue;
                    default:
                        continue;
                }

                if (step.FoldedBatchNorm is { } bn)
                {
                    w.Line($"// {bn.Name} folded in: kernel * gamma / sqrt(variance + epsilon), bias (bias - mean) * that + beta");
                    w.Line($"{P}FoldBatchNorm({destination}, {biasDestination}, parameters.Slice({I(bn.ParameterOffset)}, {I(bn.ParameterCount)}), {I(units)}, {F(bn.Spec.Epsilon)}, "
                        + $"{I(blocks)}, {I(rows)}, {I(columns)}, {I(paddedColumns)}, {I(columnStride)}, {I(blockStride)});");
                }

                if (step.Weights.NarrowKernelOffset >= 0)
                {
                    int blocksOf16 = (units + 15) / 16;
                    w.Line($"// {step.Declared.Name}: the packed kernel{(step.FoldedBatchNorm is null ? string.Empty : " (BatchNormalization folded in)")} also as NarrowWinogradConvolution's U [{Count(blocksOf16, "block")} of 16 channels][36, {I(layer.InputShape.Channels)}, 16]");
                    w.Line($"global::ConvGen.Inference.NarrowWinogradConvolution.TransformKernel({destination}, {I(layer.InputShape.Channels)}, {I(units)}, "
                        + $"_weights.AsSpan({Plus("_weightsStart", I(step.Weights.NarrowKernelOffset))}, {I(step.Weights.NarrowKernelLength)}), {I(step.PaddedUnits)});");
                }
            }
        }

        /// <summary>
        /// A Conv2D that runs as Winograd: the Keras kernel transformed once to <c>U[alpha², in, out padded]</c>. The transform
        /// is linear in each output channel's kernel, so a folded BatchNormalization scales U's columns afterwards (no copy
        /// of the kernel: the constructor allocates only the weights and the scratch).
        /// </summary>
        private static void Winograd(CodeWriter w, LayerPlan step, string source, string destination, string? bias, string biasDestination)
        {
            LayerAnalysis layer = step.Layer;
            int inChannels = layer.InputShape.Channels, units = layer.OutputShape.Channels, tile = step.WinogradTile;
            int k = WinogradSelection.KernelSize(step);
            int alpha = WinogradSizes.Alpha(tile, k), padded = WinogradSizes.RoundUp(units, WinogradSizes.OutputChannelPad);
            w.Line($"// {step.Declared.Name}: kernel [{I(k)}, {I(k)}, {I(inChannels)}, {I(units)}] as {WinogradSelection.AlgorithmName(tile, k)}'s U [{I(alpha * alpha)}, {I(inChannels)}, {I(units)} padded to {I(padded)}]");
            string variant = k == 3 ? I(tile) : $"{I(tile)}, {I(k)}"; // the 3x3 overload keeps the code of 3x3 layers as it was
            w.Line($"global::ConvGen.Inference.WinogradConvolution.TransformKernel({variant}, {source}, {I(inChannels)}, {I(units)}, {destination});");
            if (bias is not null)
            {
                w.Line($"{bias}.CopyTo({biasDestination});");
            }

            if (step.FoldedBatchNorm is { } bn)
            {
                w.Line($"// {bn.Name} folded in: U's column of each channel * gamma / sqrt(variance + epsilon), bias (bias - mean) * that + beta");
                w.Line($"{P}FoldBatchNorm({destination}, {biasDestination}, parameters.Slice({I(bn.ParameterOffset)}, {I(bn.ParameterCount)}), {I(units)}, {F(bn.Spec.Epsilon)}, "
                    + $"1, {I(alpha * alpha * inChannels)}, {I(units)}, {I(padded)}, 1, 0);");
            }
        }
    }
}
