using System.Collections.Generic;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The constructor's work: copies each step's Keras parameters into the packed layout its kernel reads
    /// (see <see cref="KernelPacking"/>), folds BatchNormalization into the preceding layer's kernel and bias, and
    /// turns a standalone BatchNormalization into a per-channel scale and shift. Only the helpers used are written.
    /// </summary>
    internal static class WeightPackingEmitter
    {
        /// <summary>Writes the packing statements; returns the helpers they call.</summary>
        public static HashSet<string> EmitStatements(CodeWriter w, ExecutionPlan plan)
        {
            var helpers = new HashSet<string>();
            foreach (LayerPlan step in plan.Layers)
            {
                if (step.PackedKernelOffset < 0)
                {
                    continue;
                }

                LayerAnalysis layer = step.Layer;
                LayerSpec s = layer.Spec;
                ParameterTensor kernel = step.Kernel!;
                string source = $"parameters.Slice({I(kernel.Offset)}, {I(kernel.Length)})";
                string destination = $"_weights.AsSpan({I(step.PackedKernelOffset)}, {I(step.PackedKernelLength)})";
                string? bias = step.Bias is null ? null : $"parameters.Slice({I(step.Bias.Offset)}, {I(step.Bias.Length)})";
                string biasDestination = step.PackedBiasOffset < 0 ? string.Empty : $"_weights.AsSpan({I(step.PackedBiasOffset)}, {I(step.PackedBiasLength)})";
                int units = layer.OutputShape.Channels;

                // Each layout: blocks of rows of PaddedUnits columns, and the Keras output channel of (block, column).
                int blocks = 1, rows, columns, columnStride = 1, blockStride = 0;
                switch (step.Packing)
                {
                    case KernelPacking.Rows:
                        rows = kernel.Length / units;
                        columns = units;
                        w.Line($"// {step.Declared.Name}: kernel [{I(rows)}, {I(units)}] rows padded to {I(step.PaddedUnits)}");
                        w.Line($"PackGroups({source}, {destination}, 1, {I(rows)}, {I(units)}, {I(step.PaddedUnits)});");
                        if (bias is not null)
                        {
                            w.Line($"{bias}.CopyTo({biasDestination});");
                        }

                        helpers.Add("PackGroups");
                        break;
                    case KernelPacking.Groups:
                        blocks = s.Groups;
                        columns = units / s.Groups;
                        blockStride = columns;
                        rows = s.KernelHeight * s.KernelWidth * (layer.InputShape.Channels / s.Groups);
                        w.Line($"// {step.Declared.Name}: {I(blocks)} groups, each kernel [{I(rows)}, {I(columns)}] rows padded to {I(step.PaddedUnits)}");
                        w.Line($"PackGroups({source}, {destination}, {I(blocks)}, {I(rows)}, {I(units)}, {I(step.PaddedUnits)});");
                        if (bias is not null)
                        {
                            w.Line($"PackGroups({bias}, {biasDestination}, {I(blocks)}, 1, {I(units)}, {I(step.PaddedUnits)});");
                        }

                        helpers.Add("PackGroups");
                        break;
                    case KernelPacking.Depthwise:
                        blocks = s.DepthMultiplier;
                        columns = layer.InputShape.Channels;
                        columnStride = s.DepthMultiplier;
                        blockStride = 1;
                        rows = s.KernelHeight * s.KernelWidth;
                        w.Line($"// {step.Declared.Name}: depthwise kernel as {I(blocks)} x [{I(rows)} taps, {I(columns)} channels padded to {I(step.PaddedUnits)}]");
                        w.Line($"PackDepthwise({source}, {destination}, {I(rows)}, {I(columns)}, {I(blocks)}, {I(step.PaddedUnits)});");
                        if (bias is not null)
                        {
                            w.Line($"PackDepthwise({bias}, {biasDestination}, 1, {I(columns)}, {I(blocks)}, {I(step.PaddedUnits)});");
                        }

                        helpers.Add("PackDepthwise");
                        break;
                    case KernelPacking.Transposed:
                        rows = s.KernelHeight * s.KernelWidth * layer.InputShape.Channels;
                        columns = units;
                        w.Line($"// {step.Declared.Name}: kernel [kh, kw, out, in] as [kh, kw, in, out padded to {I(step.PaddedUnits)}]");
                        w.Line($"PackTransposed({source}, {destination}, {I(s.KernelHeight * s.KernelWidth)}, {I(units)}, {I(layer.InputShape.Channels)}, {I(step.PaddedUnits)});");
                        if (bias is not null)
                        {
                            w.Line($"{bias}.CopyTo({biasDestination});");
                        }

                        helpers.Add("PackTransposed");
                        break;
                    case KernelPacking.BatchNorm:
                        w.Line($"// {step.Declared.Name}: gamma, beta, moving_mean, moving_variance as a per-channel scale and shift");
                        w.Line($"BatchNormScaleShift(parameters.Slice({I(kernel.Offset)}, {I(4 * units)}), {destination}, {biasDestination}, {I(units)}, {F(s.Epsilon)});");
                        helpers.Add("BatchNormScaleShift");
                        continue;
                    default:
                        continue;
                }

                if (step.FoldedBatchNorm is { } bn)
                {
                    w.Line($"// {bn.Name} folded in: kernel * gamma / sqrt(variance + epsilon), bias (bias - mean) * that + beta");
                    w.Line($"FoldBatchNorm({destination}, {biasDestination}, parameters.Slice({I(bn.ParameterOffset)}, {I(bn.ParameterCount)}), {I(units)}, {F(bn.Spec.Epsilon)}, "
                        + $"{I(blocks)}, {I(rows)}, {I(columns)}, {I(step.PaddedUnits)}, {I(columnStride)}, {I(blockStride)});");
                    helpers.Add("FoldBatchNorm");
                }
            }

            return helpers;
        }

        public static void EmitHelpers(CodeWriter w, HashSet<string> used)
        {
            if (used.Contains("PackGroups"))
            {
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// Splits a [rows, columns] kernel into <paramref name=\"groups\"/> blocks of equal column ranges, each stored as rows of");
                w.Line("/// <paramref name=\"paddedColumns\"/> floats (the padding stays zero). One group is a plain row copy.");
                w.Line("/// </summary>");
                using (w.Block("private static void PackGroups(ReadOnlySpan<float> source, Span<float> destination, int groups, int rows, int columns, int paddedColumns)"))
                {
                    w.Line("int perGroup = columns / groups;");
                    using (w.Block("for (int g = 0; g < groups; g++)"))
                    using (w.Block("for (int r = 0; r < rows; r++)"))
                    {
                        w.Line("source.Slice(r * columns + g * perGroup, perGroup).CopyTo(destination.Slice((g * rows + r) * paddedColumns));");
                    }
                }
            }

            if (used.Contains("PackDepthwise"))
            {
                w.Line();
                w.Line("/// <summary>Depthwise [taps, channels, multiplier] to [multiplier, taps, paddedChannels]: one channel vector per tap and multiplier.</summary>");
                using (w.Block("private static void PackDepthwise(ReadOnlySpan<float> source, Span<float> destination, int taps, int channels, int multiplier, int paddedChannels)"))
                using (w.Block("for (int m = 0; m < multiplier; m++)"))
                using (w.Block("for (int t = 0; t < taps; t++)"))
                using (w.Block("for (int c = 0; c < channels; c++)"))
                {
                    w.Line("destination[(m * taps + t) * paddedChannels + c] = source[(t * channels + c) * multiplier + m];");
                }
            }

            if (used.Contains("PackTransposed"))
            {
                w.Line();
                w.Line("/// <summary>Conv2DTranspose [taps, outputs, inputs] to [taps, inputs, paddedOutputs], so output channels are contiguous.</summary>");
                using (w.Block("private static void PackTransposed(ReadOnlySpan<float> source, Span<float> destination, int taps, int outputs, int inputs, int paddedOutputs)"))
                using (w.Block("for (int t = 0; t < taps; t++)"))
                using (w.Block("for (int o = 0; o < outputs; o++)"))
                using (w.Block("for (int i = 0; i < inputs; i++)"))
                {
                    w.Line("destination[(t * inputs + i) * paddedOutputs + o] = source[(t * outputs + o) * inputs + i];");
                }
            }

            if (used.Contains("BatchNormScaleShift"))
            {
                w.Line();
                w.Line("/// <summary>scale = gamma / sqrt(variance + epsilon), shift = beta - mean * scale, from gamma, beta, moving_mean, moving_variance.</summary>");
                using (w.Block("private static void BatchNormScaleShift(ReadOnlySpan<float> batchNorm, Span<float> scale, Span<float> shift, int channels, float epsilon)"))
                using (w.Block("for (int c = 0; c < channels; c++)"))
                {
                    w.Line("scale[c] = batchNorm[c] / MathF.Sqrt(batchNorm[3 * channels + c] + epsilon);");
                    w.Line("shift[c] = batchNorm[channels + c] - batchNorm[2 * channels + c] * scale[c];");
                }
            }

            if (used.Contains("FoldBatchNorm"))
            {
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// Folds BatchNormalization into a packed kernel and bias: per output channel, kernel *= scale and bias = (bias - mean) * scale + beta");
                w.Line("/// with scale = gamma / sqrt(variance + epsilon). The packed layout is <paramref name=\"blocks\"/> blocks of <paramref name=\"rows\"/> rows;");
                w.Line("/// column j of block b holds output channel j * <paramref name=\"columnStride\"/> + b * <paramref name=\"blockStride\"/>.");
                w.Line("/// </summary>");
                using (w.Block("private static void FoldBatchNorm(Span<float> kernel, Span<float> bias, ReadOnlySpan<float> batchNorm, int channels, float epsilon, int blocks, int rows, int columns, int paddedColumns, int columnStride, int blockStride)"))
                using (w.Block("for (int b = 0; b < blocks; b++)"))
                using (w.Block("for (int j = 0; j < columns; j++)"))
                {
                    w.Line("int c = j * columnStride + b * blockStride;");
                    w.Line("float scale = batchNorm[c] / MathF.Sqrt(batchNorm[3 * channels + c] + epsilon);");
                    using (w.Block("for (int r = 0; r < rows; r++)"))
                    {
                        w.Line("kernel[(b * rows + r) * paddedColumns + j] *= scale;");
                    }

                    w.Line("ref float shift = ref bias[b * paddedColumns + j];");
                    w.Line("shift = (shift - batchNorm[2 * channels + c]) * scale + batchNorm[channels + c];");
                }
            }
        }
    }
}
