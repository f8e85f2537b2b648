using System;

namespace ConvGen.Reference
{
    /// <summary>
    /// The reference kernels: the TensorFlow definitions written as directly as possible, one image at a time, in double.
    /// Each forward kernel has its backward next to it: given the forward's input and d(loss)/d(output), the backward
    /// adds d(loss)/d(input) into dx and, when the arrays are given (trainable layers), d(loss)/d(parameters) into them.
    /// Every backward accumulates (+=), so a tensor read by several layers and a batch of images just add up.
    /// </summary>
    internal static partial class ReferenceLayers
    {
        /// <summary>
        /// y[oy, ox, o] = b[o] + sum over ky, kx, i of x[oy*sh + ky*dh - padTop, ox*sw + kx*dw - padLeft, g*inPerGroup + i] * k[ky, kx, i, o],
        /// cells outside the input counting as zero; g = o / outPerGroup is the output channel's group (0 when Groups is 1).
        /// </summary>
        public static double[] Conv2D(LayerAnalysis layer, double[] x, double[] kernel, double[]? bias)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            var y = new double[o.Length];
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
                                    sum += x[(iy * i.Width + ix) * i.Channels + firstInput + ic] * kernel[((ky * s.KernelWidth + kx) * inPerGroup + ic) * o.Channels + oc];
                                }
                            }
                        }

                        y[(oy * o.Width + ox) * o.Channels + oc] = sum;
                    }
                }
            }

            return y;
        }

        /// <summary>The gradient of <see cref="Conv2D"/>: over the same taps, dx += dy * k, dk += dy * x; db += dy.</summary>
        public static void Conv2DBackward(LayerAnalysis layer, double[] x, double[] kernel, double[] dy, double[] dx, double[]? dKernel, double[]? dBias)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            int inPerGroup = i.Channels / s.Groups, outPerGroup = o.Channels / s.Groups;
            for (int oy = 0; oy < o.Height; oy++)
            {
                for (int ox = 0; ox < o.Width; ox++)
                {
                    for (int oc = 0; oc < o.Channels; oc++)
                    {
                        int firstInput = oc / outPerGroup * inPerGroup;
                        double g = dy[(oy * o.Width + ox) * o.Channels + oc];
                        if (dBias is not null)
                        {
                            dBias[oc] += g;
                        }

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
                                    int xi = (iy * i.Width + ix) * i.Channels + firstInput + ic;
                                    int ki = ((ky * s.KernelWidth + kx) * inPerGroup + ic) * o.Channels + oc;
                                    dx[xi] += g * kernel[ki];
                                    if (dKernel is not null)
                                    {
                                        dKernel[ki] += g * x[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        /// <summary>y[o] = b[o] + sum over i of x[i] * k[i, o].</summary>
        public static double[] Dense(LayerAnalysis layer, double[] x, double[] kernel, double[]? bias)
        {
            int inputs = layer.InputShape.Channels, units = layer.OutputShape.Channels;
            var y = new double[units];
            for (int o = 0; o < units; o++)
            {
                double sum = bias is null ? 0.0 : bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    sum += x[i] * kernel[i * units + o];
                }

                y[o] = sum;
            }

            return y;
        }

        /// <summary>The gradient of <see cref="Dense"/>: dx[i] += sum_o dy[o] k[i, o], dk[i, o] += x[i] dy[o], db[o] += dy[o].</summary>
        public static void DenseBackward(LayerAnalysis layer, double[] x, double[] kernel, double[] dy, double[] dx, double[]? dKernel, double[]? dBias)
        {
            int inputs = layer.InputShape.Channels, units = layer.OutputShape.Channels;
            for (int o = 0; o < units; o++)
            {
                if (dBias is not null)
                {
                    dBias[o] += dy[o];
                }

                for (int i = 0; i < inputs; i++)
                {
                    dx[i] += dy[o] * kernel[i * units + o];
                    if (dKernel is not null)
                    {
                        dKernel[i * units + o] += x[i] * dy[o];
                    }
                }
            }
        }
    }
}
