using System;

namespace ConvGen
{
    /// <summary>
    /// One layer of a network, as declared: kind and hyper-parameters, no shapes (those are inferred by
    /// <see cref="ShapeInference"/>). Plain, immutable and equatable, so the source generator can cache it.
    /// Fields that a kind does not use keep their defaults.
    /// </summary>
    public sealed class LayerSpec : IEquatable<LayerSpec>
    {
        /// <summary>The layer kind.</summary>
        public LayerKind Kind { get; init; }

        /// <summary>Conv2D filters or Dense units.</summary>
        public int Units { get; init; }

        /// <summary>Kernel or pool height.</summary>
        public int KernelHeight { get; init; } = 1;

        /// <summary>Kernel or pool width.</summary>
        public int KernelWidth { get; init; } = 1;

        /// <summary>Vertical stride.</summary>
        public int StrideHeight { get; init; } = 1;

        /// <summary>Horizontal stride.</summary>
        public int StrideWidth { get; init; } = 1;

        /// <summary>Vertical dilation (convolution only).</summary>
        public int DilationHeight { get; init; } = 1;

        /// <summary>Horizontal dilation (convolution only).</summary>
        public int DilationWidth { get; init; } = 1;

        /// <summary>Border handling for convolution and pooling.</summary>
        public Padding Padding { get; init; } = Padding.Valid;

        /// <summary>Whether Conv2D/Dense add a bias.</summary>
        public bool UseBias { get; init; } = true;

        /// <summary>The activation applied after the layer (or the activation of an <see cref="LayerKind.Activation"/> layer).</summary>
        public Activation Activation { get; init; } = Activation.Linear;

        /// <summary>Slope for x &lt; 0 when <see cref="Activation"/> is <see cref="ConvGen.Activation.LeakyReLU"/>.</summary>
        public float NegativeSlope { get; init; } = DefaultNegativeSlope;

        /// <summary>Keras' LeakyReLU layer default slope.</summary>
        public const float DefaultNegativeSlope = 0.3f;

        /// <summary>A 2-D convolution (Keras <c>Conv2D</c>).</summary>
        public static LayerSpec Conv2D(int filters, int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, int dilationHeight = 1, int dilationWidth = 1, bool useBias = true,
            Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope) => new LayerSpec
        {
            Kind = LayerKind.Conv2D, Units = filters, KernelHeight = kernelHeight, KernelWidth = kernelWidth,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding,
            DilationHeight = dilationHeight, DilationWidth = dilationWidth, UseBias = useBias,
            Activation = activation, NegativeSlope = negativeSlope,
        };

        /// <summary>Max pooling; strides default to the pool size (Keras).</summary>
        public static LayerSpec MaxPool2D(int poolHeight, int poolWidth, int strideHeight = 0, int strideWidth = 0, Padding padding = Padding.Valid)
            => Pool(LayerKind.MaxPool2D, poolHeight, poolWidth, strideHeight, strideWidth, padding);

        /// <summary>Average pooling (padding cells not counted); strides default to the pool size (Keras).</summary>
        public static LayerSpec AvgPool2D(int poolHeight, int poolWidth, int strideHeight = 0, int strideWidth = 0, Padding padding = Padding.Valid)
            => Pool(LayerKind.AvgPool2D, poolHeight, poolWidth, strideHeight, strideWidth, padding);

        private static LayerSpec Pool(LayerKind kind, int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding) => new LayerSpec
        {
            Kind = kind, KernelHeight = poolHeight, KernelWidth = poolWidth,
            StrideHeight = strideHeight == 0 ? poolHeight : strideHeight,
            StrideWidth = strideWidth == 0 ? poolWidth : strideWidth,
            Padding = padding,
        };

        /// <summary>Flatten [H, W, C] into [H*W*C] (H, W, C order, as Keras channels_last).</summary>
        public static LayerSpec Flatten() => new LayerSpec { Kind = LayerKind.Flatten };

        /// <summary>A fully connected layer (Keras <c>Dense</c>).</summary>
        public static LayerSpec Dense(int units, bool useBias = true, Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope)
            => new LayerSpec { Kind = LayerKind.Dense, Units = units, UseBias = useBias, Activation = activation, NegativeSlope = negativeSlope };

        /// <summary>A standalone activation layer (Keras <c>Activation</c>, <c>ReLU</c>, <c>LeakyReLU</c>, <c>Softmax</c>).</summary>
        public static LayerSpec ActivationLayer(Activation activation, float negativeSlope = DefaultNegativeSlope)
            => new LayerSpec { Kind = LayerKind.Activation, Activation = activation, NegativeSlope = negativeSlope };

        /// <inheritdoc />
        public bool Equals(LayerSpec? other) => other is not null
            && Kind == other.Kind && Units == other.Units
            && KernelHeight == other.KernelHeight && KernelWidth == other.KernelWidth
            && StrideHeight == other.StrideHeight && StrideWidth == other.StrideWidth
            && DilationHeight == other.DilationHeight && DilationWidth == other.DilationWidth
            && Padding == other.Padding && UseBias == other.UseBias && Activation == other.Activation
            && NegativeSlope.Equals(other.NegativeSlope);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as LayerSpec);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            int h = (int)Kind;
            h = HashHelpers.Combine(h, Units);
            h = HashHelpers.Combine(h, KernelHeight);
            h = HashHelpers.Combine(h, KernelWidth);
            h = HashHelpers.Combine(h, StrideHeight);
            h = HashHelpers.Combine(h, StrideWidth);
            h = HashHelpers.Combine(h, DilationHeight);
            h = HashHelpers.Combine(h, DilationWidth);
            h = HashHelpers.Combine(h, (int)Padding);
            h = HashHelpers.Combine(h, UseBias ? 1 : 0);
            h = HashHelpers.Combine(h, (int)Activation);
            return HashHelpers.Combine(h, NegativeSlope.GetHashCode());
        }

        /// <summary>The declaration as a C# attribute, e.g. <c>[Conv2D(16, 3, Padding = Padding.Same)]</c>; used in generated comments and test failures.</summary>
        public override string ToString() => LayerText.Describe(this);
    }
}
