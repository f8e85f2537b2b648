using System;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>The one-channel direct convolution (forward and kernel gradient) against naive loops over every pixel and tap, on random geometries.</summary>
    public class SingleChannelConvolutionTests
    {
        [Fact]
        public void Forward_and_kernel_gradient_match_naive_loops()
        {
            var random = new Random(5);
            for (int trial = 0; trial < 200; trial++)
            {
                int kh = random.Next(1, 6), kw = random.Next(1, 6), filters = random.Next(1, 17);
                int h = random.Next(kh, 40), w = random.Next(kw, 40);
                bool same = random.Next(2) == 0;
                int padTop = same ? (kh - 1) / 2 : 0, padLeft = same ? (kw - 1) / 2 : 0;
                int outH = same ? h : h - kh + 1, outW = same ? w : w - kw + 1;
                var geometry = new SingleChannelConvolution(h, w, kh, kw, padTop, padLeft, outH, outW, filters);
                float[] x = Random(random, h * w), kernel = Random(random, kh * kw * filters), bias = Random(random, filters);
                float[] d = Random(random, outH * outW * filters);
                float[] dk = Random(random, kernel.Length);
                var expectedZ = new float[outH * outW * filters];
                var expectedDk = (float[])dk.Clone();
                for (int oy = 0; oy < outH; oy++)
                {
                    for (int ox = 0; ox < outW; ox++)
                    {
                        for (int f = 0; f < filters; f++)
                        {
                            int at = (oy * outW + ox) * filters + f;
                            float sum = bias[f];
                            for (int ky = 0; ky < kh; ky++)
                            {
                                for (int kx = 0; kx < kw; kx++)
                                {
                                    int iy = oy + ky - padTop, ix = ox + kx - padLeft;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                    {
                                        sum += x[iy * w + ix] * kernel[(ky * kw + kx) * filters + f];
                                        expectedDk[(ky * kw + kx) * filters + f] += x[iy * w + ix] * d[at];
                                    }
                                }
                            }

                            expectedZ[at] = sum;
                        }
                    }
                }

                string what = $"{h}x{w} kernel {kh}x{kw} pad {padTop},{padLeft} -> {outH}x{outW}x{filters}";

                // Over garbage scratch and output, as the trainer calls it.
                float[] scratch = Random(random, geometry.ScratchLength);
                float[] z = Random(random, expectedZ.Length);
                geometry.Forward(x, kernel, bias, z, scratch);
                Near(expectedZ, z, "forward " + what);

                z = Random(random, expectedZ.Length);
                geometry.Forward(x, kernel, ReadOnlySpan<float>.Empty, z, scratch);
                for (int i = 0; i < z.Length; i++)
                {
                    z[i] += bias[i % filters];
                }

                Near(expectedZ, z, "forward without bias " + what);

                geometry.AddKernelGradient(x, d, dk, Random(random, geometry.ScratchLength));
                Near(expectedDk, dk, "kernel gradient " + what);
            }
        }

        [Fact]
        public void Bad_geometry_and_short_spans_throw()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new SingleChannelConvolution(4, 4, 0, 3, 0, 0, 2, 2, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SingleChannelConvolution(4, 4, 3, 3, -1, 0, 2, 2, 1));
            var geometry = new SingleChannelConvolution(4, 4, 3, 3, 0, 0, 2, 2, 2);
            float[] scratch = new float[geometry.ScratchLength];
            Assert.Throws<ArgumentException>(() => geometry.Forward(new float[15], new float[18], new float[2], new float[8], scratch));
            Assert.Throws<ArgumentException>(() => geometry.Forward(new float[16], new float[17], new float[2], new float[8], scratch));
            Assert.Throws<ArgumentException>(() => geometry.Forward(new float[16], new float[18], new float[1], new float[8], scratch));
            Assert.Throws<ArgumentException>(() => geometry.Forward(new float[16], new float[18], new float[2], new float[7], scratch));
            Assert.Throws<ArgumentException>(() => geometry.AddKernelGradient(new float[16], new float[8], new float[18], new float[scratch.Length - 1]));
            Assert.Throws<InvalidOperationException>(() => default(SingleChannelConvolution).Forward(new float[16], new float[18], new float[2], new float[8], scratch));
        }

        private static void Near(float[] expected, float[] actual, string what)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"{what}: [{i}] = {actual[i]}, expected {expected[i]}");
            }
        }

        private static float[] Random(Random random, int length)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = (float)(random.NextDouble() * 2 - 1);
            }

            return values;
        }
    }
}
