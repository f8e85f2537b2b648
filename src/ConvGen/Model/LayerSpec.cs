namespace ConvGen
{
    /// <summary>
    /// One layer of a network, as declared: kind and hyper-parameters, no shapes (those are inferred by
    /// <see cref="ShapeInference"/>). Plain, immutable and equatable, so the source generator can cache it;
    /// a record so that variants can be written <c>layer with { Name = "stem" }</c>.
    /// Fields that a kind does not use keep their defaults.
    /// </summary>
    public sealed record LayerSpec
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

        /// <summary>A 2-D convolution (Keras <c>Conv2D</c>).</summary>
        public static LayerSpec Conv2D(int filters, int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, int dilationHeight = 1, int dilationWidth = 1, bool useBias = true,
            Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope, int groups = 1) => new LayerSpec
        {
            Kind = LayerKind.Conv2D, Units = filters, KernelHeight = kernelHeight, KernelWidth = kernelWidth,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding,
            DilationHeight = dilationHeight, DilationWidth = dilationWidth, UseBias = useBias,
            Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope), Groups = groups,
        };

        /// <summary>A depthwise convolution (Keras <c>DepthwiseConv2D</c>): each input channel convolved with its own <paramref name="depthMultiplier"/> kernels.</summary>
        public static LayerSpec DepthwiseConv2D(int kernelHeight, int kernelWidth, int depthMultiplier = 1, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, int dilationHeight = 1, int dilationWidth = 1, bool useBias = true,
            Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope) => new LayerSpec
        {
            Kind = LayerKind.DepthwiseConv2D, KernelHeight = kernelHeight, KernelWidth = kernelWidth, DepthMultiplier = depthMultiplier,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding,
            DilationHeight = dilationHeight, DilationWidth = dilationWidth, UseBias = useBias,
            Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope),
        };

        /// <summary>A depthwise-separable convolution (Keras <c>SeparableConv2D</c>): depthwise (stride, padding, dilation) then 1x1 to <paramref name="filters"/>.</summary>
        public static LayerSpec SeparableConv2D(int filters, int kernelHeight, int kernelWidth, int depthMultiplier = 1, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, int dilationHeight = 1, int dilationWidth = 1, bool useBias = true,
            Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope) => new LayerSpec
        {
            Kind = LayerKind.SeparableConv2D, Units = filters, KernelHeight = kernelHeight, KernelWidth = kernelWidth, DepthMultiplier = depthMultiplier,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding,
            DilationHeight = dilationHeight, DilationWidth = dilationWidth, UseBias = useBias,
            Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope),
        };

        /// <summary>A transposed convolution (Keras <c>Conv2DTranspose</c>, kernel [kh, kw, filters, in]).</summary>
        public static LayerSpec Conv2DTranspose(int filters, int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1,
            Padding padding = Padding.Valid, bool useBias = true, Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope) => new LayerSpec
        {
            Kind = LayerKind.Conv2DTranspose, Units = filters, KernelHeight = kernelHeight, KernelWidth = kernelWidth,
            StrideHeight = strideHeight, StrideWidth = strideWidth, Padding = padding, UseBias = useBias,
            Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope),
        };

        /// <summary>Inference batch normalization (Keras <c>BatchNormalization</c>; parameters gamma, beta, moving_mean, moving_variance).</summary>
        public static LayerSpec BatchNormalization(float epsilon = DefaultEpsilon, float momentum = DefaultMomentum)
            => new LayerSpec { Kind = LayerKind.BatchNormalization, Epsilon = epsilon, Momentum = momentum };

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

        /// <summary>Mean over all pixels: [H, W, C] to [C] (Keras <c>GlobalAveragePooling2D</c>).</summary>
        public static LayerSpec GlobalAveragePooling2D() => new LayerSpec { Kind = LayerKind.GlobalAveragePooling2D };

        /// <summary>Maximum over all pixels: [H, W, C] to [C] (Keras <c>GlobalMaxPooling2D</c>).</summary>
        public static LayerSpec GlobalMaxPooling2D() => new LayerSpec { Kind = LayerKind.GlobalMaxPooling2D };

        /// <summary>Zero rows and columns around the image (Keras <c>ZeroPadding2D(((top, bottom), (left, right)))</c>).</summary>
        public static LayerSpec ZeroPadding2D(int top, int bottom, int left, int right)
            => new LayerSpec { Kind = LayerKind.ZeroPadding2D, PadTop = top, PadBottom = bottom, PadLeft = left, PadRight = right };

        /// <summary>Rows and columns removed from the image's edges (Keras <c>Cropping2D(((top, bottom), (left, right)))</c>).</summary>
        public static LayerSpec Cropping2D(int top, int bottom, int left, int right)
            => new LayerSpec { Kind = LayerKind.Cropping2D, PadTop = top, PadBottom = bottom, PadLeft = left, PadRight = right };

        /// <summary>Enlarges the image by integer factors (Keras <c>UpSampling2D(size, interpolation)</c>).</summary>
        public static LayerSpec UpSampling2D(int sizeHeight, int sizeWidth, Interpolation interpolation = Interpolation.Nearest)
            => new LayerSpec { Kind = LayerKind.UpSampling2D, SizeHeight = sizeHeight, SizeWidth = sizeWidth, Interpolation = interpolation };

        /// <summary>Flatten [H, W, C] into [H*W*C] (H, W, C order, as Keras channels_last).</summary>
        public static LayerSpec Flatten() => new LayerSpec { Kind = LayerKind.Flatten };

        /// <summary>Dropout: the identity at inference, accepted so a Keras layer list can be written down as is.</summary>
        public static LayerSpec Dropout(float rate) => new LayerSpec { Kind = LayerKind.Dropout, Rate = rate };

        /// <summary>A fully connected layer (Keras <c>Dense</c>).</summary>
        public static LayerSpec Dense(int units, bool useBias = true, Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope)
            => new LayerSpec { Kind = LayerKind.Dense, Units = units, UseBias = useBias, Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope) };

        /// <summary>A standalone activation layer (Keras <c>Activation</c>, <c>ReLU</c>, <c>LeakyReLU</c>, <c>Softmax</c>, ...); for ELU pass alpha as <paramref name="negativeSlope"/>.</summary>
        public static LayerSpec ActivationLayer(Activation activation, float negativeSlope = DefaultNegativeSlope)
            => new LayerSpec { Kind = LayerKind.Activation, Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope) };

        /// <summary>Element-wise sum of the named layers' outputs (Keras <c>Add</c>).</summary>
        public static LayerSpec Add(params string[] inputs) => new LayerSpec { Kind = LayerKind.Add, Inputs = (string[])inputs.Clone() };

        /// <summary>Channel-axis concatenation of the named layers' outputs, in the order given (Keras <c>Concatenate</c>).</summary>
        public static LayerSpec Concatenate(params string[] inputs) => new LayerSpec { Kind = LayerKind.Concatenate, Inputs = (string[])inputs.Clone() };

        /// <summary>The declaration as a C# attribute, e.g. <c>[Conv2D(16, 3, Padding = Padding.Same)]</c>; used in generated comments and test failures.</summary>
        public override string ToString() => LayerText.Describe(this);

        // The factories take one coefficient, as Keras' activation layers do: ELU's alpha or LeakyReLU's slope.
        private static float Slope(Activation activation, float negativeSlope) => activation == Activation.ELU ? DefaultNegativeSlope : negativeSlope;

        private static float AlphaOf(Activation activation, float negativeSlope) => activation == Activation.ELU ? negativeSlope : DefaultAlpha;
    }
}
