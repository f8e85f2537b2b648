using System;

namespace ConvGen.Reference
{
    /// <summary>Depthwise and transposed convolution, padding and resizing: each the TensorFlow definition, looped directly.</summary>
    internal static partial class ReferenceLayers
    {
        /// <summary>
        /// y[oy, ox, c*M + m] = b[c*M + m] + sum over ky, kx of x[oy*sh + ky*dh - padTop, ox*sw + kx*dw - padLeft, c] * k[ky, kx, c, m]
        /// (M the depth multiplier), cells outside the input counting as zero.
        /// </summary>
        public static float[] DepthwiseConv2D(LayerAnalysis layer, float[] x, float[] kernel, float[]? bias)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape;
            int multiplier = s.DepthMultiplier;
            int outH = layer.OutputShape.Height, outW = layer.OutputShape.Width, outC = i.Channels * multiplier;
            var y = new float[outH * outW * outC];
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    for (int c = 0; c < i.Channels; c++)
                    {
                        for (int m = 0; m < multiplier; m++)
                        {
                            int oc = c * multiplier + m;
                            double sum = bias is null ? 0.0 : bias[oc];
                            for (int ky = 0; ky < s.KernelHeight; ky++)
                            {
                                int iy = oy * s.StrideHeight + ky * s.DilationHeight - layer.PadTop;
                                for (int kx = 0; kx < s.KernelWidth; kx++)
                                {
                                    int ix = ox * s.StrideWidth + kx * s.DilationWidth - layer.PadLeft;
                                    if (iy < 0 || iy >= i.Height || ix < 0 || ix >= i.Width)
                                    {
                                        continue;
                                    }

                                    sum += (double)x[(iy * i.Width + ix) * i.Channels + c] * kernel[((ky * s.KernelWidth + kx) * i.Channels + c) * multiplier + m];
                                }
                            }

                            y[(oy * outW + ox) * outC + oc] = (float)sum;
                        }
                    }
                }
            }

            return y;
        }

        /// <summary>
        /// The transposed convolution as a scatter: every input value x[iy, ix, ic] adds x * k[ky, kx, oc, ic] to
        /// y[iy*sh + ky - padTop, ix*sw + kx - padLeft, oc] (positions cropped away by <c>same</c> padding are dropped).
        /// </summary>
        public static float[] Conv2DTranspose(LayerAnalysis layer, float[] x, float[] kernel, float[]? bias)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            var sum = new double[o.Length];
            for (int p = 0; p < o.Height * o.Width; p++)
            {
                for (int oc = 0; oc < o.Channels; oc++)
                {
                    sum[p * o.Channels + oc] = bias is null ? 0.0 : bias[oc];
                }
            }

            for (int iy = 0; iy < i.Height; iy++)
            {
                for (int ix = 0; ix < i.Width; ix++)
                {
                    for (int ky = 0; ky < s.KernelHeight; ky++)
                    {
                        int oy = iy * s.StrideHeight + ky - layer.PadTop;
                        for (int kx = 0; kx < s.KernelWidth; kx++)
                        {
                            int ox = ix * s.StrideWidth + kx - layer.PadLeft;
                            if (oy < 0 || oy >= o.Height || ox < 0 || ox >= o.Width)
                            {
                                continue;
                            }

                            for (int oc = 0; oc < o.Channels; oc++)
                            {
                                for (int ic = 0; ic < i.Channels; ic++)
                                {
                                    sum[(oy * o.Width + ox) * o.Channels + oc] +=
                                        (double)x[(iy * i.Width + ix) * i.Channels + ic] * kernel[((ky * s.KernelWidth + kx) * o.Channels + oc) * i.Channels + ic];
                                }
                            }
                        }
                    }
                }
            }

            return ToFloat(sum);
        }

        /// <summary>The input in the middle of a zero image with PadTop/PadBottom rows and PadLeft/PadRight columns added.</summary>
        public static float[] ZeroPadding2D(LayerAnalysis layer, float[] x)
        {
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            var y = new float[o.Length];
            for (int iy = 0; iy < i.Height; iy++)
            {
                for (int ix = 0; ix < i.Width; ix++)
                {
                    for (int c = 0; c < i.Channels; c++)
                    {
                        y[((iy + layer.PadTop) * o.Width + ix + layer.PadLeft) * o.Channels + c] = x[(iy * i.Width + ix) * i.Channels + c];
                    }
                }
            }

            return y;
        }

        /// <summary>
        /// Nearest: y[oy, ox] = x[oy / sh, ox / sw] (Keras repeats each pixel). Bilinear: TensorFlow 2 <c>tf.image.resize</c> with
        /// half-pixel centers: source coordinate (o + 0.5) * in / out - 0.5, neighbours floor/ceil clamped to the image,
        /// weight = coordinate - floor(coordinate); rows of the two columns blended first, then the two rows.
        /// </summary>
        public static float[] UpSampling2D(LayerAnalysis layer, float[] x)
        {
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            var y = new float[o.Length];
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
                            value = x[((oy / layer.Spec.StrideHeight) * i.Width + ox / layer.Spec.StrideWidth) * i.Channels + c];
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

                        y[(oy * o.Width + ox) * o.Channels + c] = (float)value;
                    }
                }
            }

            return y;
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

        private static float[] ToFloat(double[] values)
        {
            var y = new float[values.Length];
            for (int k = 0; k < values.Length; k++)
            {
                y[k] = (float)values[k];
            }

            return y;
        }
    }
}
