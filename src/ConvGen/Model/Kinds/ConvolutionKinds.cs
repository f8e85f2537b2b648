using System;
using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
    // The home of Conv2D, DepthwiseConv2D, SeparableConv2D and Conv2DTranspose in the library:
    // their attributes (the public API), their LayerSpec factories and, in ConvolutionKinds, their descriptors,
    // shape rules, constructor readers and attribute text.

    /// <summary>
    /// 2-D convolution (Keras <c>Conv2D</c>). Parameters: kernel [kh, kw, in / groups, filters], then bias [filters]
    /// when <see cref="WeightedLayerAttribute.UseBias"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class Conv2DAttribute : ConvolutionLayerAttribute
    {
        /// <summary>A square kernel.</summary>
        public Conv2DAttribute(int filters, int kernelSize)
            : this(filters, kernelSize, kernelSize)
        {
        }

        /// <summary>A rectangular kernel.</summary>
        public Conv2DAttribute(int filters, int kernelHeight, int kernelWidth)
            : base(kernelHeight, kernelWidth) => Filters = filters;

        /// <summary>Output channels.</summary>
        public int Filters { get; }

        /// <summary>Keras <c>groups</c> (default 1): input channels and filters split into this many independent convolutions; kernel [kh, kw, in / groups, filters].</summary>
        public int Groups { get; set; } = 1;
    }

    /// <summary>
    /// Depthwise convolution (Keras <c>DepthwiseConv2D</c>): each input channel c is convolved with its own
    /// <see cref="DepthMultiplier"/> kernels, giving output channels c * multiplier + m.
    /// Parameters: depthwise_kernel [kh, kw, in, multiplier], then bias [in * multiplier] when <see cref="WeightedLayerAttribute.UseBias"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class DepthwiseConv2DAttribute : ConvolutionLayerAttribute
    {
        /// <summary>A square kernel.</summary>
        public DepthwiseConv2DAttribute(int kernelSize)
            : this(kernelSize, kernelSize)
        {
        }

        /// <summary>A rectangular kernel.</summary>
        public DepthwiseConv2DAttribute(int kernelHeight, int kernelWidth)
            : base(kernelHeight, kernelWidth)
        {
        }

        /// <summary>Output channels per input channel (default 1).</summary>
        public int DepthMultiplier { get; set; } = 1;
    }

    /// <summary>
    /// Depthwise-separable convolution (Keras <c>SeparableConv2D</c>): a depthwise convolution (stride, padding, dilation,
    /// <see cref="DepthMultiplier"/>) followed by a 1x1 convolution to <see cref="Filters"/> channels, then bias and activation.
    /// Parameters in Keras order: depthwise_kernel [kh, kw, in, multiplier], pointwise_kernel [1, 1, in * multiplier, filters], bias [filters].
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class SeparableConv2DAttribute : ConvolutionLayerAttribute
    {
        /// <summary>A square kernel.</summary>
        public SeparableConv2DAttribute(int filters, int kernelSize)
            : this(filters, kernelSize, kernelSize)
        {
        }

        /// <summary>A rectangular kernel.</summary>
        public SeparableConv2DAttribute(int filters, int kernelHeight, int kernelWidth)
            : base(kernelHeight, kernelWidth) => Filters = filters;

        /// <summary>Output channels.</summary>
        public int Filters { get; }

        /// <summary>Depthwise channels per input channel (default 1).</summary>
        public int DepthMultiplier { get; set; } = 1;
    }

    /// <summary>
    /// Transposed convolution (Keras <c>Conv2DTranspose</c>), the gradient of Conv2D: output size in * stride for
    /// <see cref="Padding.Same"/>, in * stride + max(kernel - stride, 0) for <see cref="Padding.Valid"/> (TensorFlow's rule).
    /// Parameters: kernel [kh, kw, filters, in] (Keras' transposed layout), then bias [filters] when <see cref="WeightedLayerAttribute.UseBias"/>.
    /// Dilation is not supported (a dilation other than 1 is reported as CG0016).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class Conv2DTransposeAttribute : ConvolutionLayerAttribute
    {
        /// <summary>A square kernel.</summary>
        public Conv2DTransposeAttribute(int filters, int kernelSize)
            : this(filters, kernelSize, kernelSize)
        {
        }

        /// <summary>A rectangular kernel.</summary>
        public Conv2DTransposeAttribute(int filters, int kernelHeight, int kernelWidth)
            : base(kernelHeight, kernelWidth) => Filters = filters;

        /// <summary>Output channels.</summary>
        public int Filters { get; }
    }

    public sealed partial record LayerSpec
    {
        /// <summary>A 2-D convolution (Keras <c>Conv2D</c>).</summary>
        public static LayerSpec Conv2D(int filters, int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, int dilationHeight = 1, int dilationWidth = 1, bool useBias = true,
            Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope, int groups = 1) => new LayerSpec
        {
            Kind = LayerKind.Conv2D, Units = filters, KernelHeight = kernelHeight, KernelWidth = kernelWidth,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding,
            DilationHeight = dilationHeight, DilationWidth = dilationWidth, UseBias = useBias,
            Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope), Groups = groups,
        };

        /// <summary>A depthwise convolution (Keras <c>DepthwiseConv2D</c>): each input channel convolved with its own <paramref name="depthMultiplier"/> kernels.</summary>
        public static LayerSpec DepthwiseConv2D(int kernelHeight, int kernelWidth, int depthMultiplier = 1, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, int dilationHeight = 1, int dilationWidth = 1, bool useBias = true,
            Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope) => new LayerSpec
        {
            Kind = LayerKind.DepthwiseConv2D, KernelHeight = kernelHeight, KernelWidth = kernelWidth, DepthMultiplier = depthMultiplier,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding,
            DilationHeight = dilationHeight, DilationWidth = dilationWidth, UseBias = useBias,
            Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope),
        };

        /// <summary>A depthwise-separable convolution (Keras <c>SeparableConv2D</c>): depthwise (stride, padding, dilation) then 1x1 to <paramref name="filters"/>.</summary>
        public static LayerSpec SeparableConv2D(int filters, int kernelHeight, int kernelWidth, int depthMultiplier = 1, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, int dilationHeight = 1, int dilationWidth = 1, bool useBias = true,
            Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope) => new LayerSpec
        {
            Kind = LayerKind.SeparableConv2D, Units = filters, KernelHeight = kernelHeight, KernelWidth = kernelWidth, DepthMultiplier = depthMultiplier,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding,
            DilationHeight = dilationHeight, DilationWidth = dilationWidth, UseBias = useBias,
            Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope),
        };

        /// <summary>A transposed convolution (Keras <c>Conv2DTranspose</c>, kernel [kh, kw, filters, in]).</summary>
        public static LayerSpec Conv2DTranspose(int filters, int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, bool useBias = true, Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope) => new LayerSpec
        {
            Kind = LayerKind.Conv2DTranspose, Units = filters, KernelHeight = kernelHeight, KernelWidth = kernelWidth,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding, UseBias = useBias,
            Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope),
        };
    }

    /// <summary>The convolutions: Conv2D, DepthwiseConv2D, SeparableConv2D and Conv2DTranspose (descriptors, shape rules, attribute text).</summary>
    internal static class ConvolutionKinds
    {
        public static readonly LayerKindInfo[] All =
        {
            Weighted(LayerKind.Conv2D, "Conv2D", "conv2d", Sliding, ReadFiltersAndKernel),
            Weighted(LayerKind.DepthwiseConv2D, "DepthwiseConv2D", "depthwise_conv2d", Sliding, ReadKernel),
            Weighted(LayerKind.SeparableConv2D, "SeparableConv2D", "separable_conv2d", Sliding, ReadFiltersAndKernel),
            Weighted(LayerKind.Conv2DTranspose, "Conv2DTranspose", "conv2d_transpose", Transposed, ReadFiltersAndKernel),
        };

        private static LayerKindInfo Weighted(LayerKind kind, string typeName, string stem, ShapeRule shape, ConstructorReader read) =>
            new LayerKindInfo(kind, typeName, stem, shape, Arguments, read, hasActivation: true, canFoldBatchNorm: true, hasParameters: true, takesBias: true);

        /// <summary>Constructors (kernelSize) or (kernelHeight, kernelWidth).</summary>
        private static LayerSpec ReadKernel(IConstructorArguments a, LayerSpec layer) => layer with
        {
            KernelHeight = a.Int("kernelHeight", a.Int("kernelSize", 0)),
            KernelWidth = a.Int("kernelWidth", a.Int("kernelSize", 0)),
        };

        /// <summary>Constructors (filters, kernelSize) or (filters, kernelHeight, kernelWidth).</summary>
        private static LayerSpec ReadFiltersAndKernel(IConstructorArguments a, LayerSpec layer) => ReadKernel(a, layer) with { Units = a.Int("filters", 0) };

        /// <summary>Conv2D, DepthwiseConv2D and SeparableConv2D: a window slid over the input (TF padding, dilation).</summary>
        private static LayerAnalysis? Sliding(ShapeContext c)
        {
            LayerSpec layer = c.Layer;
            TensorShape input = c.Input;
            string where = c.Where;
            bool depthwise = layer.Kind != LayerKind.Conv2D;
            bool ok = (layer.Kind == LayerKind.DepthwiseConv2D || c.CheckSize("filters", where + " filters", layer.Units))
                & c.CheckKernel()
                & c.CheckSize(Either(nameof(ConvolutionLayerAttribute.DilationHeight), nameof(ConvolutionLayerAttribute.Dilation)), where + " dilation height", layer.DilationHeight)
                & c.CheckSize(Either(nameof(ConvolutionLayerAttribute.DilationWidth), nameof(ConvolutionLayerAttribute.Dilation)), where + " dilation width", layer.DilationWidth)
                & (!depthwise || c.CheckSize(nameof(DepthwiseConv2DAttribute.DepthMultiplier), where + " DepthMultiplier", layer.DepthMultiplier))
                & (depthwise || c.CheckSize(nameof(Conv2DAttribute.Groups), where + " Groups", layer.Groups));
            if (!ok || !c.CheckSpatialInput())
            {
                return null;
            }

            if (!depthwise && (input.Channels % layer.Groups != 0 || layer.Units % layer.Groups != 0))
            {
                c.Report(DiagnosticIds.GroupsNotDividingChannels, nameof(Conv2DAttribute.Groups),
                    Format("{0} Groups = {1} must divide both the input channels ({2}) and the filters ({3})", where, layer.Groups, input.Channels, layer.Units));
                return null;
            }

            if (!c.Window("kernel", "kernelHeight|kernelSize", out int outH, out int outW, out int padTop, out int padBottom, out int padLeft, out int padRight))
            {
                return null;
            }

            long taps = (long)layer.KernelHeight * layer.KernelWidth, pixels = (long)outH * outW;
            long depthChannels = (long)input.Channels * layer.DepthMultiplier;
            if (depthwise && depthChannels > MaxDimension)
            {
                c.Report(DiagnosticIds.SizeTooLarge, nameof(DepthwiseConv2DAttribute.DepthMultiplier), Format("{0} makes {1} channels; at most {2} are supported", where, depthChannels, MaxDimension));
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
                    added = c.AddParameter(parameters, "kernel", new[] { layer.KernelHeight, layer.KernelWidth, input.Channels / layer.Groups, layer.Units });
                    break;
                case LayerKind.DepthwiseConv2D:
                    output = new TensorShape(outH, outW, (int)depthChannels);
                    macs = taps * depthChannels * pixels;
                    added = c.AddParameter(parameters, "depthwise_kernel", new[] { layer.KernelHeight, layer.KernelWidth, input.Channels, layer.DepthMultiplier });
                    break;
                default:
                    output = new TensorShape(outH, outW, layer.Units);
                    macs = (taps + layer.Units) * depthChannels * pixels;
                    added = c.AddParameter(parameters, "depthwise_kernel", new[] { layer.KernelHeight, layer.KernelWidth, input.Channels, layer.DepthMultiplier })
                        && c.AddParameter(parameters, "pointwise_kernel", new[] { 1, 1, (int)depthChannels, layer.Units });
                    break;
            }

            if (!added || (layer.UseBias && !c.AddParameter(parameters, "bias", new[] { output.Channels })) || !c.CheckTensor(output))
            {
                return null;
            }

            return c.Result(output, parameters, macs, padTop, padBottom, padLeft, padRight);
        }

        /// <summary>Conv2DTranspose: the gradient of a strided convolution.</summary>
        private static LayerAnalysis? Transposed(ShapeContext c)
        {
            LayerSpec layer = c.Layer;
            TensorShape input = c.Input;
            string where = c.Where;
            bool ok = c.CheckSize("filters", where + " filters", layer.Units) & c.CheckKernel();
            if (!ok || !c.CheckSpatialInput())
            {
                return null;
            }

            if (layer.DilationHeight != 1 || layer.DilationWidth != 1)
            {
                c.Report(DiagnosticIds.InvalidArgument, null, Format("{0} supports dilation 1 only", where));
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

            if (!c.CheckSides(outH, outW))
            {
                return null;
            }

            var output = new TensorShape((int)outH, (int)outW, layer.Units);
            var parameters = new List<ParameterTensor>();
            if (!c.AddParameter(parameters, "kernel", new[] { layer.KernelHeight, layer.KernelWidth, layer.Units, input.Channels })
                || (layer.UseBias && !c.AddParameter(parameters, "bias", new[] { layer.Units }))
                || !c.CheckTensor(output))
            {
                return null;
            }

            long macs = (long)layer.KernelHeight * layer.KernelWidth * input.Channels * layer.Units * input.Height * input.Width;
            return c.Result(output, parameters, macs, padTop, padBottom, padLeft, padRight);
        }

        private static void Arguments(LayerSpec layer, List<string> args)
        {
            if (layer.Kind != LayerKind.DepthwiseConv2D)
            {
                args.Add(LayerText.Int(layer.Units));
            }

            LayerText.AddPair(args, layer.KernelHeight, layer.KernelWidth);
            if (layer.Kind != LayerKind.Conv2D && layer.Kind != LayerKind.Conv2DTranspose && layer.DepthMultiplier != 1)
            {
                args.Add("DepthMultiplier = " + LayerText.Int(layer.DepthMultiplier));
            }

            LayerText.AddNamedPair(args, "Stride", layer.StrideHeight, layer.StrideWidth, 1);
            LayerText.AddNamedPair(args, "Dilation", layer.DilationHeight, layer.DilationWidth, 1);
            if (layer.Groups != 1)
            {
                args.Add("Groups = " + LayerText.Int(layer.Groups));
            }

            LayerText.AddPadding(args, layer.Padding);
            if (!layer.UseBias)
            {
                args.Add("UseBias = false");
            }

            LayerText.AddActivation(args, layer, named: true);
        }
    }
}
