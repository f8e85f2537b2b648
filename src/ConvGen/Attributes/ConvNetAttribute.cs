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

        /// <summary>
        /// Let the generator run 3x3, stride-1 convolutions with 16 or more channels as Winograd F(4x4, 3x3) or F(2x2, 3x3),
        /// and 5x5 ones with 16 or more in and 32 or more out as F(2x2, 5x5) (2-4x fewer multiplications; results differ
        /// from the direct convolution by rounding only, within 1e-4 relative: docs/winograd.md). Default true; false keeps
        /// every convolution on the direct kernel.
        /// </summary>
        public bool Winograd { get; set; } = true;
    }
}
