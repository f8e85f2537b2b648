using System;
using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
    // The home of ZeroPadding2D, Cropping2D and UpSampling2D in the library: their attributes (the public API), their LayerSpec
    // factories and, in SpatialKinds, their descriptors, shape rules, constructor readers and attribute text.

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

    public sealed partial record LayerSpec
    {
        /// <summary>Zero rows and columns around the image (Keras <c>ZeroPadding2D(((top, bottom), (left, right)))</c>).</summary>
        public static LayerSpec ZeroPadding2D(int top, int bottom, int left, int right)
            => new LayerSpec { Kind = LayerKind.ZeroPadding2D, PadTop = top, PadBottom = bottom, PadLeft = left, PadRight = right };

        /// <summary>Rows and columns removed from the image's edges (Keras <c>Cropping2D(((top, bottom), (left, right)))</c>).</summary>
        public static LayerSpec Cropping2D(int top, int bottom, int left, int right)
            => new LayerSpec { Kind = LayerKind.Cropping2D, PadTop = top, PadBottom = bottom, PadLeft = left, PadRight = right };

        /// <summary>Enlarges the image by integer factors (Keras <c>UpSampling2D(size, interpolation)</c>).</summary>
        public static LayerSpec UpSampling2D(int sizeHeight, int sizeWidth, Interpolation interpolation = Interpolation.Nearest)
            => new LayerSpec { Kind = LayerKind.UpSampling2D, SizeHeight = sizeHeight, SizeWidth = sizeWidth, Interpolation = interpolation };
    }

    /// <summary>The layers that change the image size without weights: ZeroPadding2D, Cropping2D and UpSampling2D.</summary>
    internal static class SpatialKinds
    {
        public static readonly LayerKindInfo[] All =
        {
            new LayerKindInfo(LayerKind.ZeroPadding2D, "ZeroPadding2D", "zero_padding2d", ZeroPadding, EdgeArguments, (a, l) => ReadEdges(a, l, "padding")),
            new LayerKindInfo(LayerKind.Cropping2D, "Cropping2D", "cropping2d", Cropping, EdgeArguments, (a, l) => ReadEdges(a, l, "cropping")),
            new LayerKindInfo(LayerKind.UpSampling2D, "UpSampling2D", "up_sampling2d", UpSampling, UpSamplingArguments,
                (a, l) => l with { SizeHeight = a.Int("sizeHeight", a.Int("size", 0)), SizeWidth = a.Int("sizeWidth", a.Int("size", 0)) }),
        };

        private static LayerAnalysis? ZeroPadding(ShapeContext c)
        {
            LayerSpec layer = c.Layer;
            TensorShape input = c.Input;
            string where = c.Where;
            bool ok = c.CheckNotNegative("top|padding|vertical", where + " top padding", layer.PadTop)
                & c.CheckNotNegative("bottom|padding|vertical", where + " bottom padding", layer.PadBottom)
                & c.CheckNotNegative("left|padding|horizontal", where + " left padding", layer.PadLeft)
                & c.CheckNotNegative("right|padding|horizontal", where + " right padding", layer.PadRight);
            if (!ok || !c.CheckSpatialInput())
            {
                return null;
            }

            long outH = (long)input.Height + layer.PadTop + layer.PadBottom, outW = (long)input.Width + layer.PadLeft + layer.PadRight;
            if (!c.CheckSides(outH, outW))
            {
                return null;
            }

            var output = new TensorShape((int)outH, (int)outW, input.Channels);
            return c.CheckTensor(output) ? c.Result(output, null, 0, layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight) : null;
        }

        private static LayerAnalysis? Cropping(ShapeContext c)
        {
            LayerSpec layer = c.Layer;
            TensorShape input = c.Input;
            string where = c.Where;
            bool ok = c.CheckNotNegative("top|cropping|vertical", where + " top cropping", layer.PadTop)
                & c.CheckNotNegative("bottom|cropping|vertical", where + " bottom cropping", layer.PadBottom)
                & c.CheckNotNegative("left|cropping|horizontal", where + " left cropping", layer.PadLeft)
                & c.CheckNotNegative("right|cropping|horizontal", where + " right cropping", layer.PadRight);
            if (!ok || !c.CheckSpatialInput())
            {
                return null;
            }

            // Keras rejects a cropping that leaves no row or column; so does ConvGen (an empty tensor is never useful).
            long outH = (long)input.Height - layer.PadTop - layer.PadBottom, outW = (long)input.Width - layer.PadLeft - layer.PadRight;
            if (outH < 1)
            {
                c.Report(DiagnosticIds.NonPositiveSize, "top|cropping|vertical",
                    Format("{0} removes {1} of {2} rows (top {3}, bottom {4}); at least one row must remain",
                        where, (long)layer.PadTop + layer.PadBottom, input.Height, layer.PadTop, layer.PadBottom));
                return null;
            }

            if (outW < 1)
            {
                c.Report(DiagnosticIds.NonPositiveSize, "left|cropping|horizontal",
                    Format("{0} removes {1} of {2} columns (left {3}, right {4}); at least one column must remain",
                        where, (long)layer.PadLeft + layer.PadRight, input.Width, layer.PadLeft, layer.PadRight));
                return null;
            }

            // The crops travel in the analysis' padding fields, as ZeroPadding2D's padding does.
            return c.Result(new TensorShape((int)outH, (int)outW, input.Channels), null, 0, layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight);
        }

        private static LayerAnalysis? UpSampling(ShapeContext c)
        {
            LayerSpec layer = c.Layer;
            TensorShape input = c.Input;
            string where = c.Where;
            bool ok = c.CheckSize("sizeHeight|size", where + " size height", layer.SizeHeight)
                & c.CheckSize("sizeWidth|size", where + " size width", layer.SizeWidth);
            if (!ok || !c.CheckSpatialInput())
            {
                return null;
            }

            long outH = (long)input.Height * layer.SizeHeight, outW = (long)input.Width * layer.SizeWidth;
            if (!c.CheckSides(outH, outW))
            {
                return null;
            }

            var output = new TensorShape((int)outH, (int)outW, input.Channels);
            return c.CheckTensor(output) ? c.Result(output) : null;
        }

        /// <summary>ZeroPadding2D and Cropping2D: (vertical, horizontal) when symmetric, else top, bottom, left, right.</summary>
        private static void EdgeArguments(LayerSpec layer, List<string> args)
        {
            if (layer.PadTop == layer.PadBottom && layer.PadLeft == layer.PadRight)
            {
                LayerText.AddPair(args, layer.PadTop, layer.PadLeft);
            }
            else
            {
                args.Add(LayerText.Int(layer.PadTop));
                args.Add(LayerText.Int(layer.PadBottom));
                args.Add(LayerText.Int(layer.PadLeft));
                args.Add(LayerText.Int(layer.PadRight));
            }
        }

        /// <summary>ZeroPadding2D and Cropping2D constructors: (all), (vertical, horizontal) or (top, bottom, left, right).</summary>
        private static LayerSpec ReadEdges(IConstructorArguments a, LayerSpec layer, string all) => layer with
        {
            PadTop = a.Int("top", a.Int("vertical", a.Int(all, 0))),
            PadBottom = a.Int("bottom", a.Int("vertical", a.Int(all, 0))),
            PadLeft = a.Int("left", a.Int("horizontal", a.Int(all, 0))),
            PadRight = a.Int("right", a.Int("horizontal", a.Int(all, 0))),
        };

        private static void UpSamplingArguments(LayerSpec layer, List<string> args)
        {
            LayerText.AddPair(args, layer.SizeHeight, layer.SizeWidth);
            if (layer.Interpolation != Interpolation.Nearest)
            {
                args.Add("Interpolation = Interpolation." + layer.Interpolation);
            }
        }
    }
}
