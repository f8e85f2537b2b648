using System;

namespace ConvGen
{
    /// <summary>2-D max pooling (Keras <c>MaxPooling2D</c>); padded cells never win.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class MaxPool2DAttribute : PoolingLayerAttribute
    {
        /// <summary>A square window; strides default to the pool size.</summary>
        public MaxPool2DAttribute(int poolSize)
            : this(poolSize, poolSize)
        {
        }

        /// <summary>A rectangular window; strides default to the pool size.</summary>
        public MaxPool2DAttribute(int poolHeight, int poolWidth)
            : base(poolHeight, poolWidth)
        {
        }
    }

    /// <summary>2-D average pooling (Keras <c>AveragePooling2D</c>): divides by the number of in-bounds cells, as TensorFlow does.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class AvgPool2DAttribute : PoolingLayerAttribute
    {
        /// <summary>A square window; strides default to the pool size.</summary>
        public AvgPool2DAttribute(int poolSize)
            : this(poolSize, poolSize)
        {
        }

        /// <summary>A rectangular window; strides default to the pool size.</summary>
        public AvgPool2DAttribute(int poolHeight, int poolWidth)
            : base(poolHeight, poolWidth)
        {
        }
    }
}
