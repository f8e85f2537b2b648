using System;

namespace ConvGen.Reference
{
    /// <summary>The reference kernels: the TensorFlow definitions written as directly as possible.</summary>
    internal static partial class ReferenceLayers
    {
        /// <summary>
        /// y[oy, ox, o] = b[o] + sum over ky, kx, i of x[oy*sh + ky*dh - padTop, ox*sw + kx*dw - padLeft, g*inPerGroup + i] * k[ky, kx, i, o],
        /// cells outside the input counting as zero; g = o / outPerGroup is the output channel's group (0 when Groups is 1).
        /// </summary>
        public static float[] Conv2D(LayerAnalysis layer, float[] x, float[] kernel, float[]? bias)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            var y = new float[o.Length];
            int inPerGroup = i.Channels / s.Groups, outPerGroup = o.Channels / s.Groups;
            for (int oy = 0; oy < o.Height; oy++)
            {
                for (int ox = 0; ox < o.Width; ox++)
                {
                    for (int oc = 0; oc < o.Channels; oc++)
                    {
                        int firstInput = oc / outPerGroup * inPerGroup;
                        double sum = bias is null ? 0.0 : bias[oc];
                        for (int ky = 0; ky < s.KernelHeight; ky++)
                        {
                            int iy = oy * s.StrideHeight + ky * s.DilationHeight - layer.PadTop;
                            if (iy < 0 || iy >= i.Height)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < s.KernelWidth; kx++)
                            {
                                int ix = ox * s.StrideWidth + kx * s.DilationWidth - layer.PadLeft;
                                if (ix < 0 || ix >= i.Width)
                                {
                                    continue;
                                }

                                for (int ic = 0; ic < inPerGroup; ic++)
                                {
                                    double xv = x[(iy * i.Width + ix) * i.Channels + firstInput + ic];
                                    double kv = kernel[((ky * s.KernelWidth + kx) * inPerGroup + ic) * o.Channels + oc];
                                    sum += xv * kv;
                                }
                            }
                        }

                        y[(oy * o.Width + ox) * o.Channels + oc] = (float)sum;
                    }
                }
            }

            return y;
        }

        /// <summary>Max or average over the in-bounds cells of each window (TF: padding is never a candidate and never counted).</summary>
        public static float[] Pool(LayerAnalysis layer, float[] x, bool max)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            var y = new float[o.Length];
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

                        y[(oy * o.Width + ox) * o.Channels + c] = (float)(max ? best : sum / count);
                    }
                }
            }

            return y;
        }

        /// <summary>y[o] = b[o] + sum over i of x[i] * k[i, o].</summary>
        public static float[] Dense(LayerAnalysis layer, float[] x, float[] kernel, float[]? bias)
        {
            int inputs = layer.InputShape.Channels, units = layer.OutputShape.Channels;
            var y = new float[units];
            for (int o = 0; o < units; o++)
            {
                double sum = bias is null ? 0.0 : bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    sum += (double)x[i] * kernel[i * units + o];
                }

                y[o] = (float)sum;
            }

            return y;
        }
    }
}
