using System;

namespace ConvGen
{
    /// <summary>
    /// 2-D convolution (Keras <c>Conv2D</c>). Parameters: kernel [kh, kw, in, filters], then bias [filters] when <see cref="UseBias"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Conv2DAttribute : Attribute
    {
        /// <summary>A square kernel.</summary>
        public Conv2DAttribute(int filters, int kernelSize)
            : this(filters, kernelSize, kernelSize)
        {
        }

        /// <summary>A rectangular kernel.</summary>
        public Conv2DAttribute(int filters, int kernelHeight, int kernelWidth)
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

        /// <summary>Sets both dilation rates (default 1).</summary>
        public int Dilation { get => DilationHeight; set => DilationHeight = DilationWidth = value; }

        /// <summary>Vertical dilation rate (default 1).</summary>
        public int DilationHeight { get; set; } = 1;

        /// <summary>Horizontal dilation rate (default 1).</summary>
        public int DilationWidth { get; set; } = 1;

        /// <summary>Border handling (default <see cref="Padding.Valid"/>).</summary>
        public Padding Padding { get; set; } = Padding.Valid;

        /// <summary>Keras <c>groups</c> (default 1): input channels and filters split into this many independent convolutions; kernel [kh, kw, in / groups, filters].</summary>
        public int Groups { get; set; } = 1;

        /// <summary>Whether a bias is added (default true).</summary>
        public bool UseBias { get; set; } = true;

        /// <summary>Activation after the convolution (default <see cref="Activation.Linear"/>).</summary>
        public Activation Activation { get; set; } = Activation.Linear;

        /// <summary>Slope below zero for <see cref="Activation.LeakyReLU"/> (default 0.3, as Keras' LeakyReLU layer).</summary>
        public float NegativeSlope { get; set; } = 0.3f;

        /// <summary>Alpha of <see cref="Activation.ELU"/> (default 1, as Keras).</summary>
        public float Alpha { get; set; } = 1f;

        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }
}
