using System;

namespace ConvGen.Reference
{
    /// <summary>
    /// Zero padding, cropping and up-sampling, forward and backward. Every backward accumulates (+=), so a tensor read by several layers and a batch of images just add up.
    /// </summary>
    internal static class SpatialReference
    {
        public static readonly ReferenceKind[] All =
        {
            new ReferenceKind(LayerKind.ZeroPadding2D, p => ZeroPadding2D(p.Layer, p.Input), (p, dy, dx, dw) => ZeroPadding2DBackward(p.Layer, dy, dx[0])),
            new ReferenceKind(LayerKind.Cropping2D, p => Cropping2D(p.Layer, p.Input), (p, dy, dx, dw) => Cropping2DBackward(p.Layer, dy, dx[0])),
            new ReferenceKind(LayerKind.UpSampling2D, p => UpSampling2D(p.Layer, p.Input), (p, dy, dx, dw) => UpSampling2DBackward(p.Layer, dy, dx[0])),
        };

        /// <summary>The input in the middle of a zero image with PadTop/PadBottom rows and PadLeft/PadRight columns added.</summary>
        public static double[] ZeroPadding2D(LayerAnalysis layer, double[] x)
        {
            var y = new double[layer.OutputShape.Length];
            ZeroPaddingCells(layer, (xi, yi) => y[yi] = x[xi]);
            return y;
        }

        /// <summary>The gradient of <see cref="ZeroPadding2D"/>: each input cell gets the gradient of the cell it was copied to.</summary>
        public static void ZeroPadding2DBackward(LayerAnalysis layer, double[] dy, double[] dx) => ZeroPaddingCells(layer, (xi, yi) => dx[xi] += dy[yi]);

        /// <summary>Visits every (input index, output index) pair of the copy.</summary>
        private static void ZeroPaddingCells(LayerAnalysis layer, Action<int, int> cell)
        {
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            for (int iy = 0; iy < i.Height; iy++)
            {
                for (int ix = 0; ix < i.Width; ix++)
                {
                    for (int c = 0; c < i.Channels; c++)
                    {
                        cell((iy * i.Width + ix) * i.Channels + c, ((iy + layer.PadTop) * o.Width + ix + layer.PadLeft) * o.Channels + c);
                    }
                }
            }
        }

        /// <summary>The window of the input that is left after removing PadTop/PadBottom rows and PadLeft/PadRight columns (Cropping2D).</summary>
        public static double[] Cropping2D(LayerAnalysis layer, double[] x)
        {
            var y = new double[layer.OutputShape.Length];
            CroppingCells(layer, (xi, yi) => y[yi] = x[xi]);
            return y;
        }

        /// <summary>The gradient of <see cref="Cropping2D"/>: kept cells get the gradient of the cell they were copied to, cropped cells none.</summary>
        public static void Cropping2DBackward(LayerAnalysis layer, double[] dy, double[] dx) => CroppingCells(layer, (xi, yi) => dx[xi] += dy[yi]);

        /// <summary>Visits every (input index, output index) pair of the kept window.</summary>
        private static void CroppingCells(LayerAnalysis layer, Action<int, int> cell)
        {
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            for (int oy = 0; oy < o.Height; oy++)
            {
                for (int ox = 0; ox < o.Width; ox++)
                {
                    for (int c = 0; c < o.Channels; c++)
                    {
                        cell(((oy + layer.PadTop) * i.Width + ox + layer.PadLeft) * i.Channels + c, (oy * o.Width + ox) * o.Channels + c);
                    }
                }
            }
        }

        /// <summary>
        /// Nearest: y[oy, ox] = x[oy / sh, ox / sw] (Keras repeats each pixel). Bilinear: TensorFlow 2 <c>tf.image.resize</c> with
        /// half-pixel centers: source coordinate (o + 0.5) * in / out - 0.5, neighbours floor/ceil clamped to the image,
        /// weight = coordinate - floor(coordinate); rows of the two columns blended first, then the two rows.
        /// </summary>
        public static double[] UpSampling2D(LayerAnalysis layer, double[] x)
        {
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            var y = new double[o.Length];
            bool bilinear = layer.Spec.Interpolation == Interpolation.Bilinear;
            for (int oy = 0; oy < o.Height; oy++)
            {
                for (int ox = 0; ox < o.Width; ox++)
                {
                    for (int c = 0; c < o.Channels; c++)
                    {
                        double value;
                        if (!bilinear)
                        {
                            value = x[((oy / layer.Spec.SizeHeight) * i.Width + ox / layer.Spec.SizeWidth) * i.Channels + c];
                        }
                        else
                        {
                            Source(oy, i.Height, o.Height, out int y0, out int y1, out double wy);
                            Source(ox, i.Width, o.Width, out int x0, out int x1, out double wx);
                            double topLeft = x[(y0 * i.Width + x0) * i.Channels + c], topRight = x[(y0 * i.Width + x1) * i.Channels + c];
                            double bottomLeft = x[(y1 * i.Width + x0) * i.Channels + c], bottomRight = x[(y1 * i.Width + x1) * i.Channels + c];
                            double top = topLeft + (topRight - topLeft) * wx;
                            double bottom = bottomLeft + (bottomRight - bottomLeft) * wx;
                            value = top + (bottom - top) * wy;
                        }

                        y[(oy * o.Width + ox) * o.Channels + c] = value;
                    }
                }
            }

            return y;
        }

        /// <summary>
        /// The gradient of <see cref="UpSampling2D"/>. Nearest: each output's gradient to its source pixel. Bilinear: to the four
        /// neighbours with weights (1-wx)(1-wy), wx(1-wy), (1-wx)wy, wx*wy (neighbours that coincide at the border add up).
        /// </summary>
        public static void UpSampling2DBackward(LayerAnalysis layer, double[] dy, double[] dx)
        {
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            bool bilinear = layer.Spec.Interpolation == Interpolation.Bilinear;
            for (int oy = 0; oy < o.Height; oy++)
            {
                for (int ox = 0; ox < o.Width; ox++)
                {
                    for (int c = 0; c < o.Channels; c++)
                    {
                        double g = dy[(oy * o.Width + ox) * o.Channels + c];
                        if (!bilinear)
                        {
                            dx[((oy / layer.Spec.SizeHeight) * i.Width + ox / layer.Spec.SizeWidth) * i.Channels + c] += g;
                            continue;
                        }

                        Source(oy, i.Height, o.Height, out int y0, out int y1, out double wy);
                        Source(ox, i.Width, o.Width, out int x0, out int x1, out double wx);
                        dx[(y0 * i.Width + x0) * i.Channels + c] += g * (1 - wx) * (1 - wy);
                        dx[(y0 * i.Width + x1) * i.Channels + c] += g * wx * (1 - wy);
                        dx[(y1 * i.Width + x0) * i.Channels + c] += g * (1 - wx) * wy;
                        dx[(y1 * i.Width + x1) * i.Channels + c] += g * wx * wy;
                    }
                }
            }
        }

        /// <summary>
        /// TF's half-pixel source coordinate of output index <paramref name="o"/>, its two neighbours and the weight of the second.
        /// The coordinate is computed in float, as TensorFlow's kernel does (scale = (float)in / out; (o + 0.5f) * scale - 0.5f).
        /// </summary>
        private static void Source(int o, int inSize, int outSize, out int lower, out int upper, out double weight)
        {
            float scale = (float)inSize / outSize;
            float coordinate = (o + 0.5f) * scale - 0.5f;
            float floor = MathF.Floor(coordinate);
            lower = Math.Max((int)floor, 0);
            upper = Math.Min((int)MathF.Ceiling(coordinate), inSize - 1);
            weight = coordinate - floor;
        }
    }
}
