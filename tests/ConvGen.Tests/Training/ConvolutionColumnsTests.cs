using System;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>im2col and col2im of the trainer's convolutions against a naive loop over every pixel and tap, on random geometries.</summary>
    public class ConvolutionColumnsTests
    {
        [Fact]
        public void Gather_scatter_and_padding_match_naive_loops()
        {
            var random = new Random(11);
            for (int trial = 0; trial < 200; trial++)
            {
                int channels = new[] { 1, 2, 3, 8, 11 }[random.Next(5)];
                int kh = random.Next(1, 5), kw = random.Next(1, 5), sh = random.Next(1, 3), sw = random.Next(1, 3);
                int dh = random.Next(1, 3), dw = random.Next(1, 3);
                int h = random.Next((kh - 1) * dh + 1, 12), w = random.Next((kw - 1) * dw + 1, 12);
                int padTop = random.Next(0, kh), padLeft = random.Next(0, kw);
                int outH = ((h + padTop + random.Next(0, kh)) - ((kh - 1) * dh + 1)) / sh + 1;
                int outW = ((w + padLeft + random.Next(0, kw)) - ((kw - 1) * dw + 1)) / sw + 1;
                var geometry = new ConvolutionColumns(h, w, channels, kh, kw, sh, sw, dh, dw, padTop, padLeft, outH, outW);
                int depth = kh * kw * channels, pixels = outH * outW;
                Assert.Equal(depth, geometry.Depth);

                float[] x = Random(random, h * w * channels);
                float[] dcol = Random(random, pixels * depth);
                var expectedCol = new float[pixels * depth];
                float[] dx = Random(random, x.Length);
                var expectedDx = (float[])dx.Clone();
                for (int p = 0; p < pixels; p++)
                {
                    int oy = p / outW, ox = p % outW;
                    for (int ky = 0; ky < kh; ky++)
                    {
                        for (int kx = 0; kx < kw; kx++)
                        {
                            int iy = oy * sh + ky * dh - padTop, ix = ox * sw + kx * dw - padLeft;
                            bool inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                            for (int c = 0; c < channels; c++)
                            {
                                int at = p * depth + (ky * kw + kx) * channels + c;
                                if (inside)
                                {
                                    expectedCol[at] = x[(iy * w + ix) * channels + c];
                                    expectedDx[(iy * w + ix) * channels + c] += dcol[at];
                                }
                            }
                        }
                    }
                }

                string what = $"{h}x{w}x{channels} kernel {kh}x{kw} stride {sh}x{sw} dilation {dh}x{dw} pad {padTop},{padLeft} -> {outH}x{outW}";

                // In two blocks, over garbage, as the trainer calls it.
                int split = random.Next(0, pixels + 1);
                float[] col = Random(random, pixels * depth);
                geometry.Gather(x, 0, split, col);
                geometry.Gather(x, split, pixels - split, col.AsSpan(split * depth));
                Assert.True(expectedCol.AsSpan().SequenceEqual(col), "gather " + what);

                float[] padded = Random(random, geometry.PaddedLength);
                geometry.Pad(x, padded);
                col = Random(random, pixels * depth);
                geometry.Padded.Gather(padded, 0, pixels, col);
                Assert.True(expectedCol.AsSpan().SequenceEqual(col), "padded gather " + what);

                float[] scattered = (float[])dx.Clone();
                geometry.Scatter(dcol.AsSpan(0, split * depth), 0, split, scattered);
                geometry.Scatter(dcol.AsSpan(split * depth), split, pixels - split, scattered);
                Near(expectedDx, scattered, "scatter " + what);

                var paddedGradient = new float[geometry.PaddedLength];
                geometry.Padded.Scatter(dcol, 0, pixels, paddedGradient);
                scattered = (float[])dx.Clone();
                geometry.AddUnpadded(paddedGradient, scattered);
                Near(expectedDx, scattered, "padded scatter " + what);
            }
        }

        [Fact]
        public void Bad_geometry_and_short_spans_throw()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionColumns(4, 4, 0, 3, 3, 1, 1, 1, 1, 0, 0, 2, 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionColumns(4, 4, 1, 3, 3, 1, 1, 1, 1, -1, 0, 2, 2));
            var geometry = new ConvolutionColumns(4, 4, 1, 3, 3, 1, 1, 1, 1, 0, 0, 2, 2);
            Assert.Throws<ArgumentException>(() => geometry.Gather(new float[15], 0, 4, new float[36]));
            Assert.Throws<ArgumentException>(() => geometry.Gather(new float[16], 0, 4, new float[35]));
            Assert.Throws<ArgumentException>(() => geometry.Gather(new float[16], 2, 3, new float[36]));
            Assert.Throws<InvalidOperationException>(() => default(ConvolutionColumns).Gather(new float[16], 0, 0, new float[36]));
        }

        private static void Near(float[] expected, float[] actual, string what)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * (1 + Math.Abs(expected[i])), $"{what}: [{i}] = {actual[i]}, expected {expected[i]}");
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
