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
    }
}
