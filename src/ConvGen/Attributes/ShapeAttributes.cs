using System;

namespace ConvGen
{
    /// <summary>
    /// Inference batch normalization over the channel (last) axis (Keras <c>BatchNormalization</c>):
    /// y = gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta.
    /// Parameters in Keras order: gamma, beta, moving_mean, moving_variance, each [channels].
    /// Directly after a convolution or Dense with a linear activation, the generated code folds it into that layer's weights.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class BatchNormalizationAttribute : SingleInputLayerAttribute
    {
        /// <summary>Added to the variance (default 0.001, as Keras).</summary>
        public float Epsilon { get; set; } = 0.001f;

        /// <summary>Training: moving = moving * Momentum + batch statistic * (1 - Momentum) (default 0.99, as Keras).</summary>
        public float Momentum { get; set; } = 0.99f;
    }

    /// <summary>Mean of each channel over all pixels: [H, W, C] to [C] (Keras <c>GlobalAveragePooling2D</c>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class GlobalAveragePooling2DAttribute : SingleInputLayerAttribute
    {
    }

    /// <summary>Maximum of each channel over all pixels: [H, W, C] to [C] (Keras <c>GlobalMaxPooling2D</c>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class GlobalMaxPooling2DAttribute : SingleInputLayerAttribute
    {
    }

    /// <summary>Adds rows and columns of zeros around the image (Keras <c>ZeroPadding2D</c>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class ZeroPadding2DAttribute : SingleInputLayerAttribute
    {
        /// <summary>The same padding on all four sides (Keras <c>padding=p</c>).</summary>
        public ZeroPadding2DAttribute(int padding)
            : this(padding, padding, padding, padding)
        {
        }

        /// <summary>Rows above and below, columns left and right (Keras <c>padding=(vertical, horizontal)</c>).</summary>
        public ZeroPadding2DAttribute(int vertical, int horizontal)
            : this(vertical, vertical, horizontal, horizontal)
        {
        }

        /// <summary>Each side on its own (Keras <c>padding=((top, bottom), (left, right))</c>).</summary>
        public ZeroPadding2DAttribute(int top, int bottom, int left, int right)
        {
            Top = top;
            Bottom = bottom;
            Left = left;
            Right = right;
        }

        /// <summary>Rows added above.</summary>
        public int Top { get; }

        /// <summary>Rows added below.</summary>
        public int Bottom { get; }

        /// <summary>Columns added on the left.</summary>
        public int Left { get; }

        /// <summary>Columns added on the right.</summary>
        public int Right { get; }
    }

    /// <summary>
    /// Removes rows and columns from the image's edges (Keras <c>Cropping2D</c>): [H, W, C] to
    /// [H - top - bottom, W - left - right, C]. No parameters; at least one row and one column must remain.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class Cropping2DAttribute : SingleInputLayerAttribute
    {
        /// <summary>The same cropping on all four sides (Keras <c>cropping=c</c>).</summary>
        public Cropping2DAttribute(int cropping)
            : this(cropping, cropping, cropping, cropping)
        {
        }

        /// <summary>Rows removed above and below, columns left and right (Keras <c>cropping=(vertical, horizontal)</c>).</summary>
        public Cropping2DAttribute(int vertical, int horizontal)
            : this(vertical, vertical, horizontal, horizontal)
        {
        }

        /// <summary>Each side on its own (Keras <c>cropping=((top, bottom), (left, right))</c>).</summary>
        public Cropping2DAttribute(int top, int bottom, int left, int right)
        {
            Top = top;
            Bottom = bottom;
            Left = left;
            Right = right;
        }

        /// <summary>Rows removed above.</summary>
        public int Top { get; }

        /// <summary>Rows removed below.</summary>
        public int Bottom { get; }

        /// <summary>Columns removed on the left.</summary>
        public int Left { get; }

        /// <summary>Columns removed on the right.</summary>
        public int Right { get; }
    }

    /// <summary>
    /// Enlarges the image by integer factors (Keras <c>UpSampling2D</c>): <see cref="Interpolation.Nearest"/> repeats pixels,
    /// <see cref="Interpolation.Bilinear"/> interpolates exactly as TensorFlow 2's <c>tf.image.resize</c> (half-pixel centers).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class UpSampling2DAttribute : SingleInputLayerAttribute
    {
        /// <summary>One factor for both axes.</summary>
        public UpSampling2DAttribute(int size)
            : this(size, size)
        {
        }

        /// <summary>A factor per axis.</summary>
        public UpSampling2DAttribute(int sizeHeight, int sizeWidth)
        {
            SizeHeight = sizeHeight;
            SizeWidth = sizeWidth;
        }

        /// <summary>Vertical factor.</summary>
        public int SizeHeight { get; }

        /// <summary>Horizontal factor.</summary>
        public int SizeWidth { get; }

        /// <summary>How new pixels are computed (default <see cref="Interpolation.Nearest"/>, as Keras).</summary>
        public Interpolation Interpolation { get; set; } = Interpolation.Nearest;
    }

    /// <summary>Dropout: the identity at inference, accepted so that a Keras model's layer list can be written down as is. Costs nothing.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class DropoutAttribute : SingleInputLayerAttribute
    {
        /// <summary>Creates the layer; <paramref name="rate"/> (in [0, 1)) only matters in training.</summary>
        public DropoutAttribute(float rate) => Rate = rate;

        /// <summary>The training-time drop rate.</summary>
        public float Rate { get; }
    }
}
