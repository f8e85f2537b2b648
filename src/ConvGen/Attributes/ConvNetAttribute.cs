using System;

namespace ConvGen
{
    /// <summary>
    /// Marks a <c>partial class</c> as a network: the source generator reads the layer attributes on it,
    /// in source order, and generates shape-specialized inference code into the class.
    /// </summary>
    /// <example>
    /// <code>
    /// [ConvNet(28, 28, 3)]
    /// [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    /// [MaxPool2D(2)]
    /// public partial class SeedNet { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class ConvNetAttribute : Attribute
    {
        /// <summary>Declares the input tensor: [height, width, channels], NHWC with batch 1.</summary>
        public ConvNetAttribute(int height, int width, int channels)
        {
            Height = height;
            Width = width;
            Channels = channels;
        }

        /// <summary>Input height.</summary>
        public int Height { get; }

        /// <summary>Input width.</summary>
        public int Width { get; }

        /// <summary>Input channels.</summary>
        public int Channels { get; }

        /// <summary>
        /// Also generate a nested <c>Trainer</c> class (forward and backward pass for the exact shapes, Keras losses and
        /// optimizers). Default false: inference-only apps carry no training code.
        /// </summary>
        public bool Training { get; set; }
    }
}
