using System;
using System.Collections.Generic;

namespace ConvGen.Onnx
{
    /// <summary>
    /// Keras kernels (as laid out in the parameter vector, Keras <c>get_weights()</c> order) re-laid for ONNX, written
    /// from the two formats' definitions: ONNX Conv weights are [out, in / group, kh, kw]; ConvTranspose weights are
    /// [in, out / group, kh, kw].
    /// </summary>
    public static class OnnxWeights
    {
        /// <summary>A parameter tensor as it is (biases, batch-norm vectors, Dense kernels [in, out] = Gemm's B).</summary>
        public static float[] Raw(ReadOnlySpan<float> parameters, ParameterTensor tensor) => parameters.Slice(tensor.Offset, tensor.Length).ToArray();

        /// <summary>
        /// Conv2D (also grouped, and the 1x1 pointwise kernel) [kh, kw, in / groups, out] to ONNX [out, in / groups, kh, kw]:
        /// Keras' groups split the input and output channels in consecutive blocks, as ONNX's <c>group</c> does.
        /// </summary>
        public static float[] ConvKernel(ReadOnlySpan<float> parameters, ParameterTensor tensor)
        {
            IReadOnlyList<int> s = tensor.Shape;
            int kh = s[0], kw = s[1], cin = s[2], cout = s[3];
            ReadOnlySpan<float> keras = parameters.Slice(tensor.Offset, tensor.Length);
            var onnx = new float[tensor.Length];
            for (int y = 0; y < kh; y++)
            {
                for (int x = 0; x < kw; x++)
                {
                    for (int i = 0; i < cin; i++)
                    {
                        for (int o = 0; o < cout; o++)
                        {
                            onnx[((o * cin + i) * kh + y) * kw + x] = keras[((y * kw + x) * cin + i) * cout + o];
                        }
                    }
                }
            }

            return onnx;
        }

        /// <summary>
        /// Depthwise kernel [kh, kw, in, multiplier] to ONNX [in * multiplier, 1, kh, kw] for a Conv with group = in: Keras' output
        /// channel c * multiplier + m is input channel c convolved with kernel [:, :, c, m], and ONNX group c owns output
        /// channels c * multiplier .. c * multiplier + multiplier - 1.
        /// </summary>
        public static float[] DepthwiseKernel(ReadOnlySpan<float> parameters, ParameterTensor tensor)
        {
            IReadOnlyList<int> s = tensor.Shape;
            int kh = s[0], kw = s[1], channels = s[2], multiplier = s[3];
            ReadOnlySpan<float> keras = parameters.Slice(tensor.Offset, tensor.Length);
            var onnx = new float[tensor.Length];
            for (int y = 0; y < kh; y++)
            {
                for (int x = 0; x < kw; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        for (int m = 0; m < multiplier; m++)
                        {
                            onnx[((c * multiplier + m) * kh + y) * kw + x] = keras[((y * kw + x) * channels + c) * multiplier + m];
                        }
                    }
                }
            }

            return onnx;
        }

        /// <summary>Conv2DTranspose kernel [kh, kw, out, in] to ONNX ConvTranspose [in, out, kh, kw] (no flip: both scatter x[i] * w[k] to output i * s + k - pad).</summary>
        public static float[] TransposedKernel(ReadOnlySpan<float> parameters, ParameterTensor tensor)
        {
            IReadOnlyList<int> s = tensor.Shape;
            int kh = s[0], kw = s[1], cout = s[2], cin = s[3];
            ReadOnlySpan<float> keras = parameters.Slice(tensor.Offset, tensor.Length);
            var onnx = new float[tensor.Length];
            for (int y = 0; y < kh; y++)
            {
                for (int x = 0; x < kw; x++)
                {
                    for (int o = 0; o < cout; o++)
                    {
                        for (int i = 0; i < cin; i++)
                        {
                            onnx[((i * cout + o) * kh + y) * kw + x] = keras[((y * kw + x) * cout + o) * cin + i];
                        }
                    }
                }
            }

            return onnx;
        }
    }
}
