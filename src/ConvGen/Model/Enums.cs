namespace ConvGen
{
    /// <summary>How a convolution or pooling window treats the borders (Keras/TensorFlow semantics).</summary>
    public enum Padding
    {
        /// <summary>No padding: the window stays inside the input; out = floor((in - effectiveKernel) / stride) + 1.</summary>
        Valid = 0,

        /// <summary>TensorFlow <c>same</c>: out = ceil(in / stride); the odd extra padding cell goes bottom/right.</summary>
        Same = 1,
    }

    /// <summary>Element-wise (or, for <see cref="Softmax"/>, channel-wise) activation applied after a layer.</summary>
    public enum Activation
    {
        /// <summary>Identity.</summary>
        Linear = 0,

        /// <summary>max(x, 0).</summary>
        ReLU = 1,

        /// <summary>1 / (1 + exp(-x)).</summary>
        Sigmoid = 2,

        /// <summary>Hyperbolic tangent.</summary>
        Tanh = 3,

        /// <summary>exp(x - max) / sum(exp(x - max)) over the last (channel) axis.</summary>
        Softmax = 4,

        /// <summary>x if x &gt;= 0, else slope * x (Keras <c>LeakyReLU</c> layer, default slope 0.3).</summary>
        LeakyReLU = 5,

        /// <summary>min(max(x, 0), 6) (Keras <c>relu6</c>, MobileNet).</summary>
        ReLU6 = 6,

        /// <summary>relu6(x + 3) / 6, i.e. clamp(x / 6 + 0.5, 0, 1) (Keras 3 <c>hard_sigmoid</c>; Keras 2 used 0.2x + 0.5).</summary>
        HardSigmoid = 7,

        /// <summary>x * sigmoid(x) (Keras <c>swish</c>, also called SiLU).</summary>
        Swish = 8,

        /// <summary>Another name for <see cref="Swish"/> (Keras <c>silu</c>).</summary>
        SiLU = Swish,

        /// <summary>x * relu6(x + 3) / 6 (Keras <c>hard_swish</c>, MobileNetV3).</summary>
        HardSwish = 9,

        /// <summary>x if x &gt; 0, else alpha * (exp(x) - 1) (Keras <c>elu</c>; alpha default 1).</summary>
        ELU = 10,

        /// <summary>GELU, tanh approximation: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))) (Keras <c>gelu(approximate=True)</c>).</summary>
        GELUTanh = 11,

        /// <summary>GELU, exact: 0.5x(1 + erf(x / sqrt 2)) (Keras <c>gelu</c>, its default <c>approximate=False</c>).</summary>
        GELUErf = 12,
    }

    /// <summary>How <c>UpSampling2D</c> computes the new pixels.</summary>
    public enum Interpolation
    {
        /// <summary>Each input pixel repeated size times along each axis (Keras default).</summary>
        Nearest = 0,

        /// <summary>TensorFlow 2 <c>tf.image.resize(method="bilinear")</c>: half-pixel centers, edge-clamped.</summary>
        Bilinear = 1,
    }

    /// <summary>The kinds of layer a network is made of.</summary>
    public enum LayerKind
    {
        /// <summary>2-D convolution, kernel [kh, kw, in, out].</summary>
        Conv2D = 0,

        /// <summary>2-D max pooling.</summary>
        MaxPool2D = 1,

        /// <summary>2-D average pooling (padding cells are not counted).</summary>
        AvgPool2D = 2,

        /// <summary>[H, W, C] to [H*W*C] in H, W, C order.</summary>
        Flatten = 3,

        /// <summary>Fully connected layer, kernel [in, out].</summary>
        Dense = 4,

        /// <summary>A standalone activation.</summary>
        Activation = 5,

        /// <summary>Per-channel convolution, kernel [kh, kw, in, multiplier]; output channel c * multiplier + m.</summary>
        DepthwiseConv2D = 6,

        /// <summary>Depthwise convolution then a 1x1 convolution (kernels [kh, kw, in, multiplier] and [1, 1, in * multiplier, out]).</summary>
        SeparableConv2D = 7,

        /// <summary>Inference batch normalization over the last axis: gamma * (x - mean) / sqrt(variance + epsilon) + beta.</summary>
        BatchNormalization = 8,

        /// <summary>[H, W, C] to [C], mean over all pixels.</summary>
        GlobalAveragePooling2D = 9,

        /// <summary>[H, W, C] to [C], maximum over all pixels.</summary>
        GlobalMaxPooling2D = 10,

        /// <summary>Zero rows and columns around the image (top, bottom, left, right).</summary>
        ZeroPadding2D = 11,

        /// <summary>Image enlarged by integer factors, nearest or bilinear.</summary>
        UpSampling2D = 12,

        /// <summary>Transposed convolution (the gradient of Conv2D), kernel [kh, kw, out, in].</summary>
        Conv2DTranspose = 13,

        /// <summary>Identity at inference.</summary>
        Dropout = 14,

        /// <summary>Element-wise sum of two or more tensors of one shape.</summary>
        Add = 15,

        /// <summary>Concatenation along the channel (last) axis.</summary>
        Concatenate = 16,

        /// <summary>Rows and columns removed from the image's edges (top, bottom, left, right).</summary>
        Cropping2D = 17,
    }
}
