using System;

namespace ConvGen
{
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
}
