using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
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
