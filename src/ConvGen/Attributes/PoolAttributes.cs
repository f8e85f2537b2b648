using System;

namespace ConvGen
{
    /// <summary>2-D max pooling (Keras <c>MaxPooling2D</c>); padded cells never win.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MaxPool2DAttribute : Attribute
    {
        /// <summary>A square window; strides default to the pool size.</summary>
        public MaxPool2DAttribute(int poolSize)
            : this(poolSize, poolSize)
        {
        }

        /// <summary>A rectangular window; strides default to the pool size.</summary>
        public MaxPool2DAttribute(int poolHeight, int poolWidth)
        {
            PoolHeight = poolHeight;
            PoolWidth = poolWidth;
            StrideHeight = poolHeight;
            StrideWidth = poolWidth;
        }

        /// <summary>Window height.</summary>
        public int PoolHeight { get; }

        /// <summary>Window width.</summary>
        public int PoolWidth { get; }

        /// <summary>Sets both strides (default: the pool size).</summary>
        public int Stride { get => StrideHeight; set => StrideHeight = StrideWidth = value; }

        /// <summary>Vertical stride (default: pool height).</summary>
        public int StrideHeight { get; set; }

        /// <summary>Horizontal stride (default: pool width).</summary>
        public int StrideWidth { get; set; }

        /// <summary>Border handling (default <see cref="Padding.Valid"/>).</summary>
        public Padding Padding { get; set; } = Padding.Valid;

        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }

    /// <summary>2-D average pooling (Keras <c>AveragePooling2D</c>): divides by the number of in-bounds cells, as TensorFlow does.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AvgPool2DAttribute : Attribute
    {
        /// <summary>A square window; strides default to the pool size.</summary>
        public AvgPool2DAttribute(int poolSize)
            : this(poolSize, poolSize)
        {
        }

        /// <summary>A rectangular window; strides default to the pool size.</summary>
        public AvgPool2DAttribute(int poolHeight, int poolWidth)
        {
            PoolHeight = poolHeight;
            PoolWidth = poolWidth;
            StrideHeight = poolHeight;
            StrideWidth = poolWidth;
        }

        /// <summary>Window height.</summary>
        public int PoolHeight { get; }

        /// <summary>Window width.</summary>
        public int PoolWidth { get; }

        /// <summary>Sets both strides (default: the pool size).</summary>
        public int Stride { get => StrideHeight; set => StrideHeight = StrideWidth = value; }

        /// <summary>Vertical stride (default: pool height).</summary>
        public int StrideHeight { get; set; }

        /// <summary>Horizontal stride (default: pool width).</summary>
        public int StrideWidth { get; set; }

        /// <summary>Border handling (default <see cref="Padding.Valid"/>).</summary>
        public Padding Padding { get; set; } = Padding.Valid;

        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }
}
