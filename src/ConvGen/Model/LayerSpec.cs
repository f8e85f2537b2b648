namespace ConvGen
{
    /// <summary>
    /// One layer of a network, as declared: kind and hyper-parameters, no shapes (those are inferred by
    /// <see cref="ShapeInference"/>). Plain, immutable and equatable, so the source generator can cache it;
    /// a record so that variants can be written <c>layer with { Name = "stem" }</c>.
    /// Fields that a kind does not use keep their defaults. Each kind's factory (<c>LayerSpec.Conv2D(...)</c>, ...) is
    /// declared with its attribute in its family's file, <c>Model/Kinds/&lt;Family&gt;Kinds.cs</c>.
    /// </summary>
    public sealed partial record LayerSpec
    {
        /// <summary>The layer kind.</summary>
        public LayerKind Kind { get; init; }

        /// <summary>The layer's name (letters, digits, '_'); null for Keras' automatic name (conv2d, conv2d_1, ...).</summary>
        public string? Name { get; init; }

        /// <summary>
        /// Names of the layers this one reads; empty for the previous layer (the network input for the first layer).
        /// One name for a single-input layer (<c>Input = "name"</c>), two or more for Add and Concatenate.
        /// The name "input" is the network input.
        /// </summary>
        public NameList Inputs { get; init; } = NameList.Empty;

        /// <summary>Conv2D, SeparableConv2D and Conv2DTranspose filters, or Dense units.</summary>
        public int Units { get; init; }

        /// <summary>Kernel or pool height.</summary>
        public int KernelHeight { get; init; } = 1;

        /// <summary>Kernel or pool width.</summary>
        public int KernelWidth { get; init; } = 1;

        /// <summary>Vertical stride of convolution and pooling.</summary>
        public int StrideHeight { get; init; } = 1;

        /// <summary>Horizontal stride of convolution and pooling.</summary>
        public int StrideWidth { get; init; } = 1;

        /// <summary>UpSampling2D vertical size factor (Keras <c>size[0]</c>).</summary>
        public int SizeHeight { get; init; } = 1;

        /// <summary>UpSampling2D horizontal size factor (Keras <c>size[1]</c>).</summary>
        public int SizeWidth { get; init; } = 1;

        /// <summary>Vertical dilation (convolution only).</summary>
        public int DilationHeight { get; init; } = 1;

        /// <summary>Horizontal dilation (convolution only).</summary>
        public int DilationWidth { get; init; } = 1;

        /// <summary>Border handling for convolution and pooling.</summary>
        public Padding Padding { get; init; } = Padding.Valid;

        /// <summary>Whether the convolutions and Dense add a bias.</summary>
        public bool UseBias { get; init; } = true;

        /// <summary>The activation applied after the layer (or the activation of an <see cref="LayerKind.Activation"/> layer).</summary>
        public Activation Activation { get; init; } = Activation.Linear;

        /// <summary>The slope for x &lt; 0 when <see cref="Activation"/> is <see cref="ConvGen.Activation.LeakyReLU"/> (Keras <c>negative_slope</c>, default 0.3).</summary>
        public float NegativeSlope { get; init; } = DefaultNegativeSlope;

        /// <summary>The scale of the negative side when <see cref="Activation"/> is <see cref="ConvGen.Activation.ELU"/> (Keras <c>alpha</c>, default 1).</summary>
        public float Alpha { get; init; } = DefaultAlpha;

        /// <summary>The coefficient the activation in use reads: <see cref="Alpha"/> for ELU, else <see cref="NegativeSlope"/> (LeakyReLU's; ignored by the others).</summary>
        public float ActivationCoefficient => Activation == Activation.ELU ? Alpha : NegativeSlope;

        /// <summary>Channel multiplier of DepthwiseConv2D and SeparableConv2D (Keras <c>depth_multiplier</c>).</summary>
        public int DepthMultiplier { get; init; } = 1;

        /// <summary>Conv2D groups (Keras <c>groups</c>): input and output channels split into this many independent convolutions.</summary>
        public int Groups { get; init; } = 1;

        /// <summary>BatchNormalization epsilon, added to the variance (Keras default 0.001).</summary>
        public float Epsilon { get; init; } = DefaultEpsilon;

        /// <summary>Dropout rate; kept for the record only (Dropout is the identity at inference).</summary>
        public float Rate { get; init; }

        /// <summary>ZeroPadding2D rows added above; Cropping2D rows removed above.</summary>
        public int PadTop { get; init; }

        /// <summary>ZeroPadding2D rows added below; Cropping2D rows removed below.</summary>
        public int PadBottom { get; init; }

        /// <summary>ZeroPadding2D columns added on the left; Cropping2D columns removed on the left.</summary>
        public int PadLeft { get; init; }

        /// <summary>ZeroPadding2D columns added on the right; Cropping2D columns removed on the right.</summary>
        public int PadRight { get; init; }

        /// <summary>UpSampling2D interpolation.</summary>
        public Interpolation Interpolation { get; init; } = Interpolation.Nearest;

        /// <summary>Whether training updates the layer's parameters (Keras <c>trainable</c>); a frozen BatchNormalization runs in inference mode.</summary>
        public bool Trainable { get; init; } = true;

        /// <summary>BatchNormalization momentum of the moving statistics during training (Keras default 0.99).</summary>
        public float Momentum { get; init; } = DefaultMomentum;

        /// <summary>Keras' LeakyReLU layer default slope.</summary>
        public const float DefaultNegativeSlope = 0.3f;

        /// <summary>Keras' ELU default alpha.</summary>
        public const float DefaultAlpha = 1f;

        /// <summary>Keras' BatchNormalization default epsilon.</summary>
        public const float DefaultEpsilon = 0.001f;

        /// <summary>Keras' BatchNormalization default momentum.</summary>
        public const float DefaultMomentum = 0.99f;

        /// <summary>The declaration as a C# attribute, e.g. <c>[Conv2D(16, 3, Padding = Padding.Same)]</c>; used in generated comments and test failures.</summary>
        public override string ToString() => LayerText.Describe(this);

        // The factories take one coefficient, as Keras' activation layers do: ELU's alpha or LeakyReLU's slope.
        private static float Slope(Activation activation, float negativeSlope) => activation == Activation.ELU ? DefaultNegativeSlope : negativeSlope;

        private static float AlphaOf(Activation activation, float negativeSlope) => activation == Activation.ELU ? negativeSlope : DefaultAlpha;
    }
}
