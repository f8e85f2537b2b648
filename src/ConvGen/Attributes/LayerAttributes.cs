using System;

namespace ConvGen
{
    /// <summary>
    /// Base of every layer attribute: the layer's <see cref="Name"/>. The generator reads the attributes' arguments,
    /// never instances, so these bases only share declarations and documentation.
    /// </summary>
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    abstract class LayerAttribute : Attribute
    {
        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name such as <c>conv2d_1</c>).</summary>
        public string? Name { get; set; }

        /// <summary>
        /// Whether training updates this layer's parameters (Keras <c>layer.trainable</c>, default true). A frozen
        /// BatchNormalization also runs in inference mode during training, as in Keras.
        /// </summary>
        public bool Trainable { get; set; } = true;
    }

    /// <summary>A layer that reads one tensor: by default the previous layer's output.</summary>
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    abstract class SingleInputLayerAttribute : LayerAttribute
    {
        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }

    /// <summary>A layer with weights, an optional bias and a fused activation (convolutions, Dense).</summary>
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    abstract class WeightedLayerAttribute : SingleInputLayerAttribute
    {
        /// <summary>Whether a bias is added (default true).</summary>
        public bool UseBias { get; set; } = true;

        /// <summary>Activation applied to the result (default <see cref="Activation.Linear"/>).</summary>
        public Activation Activation { get; set; } = Activation.Linear;

        /// <summary>Slope below zero for <see cref="Activation.LeakyReLU"/> (default 0.3, as Keras' LeakyReLU layer).</summary>
        public float NegativeSlope { get; set; } = 0.3f;

        /// <summary>Alpha of <see cref="Activation.ELU"/> (default 1, as Keras).</summary>
        public float Alpha { get; set; } = 1f;
    }

    /// <summary>A convolution: kernel size, strides, padding and dilation.</summary>
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    abstract class ConvolutionLayerAttribute : WeightedLayerAttribute
    {
        /// <summary>Sets the kernel size.</summary>
        protected ConvolutionLayerAttribute(int kernelHeight, int kernelWidth)
        {
            KernelHeight = kernelHeight;
            KernelWidth = kernelWidth;
        }

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
    }

    /// <summary>A pooling window: size, strides (default: the pool size, as Keras) and padding.</summary>
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    abstract class PoolingLayerAttribute : SingleInputLayerAttribute
    {
        /// <summary>Sets the window; the strides start as the window size.</summary>
        protected PoolingLayerAttribute(int poolHeight, int poolWidth)
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
    }
}
