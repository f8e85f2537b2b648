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
    public static partial class ShapeInference
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

            string[] names = LayerNames(spec);
            var firstByName = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = names.Length - 1; i >= 0; i--)
            {
                firstByName[names[i]] = i;
            }

            var known = new Dictionary<string, int>(StringComparer.Ordinal) { [InputName] = -1 };
            long parameterOffset = 0;
            for (int i = 0; i < spec.Layers.Count; i++)
            {
                LayerSpec layer = spec.Layers[i];
                int before = diagnostics.Count;
                LayerAnalysis? result = null;
                if (CheckName(diagnostics, i, layer, names[i], known)
                    && ResolveInputs(diagnostics, i, layer, names[i], known, firstByName, out int[] inputIndices))
                {
                    var inputs = new TensorShape[inputIndices.Length];
                    var inputNames = new string[inputIndices.Length];
                    for (int k = 0; k < inputs.Length; k++)
                    {
                        int from = inputIndices[k];
                        inputs[k] = from < 0 ? spec.InputShape : layers[from].OutputShape;
                        inputNames[k] = from < 0 ? InputName : names[from];
                    }

                    result = AnalyzeLayer(diagnostics, new LayerContext(i, names[i], layer, inputIndices, inputs, inputNames), ref parameterOffset);
                }

                if (result is null || diagnostics.Count > before)
                {
                    break; // Shapes after a broken layer are unknown: report the first problem only.
                }

                layers.Add(result);
                known[names[i]] = i;
            }

            return new NetworkAnalysis(spec, layers.ToArray(), diagnostics.ToArray());
        }

        private static string Where(int index, LayerSpec layer) => Format("layer {0} ({1})", index + 1, LayerText.TypeName(layer.Kind));

        /// <summary>What <see cref="AnalyzeLayer"/> knows about the layer it checks.</summary>
        private sealed class LayerContext
        {
            public LayerContext(int index, string name, LayerSpec layer, int[] inputIndices, TensorShape[] inputs, string[] inputNames)
            {
                Index = index;
                Name = name;
                Layer = layer;
                InputIndices = inputIndices;
                Inputs = inputs;
                InputNames = inputNames;
                Where = ShapeInference.Where(index, layer);
            }

            public int Index { get; }

            public string Name { get; }

            public LayerSpec Layer { get; }

            public int[] InputIndices { get; }

            public TensorShape[] Inputs { get; }

            public string[] InputNames { get; }

            public string Where { get; }

            public TensorShape Input => Inputs[0];

            public LayerAnalysis Result(TensorShape output, List<ParameterTensor>? parameters = null, long multiplyAdds = 0,
                int padTop = 0, int padBottom = 0, int padLeft = 0, int padRight = 0) =>
                new LayerAnalysis(Index, Name, Layer, Input, output, parameters is null ? new ParameterTensor[0] : parameters.ToArray(), multiplyAdds,
                    padTop, padBottom, padLeft, padRight, InputIndices, Inputs);
        }

        private static LayerAnalysis? AnalyzeLayer(List<SpecDiagnostic> d, LayerContext c, ref long parameterOffset)
        {
            int index = c.Index;
            LayerSpec layer = c.Layer;
            TensorShape input = c.Input;
            string where = c.Where;
            if (!CheckEnums(d, index, layer, where))
            {
                return null;
            }

            switch (layer.Kind)
            {
                case LayerKind.Conv2D:
                case LayerKind.DepthwiseConv2D:
                case LayerKind.SeparableConv2D:
                {
                    bool depthwise = layer.Kind != LayerKind.Conv2D;
                    bool ok = (layer.Kind == LayerKind.DepthwiseConv2D || CheckSize(d, index, "filters", where + " filters", layer.Units))
                        & CheckKernel(d, index, where, layer)
                        & CheckSize(d, index, "DilationHeight|Dilation", where + " dilation height", layer.DilationHeight)
                        & CheckSize(d, index, "DilationWidth|Dilation", where + " dilation width", layer.DilationWidth)
                        & (!depthwise || CheckSize(d, index, "DepthMultiplier", where + " DepthMultiplier", layer.DepthMultiplier))
                        & (depthwise || CheckSize(d, index, "Groups", where + " Groups", layer.Groups));
                    if (!ok || !CheckSpatialInput(d, index, where, input))
                    {
                        return null;
                    }

                    if (!depthwise && (input.Channels % layer.Groups != 0 || layer.Units % layer.Groups != 0))
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.GroupsNotDividingChannels, index, "Groups",
                            Format("{0} Groups = {1} must divide both the input channels ({2}) and the filters ({3})", where, layer.Groups, input.Channels, layer.Units)));
                        return null;
                    }

                    if (!Window(d, index, where, "kernel", "kernelHeight|kernelSize", input, layer, out int outH, out int outW,
                            out int padTop, out int padBottom, out int padLeft, out int padRight))
                    {
                        return null;
                    }

                    long taps = (long)layer.KernelHeight * layer.KernelWidth, pixels = (long)outH * outW;
                    long depthChannels = (long)input.Channels * layer.DepthMultiplier;
                    if (depthwise && depthChannels > MaxDimension)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, "DepthMultiplier",
                            Format("{0} makes {1} channels; at most {2} are supported", where, depthChannels, MaxDimension)));
                        return null;
                    }

                    var parameters = new List<ParameterTensor>();
                    TensorShape output;
                    long macs;
                    bool added;
                    switch (layer.Kind)
                    {
                        case LayerKind.Conv2D:
                            output = new TensorShape(outH, outW, layer.Units);
                            macs = taps * (input.Channels / layer.Groups) * layer.Units * pixels;
                            added = AddParameter(d, index, where, parameters, "kernel",
                                new[] { layer.KernelHeight, layer.KernelWidth, input.Channels / layer.Groups, layer.Units }, ref parameterOffset);
                            break;
                        case LayerKind.DepthwiseConv2D:
                            output = new TensorShape(outH, outW, (int)depthChannels);
                            macs = taps * depthChannels * pixels;
                            added = AddParameter(d, index, where, parameters, "depthwise_kernel",
                                new[] { layer.KernelHeight, layer.KernelWidth, input.Channels, layer.DepthMultiplier }, ref parameterOffset);
                            break;
                        default:
                            output = new TensorShape(outH, outW, layer.Units);
                            macs = (taps + layer.Units) * depthChannels * pixels;
                            added = AddParameter(d, index, where, parameters, "depthwise_kernel",
                                    new[] { layer.KernelHeight, layer.KernelWidth, input.Channels, layer.DepthMultiplier }, ref parameterOffset)
                                && AddParameter(d, index, where, parameters, "pointwise_kernel", new[] { 1, 1, (int)depthChannels, layer.Units }, ref parameterOffset);
                            break;
                    }

                    if (!added
                        || (layer.UseBias && !AddParameter(d, index, where, parameters, "bias", new[] { output.Channels }, ref parameterOffset))
                        || !CheckTensor(d, index, where, output))
                    {
                        return null;
                    }

                    return c.Result(output, parameters, macs, padTop, padBottom, padLeft, padRight);
                }

                case LayerKind.Conv2DTranspose:
                {
                    bool ok = CheckSize(d, index, "filters", where + " filters", layer.Units) & CheckKernel(d, index, where, layer);
                    if (!ok || !CheckSpatialInput(d, index, where, input))
                    {
                        return null;
                    }

                    if (layer.DilationHeight != 1 || layer.DilationWidth != 1)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, null, Format("{0} supports dilation 1 only", where)));
                        return null;
                    }

                    // TF/Keras deconv_output_length: valid in * s + max(k - s, 0); same in * s. The full (uncropped) output is
                    // (in - 1) * s + k; same crops max(k - s, 0) cells, floor(half) from the top/left, the rest from the bottom/right.
                    long outH = (long)input.Height * layer.StrideHeight, outW = (long)input.Width * layer.StrideWidth;
                    int extraH = Math.Max(layer.KernelHeight - layer.StrideHeight, 0), extraW = Math.Max(layer.KernelWidth - layer.StrideWidth, 0);
                    int padTop = 0, padBottom = 0, padLeft = 0, padRight = 0;
                    if (layer.Padding == Padding.Valid)
                    {
                        outH += extraH;
                        outW += extraW;
                    }
                    else
                    {
                        padTop = extraH / 2;
                        padBottom = extraH - padTop;
                        padLeft = extraW / 2;
                        padRight = extraW - padLeft;
                    }

                    if (outH > MaxDimension || outW > MaxDimension)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, null,
                            Format("{0} output is {1}x{2}; at most {3} per side is supported", where, outH, outW, MaxDimension)));
                        return null;
                    }

                    var output = new TensorShape((int)outH, (int)outW, layer.Units);
                    var parameters = new List<ParameterTensor>();
                    if (!AddParameter(d, index, where, parameters, "kernel", new[] { layer.KernelHeight, layer.KernelWidth, layer.Units, input.Channels }, ref parameterOffset)
                        || (layer.UseBias && !AddParameter(d, index, where, parameters, "bias", new[] { layer.Units }, ref parameterOffset))
                        || !CheckTensor(d, index, where, output))
                    {
                        return null;
                    }

                    long macs = (long)layer.KernelHeight * layer.KernelWidth * input.Channels * layer.Units * input.Height * input.Width;
                    return c.Result(output, parameters, macs, padTop, padBottom, padLeft, padRight);
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

                    return c.Result(new TensorShape(outH, outW, input.Channels), null, 0, padTop, padBottom, padLeft, padRight);
                }

                case LayerKind.GlobalAveragePooling2D:
                case LayerKind.GlobalMaxPooling2D:
                    return CheckSpatialInput(d, index, where, input) ? c.Result(TensorShape.Flat(input.Channels)) : null;

                case LayerKind.ZeroPadding2D:
                {
                    bool ok = CheckNotNegative(d, index, "top|padding|vertical", where + " top padding", layer.PadTop)
                        & CheckNotNegative(d, index, "bottom|padding|vertical", where + " bottom padding", layer.PadBottom)
                        & CheckNotNegative(d, index, "left|padding|horizontal", where + " left padding", layer.PadLeft)
                        & CheckNotNegative(d, index, "right|padding|horizontal", where + " right padding", layer.PadRight);
                    if (!ok || !CheckSpatialInput(d, index, where, input))
                    {
                        return null;
                    }

                    long outH = (long)input.Height + layer.PadTop + layer.PadBottom, outW = (long)input.Width + layer.PadLeft + layer.PadRight;
                    if (outH > MaxDimension || outW > MaxDimension)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, null,
                            Format("{0} output is {1}x{2}; at most {3} per side is supported", where, outH, outW, MaxDimension)));
                        return null;
                    }

                    var output = new TensorShape((int)outH, (int)outW, input.Channels);
                    return CheckTensor(d, index, where, output)
                        ? c.Result(output, null, 0, layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight)
                        : null;
                }

                case LayerKind.Cropping2D:
                {
                    bool ok = CheckNotNegative(d, index, "top|cropping|vertical", where + " top cropping", layer.PadTop)
                        & CheckNotNegative(d, index, "bottom|cropping|vertical", where + " bottom cropping", layer.PadBottom)
                        & CheckNotNegative(d, index, "left|cropping|horizontal", where + " left cropping", layer.PadLeft)
                        & CheckNotNegative(d, index, "right|cropping|horizontal", where + " right cropping", layer.PadRight);
                    if (!ok || !CheckSpatialInput(d, index, where, input))
                    {
                        return null;
                    }

                    // Keras rejects a cropping that leaves no row or column; so does ConvGen (an empty tensor is never useful).
                    long outH = (long)input.Height - layer.PadTop - layer.PadBottom, outW = (long)input.Width - layer.PadLeft - layer.PadRight;
                    if (outH < 1)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.NonPositiveSize, index, "top|cropping|vertical",
                            Format("{0} removes {1} of {2} rows (top {3}, bottom {4}); at least one row must remain",
                                where, (long)layer.PadTop + layer.PadBottom, input.Height, layer.PadTop, layer.PadBottom)));
                        return null;
                    }

                    if (outW < 1)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.NonPositiveSize, index, "left|cropping|horizontal",
                            Format("{0} removes {1} of {2} columns (left {3}, right {4}); at least one column must remain",
                                where, (long)layer.PadLeft + layer.PadRight, input.Width, layer.PadLeft, layer.PadRight)));
                        return null;
                    }

                    // The crops travel in the analysis' padding fields, as ZeroPadding2D's padding does.
                    return c.Result(new TensorShape((int)outH, (int)outW, input.Channels), null, 0, layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight);
                }

                case LayerKind.UpSampling2D:
                {
                    bool ok = CheckSize(d, index, "sizeHeight|size", where + " size height", layer.StrideHeight)
                        & CheckSize(d, index, "sizeWidth|size", where + " size width", layer.StrideWidth);
                    if (!ok || !CheckSpatialInput(d, index, where, input))
                    {
                        return null;
                    }

                    long outH = (long)input.Height * layer.StrideHeight, outW = (long)input.Width * layer.StrideWidth;
                    if (outH > MaxDimension || outW > MaxDimension)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, null,
                            Format("{0} output is {1}x{2}; at most {3} per side is supported", where, outH, outW, MaxDimension)));
                        return null;
                    }

                    var output = new TensorShape((int)outH, (int)outW, input.Channels);
                    return CheckTensor(d, index, where, output) ? c.Result(output) : null;
                }

                case LayerKind.BatchNormalization:
                {
                    if (float.IsNaN(layer.Momentum) || layer.Momentum < 0 || layer.Momentum > 1)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, "Momentum",
                            Format("{0}: Momentum must be a number in [0, 1], not {1}", where, layer.Momentum)));
                    }

                    if (float.IsNaN(layer.Epsilon) || float.IsInfinity(layer.Epsilon) || layer.Epsilon < 0)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, "Epsilon",
                            Format("{0}: Epsilon must be a finite number >= 0, not {1}", where, layer.Epsilon)));
                        return null;
                    }

                    var parameters = new List<ParameterTensor>();
                    foreach (string parameter in new[] { "gamma", "beta", "moving_mean", "moving_variance" })
                    {
                        if (!AddParameter(d, index, where, parameters, parameter, new[] { input.Channels }, ref parameterOffset))
                        {
                            return null;
                        }
                    }

                    return c.Result(input, parameters, input.Length);
                }

                case LayerKind.Flatten:
                    return c.Result(TensorShape.Flat((int)input.Length));

                case LayerKind.Dropout:
                    if (float.IsNaN(layer.Rate) || layer.Rate < 0 || layer.Rate >= 1)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, "rate",
                            Format("{0}: the rate must be in [0, 1), not {1}", where, layer.Rate)));
                        return null;
                    }

                    return c.Result(input);

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

                    return c.Result(TensorShape.Flat(layer.Units), parameters, (long)input.Channels * layer.Units);
                }

                case LayerKind.Activation:
                    return c.Result(input);

                case LayerKind.Add:
                    for (int k = 1; k < c.Inputs.Length; k++)
                    {
                        if (c.Inputs[k] != input)
                        {
                            d.Add(new SpecDiagnostic(DiagnosticIds.AddShapeMismatch, index, null,
                                Format("{0} adds '{1}' {2} and '{3}' {4}; Add needs inputs of one shape", where, c.InputNames[0], input, c.InputNames[k], c.Inputs[k])));
                            return null;
                        }
                    }

                    return c.Result(input, null, input.Length * (c.Inputs.Length - 1));

                case LayerKind.Concatenate:
                {
                    long channels = input.Channels;
                    for (int k = 1; k < c.Inputs.Length; k++)
                    {
                        TensorShape other = c.Inputs[k];
                        if (other.Rank != input.Rank || other.Height != input.Height || other.Width != input.Width)
                        {
                            string size = input.Rank == 3 ? "the same height and width" : "the same rank";
                            d.Add(new SpecDiagnostic(DiagnosticIds.ConcatenateShapeMismatch, index, null,
                                Format("{0} joins '{1}' {2} and '{3}' {4} on the channel axis; every input needs {5}", where, c.InputNames[0], input, c.InputNames[k], other, size)));
                            return null;
                        }

                        channels += other.Channels;
                    }

                    if (channels > MaxTensorLength)
                    {
                        d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, null, Format("{0} makes {1} channels", where, channels)));
                        return null;
                    }

                    var output = input.Rank == 3 ? new TensorShape(input.Height, input.Width, (int)channels) : TensorShape.Flat((int)channels);
                    return CheckTensor(d, index, where, output) ? c.Result(output) : null;
                }

                default:
                    d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, null, Format("{0}: unknown layer kind {1}", where, (int)layer.Kind)));
                    return null;
            }
        }

        /// <summary>Kernel sizes and strides of the convolutions.</summary>
        private static bool CheckKernel(List<SpecDiagnostic> d, int index, string where, LayerSpec layer) =>
            CheckSize(d, index, "kernelHeight|kernelSize", where + " kernel height", layer.KernelHeight)
            & CheckSize(d, index, "kernelWidth|kernelSize", where + " kernel width", layer.KernelWidth)
            & CheckSize(d, index, "StrideHeight|Stride", where + " stride height", layer.StrideHeight)
            & CheckSize(d, index, "StrideWidth|Stride", where + " stride width", layer.StrideWidth);

        /// <summary>True for the kinds that apply <see cref="LayerSpec.Activation"/> to their result.</summary>
        public static bool HasActivation(LayerKind kind) => kind is LayerKind.Conv2D or LayerKind.DepthwiseConv2D or LayerKind.SeparableConv2D
            or LayerKind.Conv2DTranspose or LayerKind.Dense or LayerKind.Activation;

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

            if (layer.Activation < Activation.Linear || layer.Activation > Activation.GELUErf)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.UnknownEnumValue, index, "Activation|activation",
                    Format("{0}: {1} is not an Activation value", where, (int)layer.Activation)));
                return false;
            }

            if (layer.Activation != Activation.Linear && !HasActivation(layer.Kind))
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, null,
                    Format("{0} has no activation of its own; add [Activation(Activation.{1})] after it", where, LayerText.ActivationName(layer.Activation))));
                return false;
            }

            if ((layer.Activation == Activation.LeakyReLU || layer.Activation == Activation.ELU)
                && (float.IsNaN(layer.NegativeSlope) || float.IsInfinity(layer.NegativeSlope)))
            {
                string argument = layer.Activation == Activation.ELU ? "Alpha" : "NegativeSlope";
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, argument,
                    Format("{0}: {1} must be a finite number, not {2}", where, argument, layer.NegativeSlope)));
                return false;
            }

            if (layer.Interpolation != Interpolation.Nearest && layer.Interpolation != Interpolation.Bilinear)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.UnknownEnumValue, index, "Interpolation",
                    Format("{0}: {1} is not an Interpolation value; use Interpolation.Nearest or Interpolation.Bilinear", where, (int)layer.Interpolation)));
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

        private static bool CheckNotNegative(List<SpecDiagnostic> d, int index, string argument, string what, int value)
        {
            if (value < 0)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.NonPositiveSize, index, argument, Format("{0} must not be negative, not {1}", what, value)));
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
