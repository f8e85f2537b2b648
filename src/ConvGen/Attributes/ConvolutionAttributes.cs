using System;

namespace ConvGen
{
    /// <summary>
    /// Depthwise convolution (Keras <c>DepthwiseConv2D</c>): each input channel c is convolved with its own
    /// <see cref="DepthMultiplier"/> kernels, giving output channels c * multiplier + m.
    /// Parameters: depthwise_kernel [kh, kw, in, multiplier], then bias [in * multiplier] when <see cref="UseBias"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DepthwiseConv2DAttribute : Attribute
    {
        /// <summary>A square kernel.</summary>
        public DepthwiseConv2DAttribute(int kernelSize)
            : this(kernelSize, kernelSize)
        {
        }

        /// <summary>A rectangular kernel.</summary>
        public DepthwiseConv2DAttribute(int kernelHeight, int kernelWidth)
        {
            KernelHeight = kernelHeight;
            KernelWidth = kernelWidth;
        }

        /// <summary>Kernel height.</summary>
        public int KernelHeight { get; }

        /// <summary>Kernel width.</summary>
        public int KernelWidth { get; }

        /// <summary>Output channels per input channel (default 1).</summary>
        public int DepthMultiplier { get; set; } = 1;

        /// <summary>Sets both strides (default 1).</summary>
        public int Stride { get => StrideHeight; set => StrideHeight = StrideWidth = value; }

        /// <summary>Vertical stride (default 1).</summary>
        public int StrideHeight { get; set; } = 1;

        /// <summary>Horizontal stride (default 1).</summary>
        public int StrideWidth { get; set; } = 1;

        /// <summary>Sets both dilation rates (default 1).</summary>
        public int Dilation { get => DilationHeight; set => DilationHeight = DilationWidth = value; }

        /// <summary>Vertical dilation rate (default 1).</summary>
        public int DilationHeight { get; set; } = 1;

        /// <summary>Horizontal dilation rate (default 1).</summary>
        public int DilationWidth { get; set; } = 1;

        /// <summary>Border handling (default <see cref="Padding.Valid"/>).</summary>
        public Padding Padding { get; set; } = Padding.Valid;

        /// <summary>Whether a bias is added (default true).</summary>
        public bool UseBias { get; set; } = true;

        /// <summary>Activation after the convolution (default <see cref="Activation.Linear"/>).</summary>
        public Activation Activation { get; set; } = Activation.Linear;

        /// <summary>Slope below zero for <see cref="Activation.LeakyReLU"/> (default 0.3).</summary>
        public float NegativeSlope { get; set; } = 0.3f;

        /// <summary>Alpha of <see cref="Activation.ELU"/> (default 1, as Keras).</summary>
        public float Alpha { get; set; } = 1f;

        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }

    /// <summary>
    /// Depthwise-separable convolution (Keras <c>SeparableConv2D</c>): a depthwise convolution (stride, padding, dilation,
    /// <see cref="DepthMultiplier"/>) followed by a 1x1 convolution to <see cref="Filters"/> channels, then bias and activation.
    /// Parameters in Keras order: depthwise_kernel [kh, kw, in, multiplier], pointwise_kernel [1, 1, in * multiplier, filters], bias [filters].
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SeparableConv2DAttribute : Attribute
    {
        /// <summary>A square kernel.</summary>
        public SeparableConv2DAttribute(int filters, int kernelSize)
            : this(filters, kernelSize, kernelSize)
        {
        }

        /// <summary>A rectangular kernel.</summary>
        public SeparableConv2DAttribute(int filters, int kernelHeight, int kernelWidth)
        {
            Filters = filters;
            KernelHeight = kernelHeight;
            KernelWidth = kernelWidth;
        }

        /// <summary>Output channels.</summary>
        public int Filters { get; }

        /// <summary>Kernel height.</summary>
        public int KernelHeight { get; }

        /// <summary>Kernel width.</summary>
        public int KernelWidth { get; }

        /// <summary>Depthwise channels per input channel (default 1).</summary>
        public int DepthMultiplier { get; set; } = 1;

        /// <summary>Sets both strides (default 1).</summary>
        public int Stride { get => StrideHeight; set => StrideHeight = StrideWidth = value; }

        /// <summary>Vertical stride (default 1).</summary>
        public int StrideHeight { get; set; } = 1;

        /// <summary>Horizontal stride (default 1).</summary>
        public int StrideWidth { get; set; } = 1;

        /// <summary>Sets both dilation rates (default 1).</summary>
        public int Dilation { get => DilationHeight; set => DilationHeight = DilationWidth = value; }

        /// <summary>Vertical dilation rate (default 1).</summary>
        public int DilationHeight { get; set; } = 1;

        /// <summary>Horizontal dilation rate (default 1).</summary>
        public int DilationWidth { get; set; } = 1;

        /// <summary>Border handling (default <see cref="Padding.Valid"/>).</summary>
        public Padding Padding { get; set; } = Padding.Valid;

        /// <summary>Whether a bias is added (default true).</summary>
        public bool UseBias { get; set; } = true;

        /// <summary>Activation after the convolution (default <see cref="Activation.Linear"/>).</summary>
        public Activation Activation { get; set; } = Activation.Linear;

        /// <summary>Slope below zero for <see cref="Activation.LeakyReLU"/> (default 0.3).</summary>
        public float NegativeSlope { get; set; } = 0.3f;

        /// <summary>Alpha of <see cref="Activation.ELU"/> (default 1, as Keras).</summary>
        public float Alpha { get; set; } = 1f;

        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }

    /// <summary>
    /// Transposed convolution (Keras <c>Conv2DTranspose</c>), the gradient of Conv2D: output size in * stride for
    /// <see cref="Padding.Same"/>, in * stride + max(kernel - stride, 0) for <see cref="Padding.Valid"/> (TensorFlow's rule).
    /// Parameters: kernel [kh, kw, filters, in] (Keras' transposed layout), then bias [filters] when <see cref="UseBias"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Conv2DTransposeAttribute : Attribute
    {
        /// <summary>A square kernel.</summary>
        public Conv2DTransposeAttribute(int filters, int kernelSize)
            : this(filters, kernelSize, kernelSize)
        {
        }

        /// <summary>A rectangular kernel.</summary>
        public Conv2DTransposeAttribute(int filters, int kernelHeight, int kernelWidth)
        {
            Filters = filters;
            KernelHeight = kernelHeight;
            KernelWidth = kernelWidth;
        }

        /// <summary>Output channels.</summary>
        public int Filters { get; }

        /// <summary>Kernel height.</summary>
        public int KernelHeight { get; }

        /// <summary>Kernel width.</summary>
        public int KernelWidth { get; }

        /// <summary>Sets both strides (default 1).</summary>
        public int Stride { get => StrideHeight; set => StrideHeight = StrideWidth = value; }

        /// <summary>Vertical stride (default 1).</summary>
        public int StrideHeight { get; set; } = 1;

        /// <summary>Horizontal stride (default 1).</summary>
        public int StrideWidth { get; set; } = 1;

        /// <summary>Border handling (default <see cref="Padding.Valid"/>).</summary>
        public Padding Padding { get; set; } = Padding.Valid;

        /// <summary>Whether a bias is added (default true).</summary>
        public bool UseBias { get; set; } = true;

        /// <summary>Activation after the convolution (default <see cref="Activation.Linear"/>).</summary>
        public Activation Activation { get; set; } = Activation.Linear;

        /// <summary>Slope below zero for <see cref="Activation.LeakyReLU"/> (default 0.3).</summary>
        public float NegativeSlope { get; set; } = 0.3f;

        /// <summary>Alpha of <see cref="Activation.ELU"/> (default 1, as Keras).</summary>
        public float Alpha { get; set; } = 1f;

        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }
}
