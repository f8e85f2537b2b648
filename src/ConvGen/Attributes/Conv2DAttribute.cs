using System;

namespace ConvGen
{
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
}
