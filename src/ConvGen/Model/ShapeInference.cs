using System;
using System.Collections.Generic;
using System.Globalization;

namespace ConvGen
{
    /// <summary>
    /// The layer rules: validates a declaration and infers every tensor shape, parameter layout and padding,
    /// exactly as TensorFlow/Keras do. This one file is compiled into both the runtime library (for the
    /// reference interpreter) and the source generator, so the two cannot disagree.
    /// </summary>
    public static class ShapeInference
    {
        /// <summary>Largest value accepted for any single size argument (height, channels, kernel, stride, ...).</summary>
        public const int MaxDimension = 1 << 16;

        /// <summary>Largest tensor or parameter vector, in floats (1 GiB); larger is rejected as absurd for generated code.</summary>
        public const long MaxTensorLength = 1L << 28;

        /// <summary>Validates <paramref name="spec"/> and infers shapes. Never throws; problems are in <see cref="NetworkAnalysis.Diagnostics"/>.</summary>
        public static NetworkAnalysis Analyze(NetworkSpec spec)
        {
            var diagnostics = new List<SpecDiagnostic>();
            var layers = new List<LayerAnalysis>();

            CheckSize(diagnostics, -1, "height", "input height", spec.InputHeight);
            CheckSize(diagnostics, -1, "width", "input width", spec.InputWidth);
            CheckSize(diagnostics, -1, "channels", "input channels", spec.InputChannels);
            if (diagnostics.Count == 0 && spec.InputShape.Length > MaxTensorLength)
            {
                diagnostics.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, -1, null,
                    Format("the input {0} has {1} floats; at most {2} are supported", spec.InputShape, spec.InputShape.Length, MaxTensorLength)));
            }

            if (spec.Layers.Count == 0)
            {
                diagnostics.Add(new SpecDiagnostic(DiagnosticIds.NoLayers, -1, null,
                    "the network declares no layers; add layer attributes such as [Conv2D(16, 3)] after [ConvNet]"));
            }

            if (diagnostics.Count > 0)
            {
                return new NetworkAnalysis(spec, layers.ToArray(), diagnostics.ToArray());
            }

            var nameCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            TensorShape current = spec.InputShape;
            long parameterOffset = 0;
            for (int i = 0; i < spec.Layers.Count; i++)
            {
                LayerSpec layer = spec.Layers[i];
                int before = diagnostics.Count;
                LayerAnalysis? result = AnalyzeLayer(diagnostics, i, layer, current, ref parameterOffset, NextName(nameCounts, layer.Kind));
                if (result is null || diagnostics.Count > before)
                {
                    break; // Shapes after a broken layer are unknown: report the first problem only.
                }

                layers.Add(result);
                current = result.OutputShape;
            }

            return new NetworkAnalysis(spec, layers.ToArray(), diagnostics.ToArray());
        }

        private static string NextName(Dictionary<string, int> counts, LayerKind kind)
        {
            string stem = LayerText.KerasNameStem(kind);
            counts.TryGetValue(stem, out int seen);
            counts[stem] = seen + 1;
            return seen == 0 ? stem : stem + "_" + seen.ToString(CultureInfo.InvariantCulture);
        }

        private static LayerAnalysis? AnalyzeLayer(List<SpecDiagnostic> d, int index, LayerSpec layer, TensorShape input, ref long parameterOffset, string name)
        {
            string where = Format("layer {0} ({1})", index + 1, LayerText.TypeName(layer.Kind));
            if (!CheckEnums(d, index, layer, where))
            {
                return null;
            }

            switch (layer.Kind)
            {
                case LayerKind.Conv2D:
                {
                    bool ok = CheckSize(d, index, "filters", where + " filters", layer.Units)
                        & CheckSize(d, index, "kernelHeight|kernelSize", where + " kernel height", layer.KernelHeight)
                        & CheckSize(d, index, "kernelWidth|kernelSize", where + " kernel width", layer.KernelWidth)
                        & CheckSize(d, index, "StrideHeight|Stride", where + " stride height", layer.StrideHeight)
                        & CheckSize(d, index, "StrideWidth|Stride", where + " stride width", layer.StrideWidth)
                        & CheckSize(d, index, "DilationHeight|Dilation", where + " dilation height", layer.DilationHeight)
                        & CheckSize(d, index, "DilationWidth|Dilation", where + " dilation width", layer.DilationWidth);
                    if (!ok || !CheckSpatialInput(d, index, where, input))
                    {
                        return null;
                    }

                    if (!Window(d, index, where, "kernel", "kernelHeight|kernelSize", input, layer, out int outH, out int outW,
                            out int padTop, out int padBottom, out int padLeft, out int padRight))
                    {
                        return null;
                    }

                    var output = new TensorShape(outH, outW, layer.Units);
                    long kernel = (long)layer.KernelHeight * layer.KernelWidth * input.Channels * layer.Units;
                    var parameters = new List<ParameterTensor>();
                    if (!AddParameter(d, index, where, parameters, "kernel", new[] { layer.KernelHeight, layer.KernelWidth, input.Channels, layer.Units }, ref parameterOffset)
                        || (layer.UseBias && !AddParameter(d, index, where, parameters, "bias", new[] { layer.Units }, ref parameterOffset))
                        || !CheckTensor(d, index, where, output))
                    {
                        return null;
                    }

                    return new LayerAnalysis(index, name, layer, input, output, parameters.ToArray(), kernel * outH * outW,
                        padTop, padBottom, padLeft, padRight);
                }

                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                {
                    bool ok = CheckSize(d, index, "poolHeight|poolSize", where + " pool height", layer.KernelHeight)
                        & CheckSize(d, index, "poolWidth|poolSize", where + " pool width", layer.KernelWidth)
                        & CheckSize(d, index, "StrideHeight|Stride", where + " stride height", layer.StrideHeight)
                        & CheckSize(d, index, "StrideWidth|Stride", where + " stride width", layer.StrideWidth);
                    if (!ok || !CheckSpatialInput(d, index, where, input))
                    {
                        return null;
                    }

                    if (!Window(d, index, where, "pool", "poolHeight|poolSize", input, layer, out int outH, out int outW,
                            out int padTop, out int padBottom, out int padLeft, out int padRight))
                    {
                        return null;
                    }

                    var output = new TensorShape(outH, outW, input.Channels);
                    return new LayerAnalysis(index, name, layer, input, output, new ParameterTensor[0], 0, padTop, padBottom, padLeft, padRight);
                }

                case LayerKind.Flatten:
                    return new LayerAnalysis(index, name, layer, input, TensorShape.Flat((int)input.Length), new ParameterTensor[0], 0, 0, 0, 0, 0);

                case LayerKind.Dense:
                {
                    if (!CheckSize(d, index, "units", where + " units", layer.Units))
                    {
                        return null;
                    }

                    if (input.Rank != 1)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.NeedsFlatInput, index, null,
                            Format("{0} needs a flat input but receives {1}; add [Flatten] before it", where, input)));
                        return null;
                    }

                    var parameters = new List<ParameterTensor>();
                    if (!AddParameter(d, index, where, parameters, "kernel", new[] { input.Channels, layer.Units }, ref parameterOffset)
                        || (layer.UseBias && !AddParameter(d, index, where, parameters, "bias", new[] { layer.Units }, ref parameterOffset)))
                    {
                        return null;
                    }

                    return new LayerAnalysis(index, name, layer, input, TensorShape.Flat(layer.Units), parameters.ToArray(),
                        (long)input.Channels * layer.Units, 0, 0, 0, 0);
                }

                case LayerKind.Activation:
                    return new LayerAnalysis(index, name, layer, input, input, new ParameterTensor[0], 0, 0, 0, 0, 0);

                default:
                    d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, null, Format("{0}: unknown layer kind {1}", where, (int)layer.Kind)));
                    return null;
            }
        }

        /// <summary>
        /// Output size and padding of a sliding window along both axes. TF rules: <c>valid</c>
        /// out = floor((in - eff) / s) + 1 with eff = d * (k - 1) + 1; <c>same</c> out = ceil(in / s),
        /// total = max((out - 1) * s + eff - in, 0), before = floor(total / 2), the rest after.
        /// </summary>
        private static bool Window(List<SpecDiagnostic> d, int index, string where, string what, string argument, TensorShape input, LayerSpec layer,
            out int outH, out int outW, out int padTop, out int padBottom, out int padLeft, out int padRight)
        {
            long effH = (long)layer.DilationHeight * (layer.KernelHeight - 1) + 1;
            long effW = (long)layer.DilationWidth * (layer.KernelWidth - 1) + 1;
            outH = outW = padTop = padBottom = padLeft = padRight = 0;
            if (layer.Padding == Padding.Valid)
            {
                if (effH > input.Height || effW > input.Width)
                {
                    string dilation = layer.DilationHeight == 1 && layer.DilationWidth == 1
                        ? string.Empty
                        : Format(" with dilation {0}", Pair(layer.DilationHeight, layer.DilationWidth));
                    d.Add(new SpecDiagnostic(DiagnosticIds.WindowLargerThanInput, index, argument,
                        Format("{0} {1}x{2}{3} needs at least {4}x{5} input with Padding.Valid, {6} receives {7}; use Padding.Same or a smaller {0}",
                            what, layer.KernelHeight, layer.KernelWidth, dilation, effH, effW, where, input.SpatialText)));
                    return false;
                }

                outH = (int)((input.Height - effH) / layer.StrideHeight + 1);
                outW = (int)((input.Width - effW) / layer.StrideWidth + 1);
                return true;
            }

            outH = (input.Height + layer.StrideHeight - 1) / layer.StrideHeight;
            outW = (input.Width + layer.StrideWidth - 1) / layer.StrideWidth;
            long totalH = Math.Max((long)(outH - 1) * layer.StrideHeight + effH - input.Height, 0);
            long totalW = Math.Max((long)(outW - 1) * layer.StrideWidth + effW - input.Width, 0);
            padTop = (int)(totalH / 2);
            padBottom = (int)(totalH - padTop);
            padLeft = (int)(totalW / 2);
            padRight = (int)(totalW - padLeft);
            return true;
        }

        private static string Pair(int a, int b) => a == b ? a.ToString(CultureInfo.InvariantCulture) : Format("{0}x{1}", a, b);

        private static bool CheckEnums(List<SpecDiagnostic> d, int index, LayerSpec layer, string where)
        {
            if (layer.Padding != Padding.Valid && layer.Padding != Padding.Same)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.UnknownEnumValue, index, "Padding",
                    Format("{0}: {1} is not a Padding value; use Padding.Valid or Padding.Same", where, (int)layer.Padding)));
                return false;
            }

            if (layer.Activation < Activation.Linear || layer.Activation > Activation.LeakyReLU)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.UnknownEnumValue, index, "Activation|activation",
                    Format("{0}: {1} is not an Activation value", where, (int)layer.Activation)));
                return false;
            }

            if (layer.Activation == Activation.LeakyReLU && (float.IsNaN(layer.NegativeSlope) || float.IsInfinity(layer.NegativeSlope)))
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, "NegativeSlope",
                    Format("{0}: NegativeSlope must be a finite number, not {1}", where, layer.NegativeSlope)));
                return false;
            }

            return true;
        }

        private static bool CheckSize(List<SpecDiagnostic> d, int index, string argument, string what, int value)
        {
            if (value <= 0)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.NonPositiveSize, index, argument, Format("{0} must be positive, not {1}", what, value)));
                return false;
            }

            if (value > MaxDimension)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, argument, Format("{0} is {1}; at most {2} is supported", what, value, MaxDimension)));
                return false;
            }

            return true;
        }

        private static bool CheckSpatialInput(List<SpecDiagnostic> d, int index, string where, TensorShape input)
        {
            if (input.Rank == 3)
            {
                return true;
            }

            d.Add(new SpecDiagnostic(DiagnosticIds.NeedsSpatialInput, index, null,
                Format("{0} needs an [height, width, channels] input but receives the flat {1}; move it before [Flatten]", where, input)));
            return false;
        }

        private static bool CheckTensor(List<SpecDiagnostic> d, int index, string where, TensorShape shape)
        {
            if (shape.Length <= MaxTensorLength)
            {
                return true;
            }

            d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, null,
                Format("{0} output {1} has {2} floats; at most {3} are supported", where, shape, shape.Length, MaxTensorLength)));
            return false;
        }

        private static bool AddParameter(List<SpecDiagnostic> d, int index, string where, List<ParameterTensor> list, string name, int[] shape, ref long offset)
        {
            long length = 1;
            foreach (int dim in shape)
            {
                length *= dim;
            }

            if (length > MaxTensorLength || offset + length > MaxTensorLength)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, null,
                    Format("{0} {1} needs {2} floats, the network {3} in all; at most {4} are supported", where, name, length, offset + length, MaxTensorLength)));
                return false;
            }

            list.Add(new ParameterTensor(name, shape, (int)offset));
            offset += length;
            return true;
        }

        private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
    }
}
