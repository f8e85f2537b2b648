using System;

namespace ConvGen.Reference
{
    /// <summary>
    /// Window and global pooling, forward and backward (TF: padding is never a candidate and never counted). Every backward accumulates (+=), so a tensor read by several layers and a batch of images just add up.
    /// </summary>
    internal static class PoolingReference
    {
        public static readonly ReferenceKind[] All =
        {
            new ReferenceKind(LayerKind.MaxPool2D, p => Pool(p.Layer, p.Input, max: true), (p, dy, dx, dw) => PoolBackward(p.Layer, p.Input, dy, dx[0], max: true)),
            new ReferenceKind(LayerKind.AvgPool2D, p => Pool(p.Layer, p.Input, max: false), (p, dy, dx, dw) => PoolBackward(p.Layer, p.Input, dy, dx[0], max: false)),
            new ReferenceKind(LayerKind.GlobalAveragePooling2D, p => GlobalPool(p.Layer, p.Input, max: false),
                (p, dy, dx, dw) => GlobalPoolBackward(p.Layer, p.Input, dy, dx[0], max: false)),
            new ReferenceKind(LayerKind.GlobalMaxPooling2D, p => GlobalPool(p.Layer, p.Input, max: true),
                (p, dy, dx, dw) => GlobalPoolBackward(p.Layer, p.Input, dy, dx[0], max: true)),
        };

        /// <summary>Max or average over the in-bounds cells of each window (TF: padding is never a candidate and never counted).</summary>
        public static double[] Pool(LayerAnalysis layer, double[] x, bool max)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            var y = new double[o.Length];
            for (int oy = 0; oy < o.Height; oy++)
            {
                for (int ox = 0; ox < o.Width; ox++)
                {
                    for (int c = 0; c < o.Channels; c++)
                    {
                        double best = double.NegativeInfinity, sum = 0;
                        int count = 0;
                        for (int ky = 0; ky < s.KernelHeight; ky++)
                        {
                            int iy = oy * s.StrideHeight + ky - layer.PadTop;
                            for (int kx = 0; kx < s.KernelWidth; kx++)
                            {
                                int ix = ox * s.StrideWidth + kx - layer.PadLeft;
                                if (iy < 0 || iy >= i.Height || ix < 0 || ix >= i.Width)
                                {
                                    continue;
                                }

                                double v = x[(iy * i.Width + ix) * i.Channels + c];
                                best = Math.Max(best, v);
                                sum += v;
                                count++;
                            }
                        }

                        y[(oy * o.Width + ox) * o.Channels + c] = max ? best : sum / count;
                    }
                }
            }

            return y;
        }

        /// <summary>
        /// The gradient of <see cref="Pool"/>. Max: all of dy goes to the window's first maximum in scan order (ky, then kx),
        /// as TensorFlow's MaxPoolGrad; padding cells are never candidates. Average: dy / (in-bounds cells) to each in-bounds cell.
        /// </summary>
        public static void PoolBackward(LayerAnalysis layer, double[] x, double[] dy, double[] dx, bool max)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            for (int oy = 0; oy < o.Height; oy++)
            {
                for (int ox = 0; ox < o.Width; ox++)
                {
                    for (int c = 0; c < o.Channels; c++)
                    {
                        double best = double.NegativeInfinity;
                        int bestAt = -1, count = 0;
                        for (int ky = 0; ky < s.KernelHeight; ky++)
                        {
                            int iy = oy * s.StrideHeight + ky - layer.PadTop;
                            for (int kx = 0; kx < s.KernelWidth; kx++)
                            {
                                int ix = ox * s.StrideWidth + kx - layer.PadLeft;
                                if (iy < 0 || iy >= i.Height || ix < 0 || ix >= i.Width)
                                {
                                    continue;
                                }

                                int at = (iy * i.Width + ix) * i.Channels + c;
                                if (bestAt < 0 || x[at] > best)
                                {
                                    best = x[at];
                                    bestAt = at;
                                }

                                count++;
                            }
                        }

                        double g = dy[(oy * o.Width + ox) * o.Channels + c];
                        if (max)
                        {
                            dx[bestAt] += g;
                            continue;
                        }

                        for (int ky = 0; ky < s.KernelHeight; ky++)
                        {
                            int iy = oy * s.StrideHeight + ky - layer.PadTop;
                            for (int kx = 0; kx < s.KernelWidth; kx++)
                            {
                                int ix = ox * s.StrideWidth + kx - layer.PadLeft;
                                if (iy >= 0 && iy < i.Height && ix >= 0 && ix < i.Width)
                                {
                                    dx[(iy * i.Width + ix) * i.Channels + c] += g / count;
                                }
                            }
                        }
                    }
                }
            }
        }

        /// <summary>[H, W, C] to [C]: the mean or the maximum of each channel over all pixels.</summary>
        public static double[] GlobalPool(LayerAnalysis layer, double[] x, bool max)
        {
            TensorShape i = layer.InputShape;
            int pixels = i.Height * i.Width;
            var y = new double[i.Channels];
            for (int c = 0; c < i.Channels; c++)
            {
                double sum = 0, best = double.NegativeInfinity;
                for (int p = 0; p < pixels; p++)
                {
                    double v = x[p * i.Channels + c];
                    sum += v;
                    best = Math.Max(best, v);
                }

                y[c] = max ? best : sum / pixels;
            }

            return y;
        }

        /// <summary>The gradient of <see cref="GlobalPool"/>: max to the channel's first maximum in pixel order, mean dy / pixels to every pixel.</summary>
        public static void GlobalPoolBackward(LayerAnalysis layer, double[] x, double[] dy, double[] dx, bool max)
        {
            TensorShape i = layer.InputShape;
            int pixels = i.Height * i.Width;
            for (int c = 0; c < i.Channels; c++)
            {
                if (!max)
                {
                    for (int p = 0; p < pixels; p++)
                    {
                        dx[p * i.Channels + c] += dy[c] / pixels;
                    }

                    continue;
                }

                int bestAt = c;
                for (int p = 1; p < pixels; p++)
                {
                    if (x[p * i.Channels + c] > x[bestAt])
                    {
                        bestAt = p * i.Channels + c;
                    }
                }

                dx[bestAt] += dy[c];
            }
        }
    }
}
