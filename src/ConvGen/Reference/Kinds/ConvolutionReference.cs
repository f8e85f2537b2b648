using System;

namespace ConvGen.Reference
{
    /// <summary>
    /// The convolutions, forward and backward, each the TensorFlow definition looped directly, one image at a time, in double:
    /// Conv2D, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose. Given the forward's input and d(loss)/d(output), each backward
    /// adds d(loss)/d(input) into dx and, when the arrays are given (trainable layers), d(loss)/d(parameters) into them. Every backward accumulates (+=), so a tensor read by several layers and a batch of images just add up.
    /// </summary>
    internal static class ConvolutionReference
    {
        public static readonly ReferenceKind[] All =
        {
            new ReferenceKind(LayerKind.Conv2D, p => Conv2D(p.Layer, p.Input, p.Weights[0], p.Bias),
                (p, dy, dx, dw) => Conv2DBackward(p.Layer, p.Input, p.Weights[0], dy, dx[0], dw?[0], BiasGradient(p, dw))),
            new ReferenceKind(LayerKind.DepthwiseConv2D, p => DepthwiseConv2D(p.Layer, p.Input, p.Weights[0], p.Bias),
                (p, dy, dx, dw) => DepthwiseConv2DBackward(p.Layer, p.Input, p.Weights[0], dy, dx[0], dw?[0], BiasGradient(p, dw))),
            new ReferenceKind(LayerKind.SeparableConv2D, Separable,
                (p, dy, dx, dw) => SeparableConv2DBackward(p.Layer, p.Input, p.Middle!, p.Weights[0], p.Weights[1], dy, dx[0], dw?[0], dw?[1], BiasGradient(p, dw))),
            new ReferenceKind(LayerKind.Conv2DTranspose, p => Conv2DTranspose(p.Layer, p.Input, p.Weights[0], p.Bias),
                (p, dy, dx, dw) => Conv2DTransposeBackward(p.Layer, p.Input, p.Weights[0], dy, dx[0], dw?[0], BiasGradient(p, dw))),
        };

        /// <summary>The bias gradient (the last tensor's) when the layer has a bias and gradients are wanted.</summary>
        internal static double[]? BiasGradient(LayerPass p, double[][]? dw) => dw is not null && p.Layer.Spec.UseBias ? dw[dw.Length - 1] : null;

        /// <summary>Keras' SeparableConv2D: the depthwise convolution (no bias), then a 1x1 convolution with the bias; the intermediate tensor kept for the backward pass.</summary>
        private static double[] Separable(LayerPass p)
        {
            SeparableParts(p.Layer, out LayerAnalysis depthwise, out LayerAnalysis pointwise);
            double[] middle = DepthwiseConv2D(depthwise, p.Input, p.Weights[0], null);
            if (p.RoundsIntermediate)
            {
                middle = Array.ConvertAll(middle, v => (double)(float)v);
            }

            p.Middle = middle;
            return Conv2D(pointwise, middle, p.Weights[1], p.Bias);
        }

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

        /// <summary>
        /// y[oy, ox, c*M + m] = b[c*M + m] + sum over ky, kx of x[oy*sh + ky*dh - padTop, ox*sw + kx*dw - padLeft, c] * k[ky, kx, c, m]
        /// (M the depth multiplier), cells outside the input counting as zero.
        /// </summary>
        public static double[] DepthwiseConv2D(LayerAnalysis layer, double[] x, double[] kernel, double[]? bias)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape;
            int multiplier = s.DepthMultiplier;
            int outH = layer.OutputShape.Height, outW = layer.OutputShape.Width, outC = i.Channels * multiplier;
            var y = new double[outH * outW * outC];
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

                                    sum += x[(iy * i.Width + ix) * i.Channels + c] * kernel[((ky * s.KernelWidth + kx) * i.Channels + c) * multiplier + m];
                                }
                            }

                            y[(oy * outW + ox) * outC + oc] = sum;
                        }
                    }
                }
            }

            return y;
        }

        /// <summary>The gradient of <see cref="DepthwiseConv2D"/>: over the same taps, dx += dy * k, dk += dy * x; db += dy.</summary>
        public static void DepthwiseConv2DBackward(LayerAnalysis layer, double[] x, double[] kernel, double[] dy, double[] dx, double[]? dKernel, double[]? dBias)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape;
            int multiplier = s.DepthMultiplier;
            int outH = layer.OutputShape.Height, outW = layer.OutputShape.Width, outC = i.Channels * multiplier;
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    for (int c = 0; c < i.Channels; c++)
                    {
                        for (int m = 0; m < multiplier; m++)
                        {
                            int oc = c * multiplier + m;
                            double g = dy[(oy * outW + ox) * outC + oc];
                            if (dBias is not null)
                            {
                                dBias[oc] += g;
                            }

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

                                    int xi = (iy * i.Width + ix) * i.Channels + c;
                                    int ki = ((ky * s.KernelWidth + kx) * i.Channels + c) * multiplier + m;
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

        /// <summary>The gradient of <see cref="Separable"/>: the 1x1 convolution's backward, then the depthwise one's.</summary>
        public static void SeparableConv2DBackward(LayerAnalysis layer, double[] x, double[] middle, double[] depthwiseKernel, double[] pointwiseKernel,
            double[] dy, double[] dx, double[]? dDepthwise, double[]? dPointwise, double[]? dBias)
        {
            SeparableParts(layer, out LayerAnalysis depthwise, out LayerAnalysis pointwise);
            var dMiddle = new double[middle.Length];
            Conv2DBackward(pointwise, middle, pointwiseKernel, dy, dMiddle, dPointwise, dBias);
            DepthwiseConv2DBackward(depthwise, x, depthwiseKernel, dMiddle, dx, dDepthwise, null);
        }

        /// <summary>A SeparableConv2D as its two convolutions (same padding, strides and dilation for the depthwise part).</summary>
        public static void SeparableParts(LayerAnalysis layer, out LayerAnalysis depthwise, out LayerAnalysis pointwise)
        {
            LayerSpec s = layer.Spec;
            var middle = new TensorShape(layer.OutputShape.Height, layer.OutputShape.Width, layer.InputShape.Channels * s.DepthMultiplier);
            depthwise = new LayerAnalysis(layer.Index, layer.Name, s, layer.InputShape, middle, new ParameterTensor[0], 0,
                layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight);
            pointwise = new LayerAnalysis(layer.Index, layer.Name, LayerSpec.Conv2D(s.Units, 1, 1), middle, layer.OutputShape,
                new ParameterTensor[0], 0, 0, 0, 0, 0);
        }

        /// <summary>
        /// The transposed convolution as a scatter: every input value x[iy, ix, ic] adds x * k[ky, kx, oc, ic] to
        /// y[iy*sh + ky - padTop, ix*sw + kx - padLeft, oc] (positions cropped away by <c>same</c> padding are dropped).
        /// </summary>
        public static double[] Conv2DTranspose(LayerAnalysis layer, double[] x, double[] kernel, double[]? bias)
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
                                        x[(iy * i.Width + ix) * i.Channels + ic] * kernel[((ky * s.KernelWidth + kx) * o.Channels + oc) * i.Channels + ic];
                                }
                            }
                        }
                    }
                }
            }

            return sum;
        }

        /// <summary>The gradient of <see cref="Conv2DTranspose"/>: over the same scatter, dx += dy * k, dk += dy * x; db += dy per output channel.</summary>
        public static void Conv2DTransposeBackward(LayerAnalysis layer, double[] x, double[] kernel, double[] dy, double[] dx, double[]? dKernel, double[]? dBias)
        {
            LayerSpec s = layer.Spec;
            TensorShape i = layer.InputShape, o = layer.OutputShape;
            if (dBias is not null)
            {
                for (int k = 0; k < dy.Length; k++)
                {
                    dBias[k % o.Channels] += dy[k];
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
                                double g = dy[(oy * o.Width + ox) * o.Channels + oc];
                                for (int ic = 0; ic < i.Channels; ic++)
                                {
                                    int xi = (iy * i.Width + ix) * i.Channels + ic;
                                    int ki = ((ky * s.KernelWidth + kx) * o.Channels + oc) * i.Channels + ic;
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
    }
}
