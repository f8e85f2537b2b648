using System;
using ConvGen.Reference;

namespace ConvGen.Tests.Reference
{
    /// <summary>
    /// The interpreter's new layers against values worked out by hand (each test says how). Tensors are NHWC and
    /// written out flat, pixel by pixel; kernels are in Keras layout.
    /// </summary>
    public class LayersTests
    {
        private static float[] Run(int h, int w, int c, float[] parameters, float[] input, params LayerSpec[] layers) =>
            new ReferenceInterpreter(new NetworkSpec(h, w, c, layers), parameters).Run(input);

        private static void Equal(float[] expected, float[] actual, double tolerance = 1e-6)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                    $"index {i}: expected {expected[i]}, got {actual[i]}\nexpected [{string.Join(", ", expected)}]\nactual   [{string.Join(", ", actual)}]");
            }
        }

        [Fact]
        public void DepthwiseWithMultiplierTwoGivesEachInputChannelTwoKernels()
        {
            // Input 2x2x2: channel 0 = [[1, 2], [3, 4]], channel 1 = [[5, 6], [7, 8]]; 2x2 valid kernel -> one pixel, 4 channels.
            // Kernel [ky, kx, c, m]: m = 0 is all ones; m = 1 is the tap number 1..4 (row-major), for both channels.
            // Output channel c*2 + m: (c0, m0) 1+2+3+4 = 10; (c0, m1) 1*1+2*2+3*3+4*4 = 30; (c1, m0) 5+6+7+8 = 26;
            // (c1, m1) 5*1+6*2+7*3+8*4 = 70; plus bias [0.5, -1, 2, 0].
            float[] input = { 1, 5, 2, 6, 3, 7, 4, 8 };
            float[] kernel = { 1, 1, 1, 1, 1, 2, 1, 2, 1, 3, 1, 3, 1, 4, 1, 4 };
            float[] bias = { 0.5f, -1, 2, 0 };
            float[] y = Run(2, 2, 2, Concat(kernel, bias), input, LayerSpec.DepthwiseConv2D(2, 2, depthMultiplier: 2));
            Equal(new float[] { 10.5f, 29, 28, 70 }, y);
        }

        [Fact]
        public void DepthwiseSamePaddingStrideTwoSkipsThePadding()
        {
            // 3x3x1 input 1..9, 3x3 kernel of ones, stride 2, same: out 2x2, pad total (2-1)*2+3-3 = 2 -> 1 on each side.
            // Window sums over in-bounds cells: (0,0) rows 0-1 cols 0-1 = 1+2+4+5 = 12; (0,1) rows 0-1 cols 1-2 = 2+3+5+6 = 16;
            // (1,0) rows 1-2 cols 0-1 = 4+5+7+8 = 24; (1,1) rows 1-2 cols 1-2 = 5+6+8+9 = 28.
            float[] input = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            float[] kernel = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
            float[] y = Run(3, 3, 1, kernel, input, LayerSpec.DepthwiseConv2D(3, 3, 1, 2, 2, Padding.Same, useBias: false));
            Equal(new float[] { 12, 16, 24, 28 }, y);
        }

        [Fact]
        public void ConvolutionWithTwoGroupsConnectsEachHalfOfTheChannelsOnly()
        {
            // 1x1x4 input [1, 2, 3, 4], 4 filters 1x1, groups 2: kernel [1, 1, 2, 4] rows (in 0, in 1) = [1, 2, 3, 4], [5, 6, 7, 8].
            // Outputs 0, 1 read inputs 0, 1: 1*1 + 2*5 = 11, 1*2 + 2*6 = 14; outputs 2, 3 read inputs 2, 3: 3*3 + 4*7 = 37, 3*4 + 4*8 = 44.
            float[] kernel = { 1, 2, 3, 4, 5, 6, 7, 8 };
            float[] y = Run(1, 1, 4, kernel, new float[] { 1, 2, 3, 4 }, LayerSpec.Conv2D(4, 1, 1, useBias: false, groups: 2));
            Equal(new float[] { 11, 14, 37, 44 }, y);
        }

        [Fact]
        public void SeparableConvolutionIsDepthwiseThenPointwiseThenBias()
        {
            // 1x1x2 input [1, 2]; depthwise_kernel [1, 1, 2, 1] = [3, 4] -> [3, 8];
            // pointwise_kernel [1, 1, 2, 2] rows [1, 10], [100, 1000] -> [3 + 800, 30 + 8000]; bias [1, 2] -> [804, 8032].
            float[] parameters = { 3, 4, 1, 10, 100, 1000, 1, 2 };
            float[] y = Run(1, 1, 2, parameters, new float[] { 1, 2 }, LayerSpec.SeparableConv2D(2, 1, 1));
            Equal(new float[] { 804, 8032 }, y);
        }

        [Fact]
        public void BatchNormalizationScalesAndShiftsEachChannel()
        {
            // gamma [2, 0.5], beta [1, -1], mean [0.5, 2], variance [0, 3.75], epsilon 0.25: sqrt(0.25) = 0.5, sqrt(4) = 2.
            // Pixel [1, 4]: 2*(1-0.5)/0.5+1 = 3, 0.5*(4-2)/2-1 = -0.5. Pixel [2, 0]: 2*(2-0.5)/0.5+1 = 7, 0.5*(0-2)/2-1 = -1.5.
            float[] parameters = { 2, 0.5f, 1, -1, 0.5f, 2, 0, 3.75f };
            float[] y = Run(1, 2, 2, parameters, new float[] { 1, 4, 2, 0 }, LayerSpec.BatchNormalization(0.25f));
            Equal(new float[] { 3, -0.5f, 7, -1.5f }, y);
        }

        [Fact]
        public void BatchNormalizationDefaultEpsilonIsKeras()
        {
            // gamma 1, beta 0, mean 0, variance 0.249: (x - 0) / sqrt(0.249 + 0.001) = x / 0.5 -> 2x.
            float[] y = Run(1, 1, 1, new[] { 1f, 0, 0, 0.249f }, new float[] { 3 }, LayerSpec.BatchNormalization());
            Equal(new float[] { 6 }, y);
        }

        [Fact]
        public void GlobalPoolsReduceEachChannelOverAllPixels()
        {
            // 2x2x2: channel 0 = 1, -2, 3, 0.5 (mean 2.5/4 = 0.625, max 3); channel 1 = -1, -3, -0.5, -4 (mean -8.5/4 = -2.125, max -0.5).
            float[] input = { 1, -1, -2, -3, 3, -0.5f, 0.5f, -4 };
            Equal(new float[] { 0.625f, -2.125f }, Run(2, 2, 2, new float[0], input, LayerSpec.GlobalAveragePooling2D()));
            Equal(new float[] { 3, -0.5f }, Run(2, 2, 2, new float[0], input, LayerSpec.GlobalMaxPooling2D()));
        }

        [Fact]
        public void ZeroPaddingPlacesTheImageAtTopAndLeftOffsets()
        {
            // 1x1x1 [5], top 1, bottom 0, left 2, right 1 -> 2x4: row 0 all zero, row 1 = [0, 0, 5, 0].
            float[] y = Run(1, 1, 1, new float[0], new float[] { 5 }, LayerSpec.ZeroPadding2D(1, 0, 2, 1));
            Equal(new float[] { 0, 0, 0, 0, 0, 0, 5, 0 }, y);
        }

        [Fact]
        public void CroppingKeepsTheWindowAfterTheTopAndLeftCrops()
        {
            // 3x4x2, cell (y, x, c) = 100y + 10x + c; top 1, bottom 0, left 1, right 2 -> rows 1..2, column 1: 2x1x2.
            var input = new float[24];
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = i / 8 * 100 + i / 2 % 4 * 10 + i % 2;
            }

            float[] y = Run(3, 4, 2, new float[0], input, LayerSpec.Cropping2D(1, 0, 1, 2));
            Equal(new float[] { 110, 111, 210, 211 }, y);
        }

        [Fact]
        public void CroppingNothingIsTheIdentityAndSymmetricCroppingKeepsTheCentre()
        {
            float[] input = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            Equal(input, Run(3, 3, 1, new float[0], input, LayerSpec.Cropping2D(0, 0, 0, 0)));
            Equal(new float[] { 5 }, Run(3, 3, 1, new float[0], input, LayerSpec.Cropping2D(1, 1, 1, 1)));
        }

        [Fact]
        public void NearestUpSamplingRepeatsPixels()
        {
            // [[1, 2], [3, 4]] twice as large: each pixel becomes a 2x2 block.
            float[] y = Run(2, 2, 1, new float[0], new float[] { 1, 2, 3, 4 }, LayerSpec.UpSampling2D(2, 2));
            Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, y);
        }

        [Fact]
        public void BilinearUpSamplingUsesHalfPixelCenters()
        {
            // Source coordinate (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25: clamped to pixel 0, then 0.25 and 0.75 of the way
            // from pixel 0 to 1, then clamped to pixel 1. Row [1, 2] -> [1, 1.25, 1.75, 2]; row [3, 4] -> [3, 3.25, 3.75, 4];
            // rows blended the same way (difference 2): +0, +0.5, +1.5, +2. (tf.image.resize([[1, 2], [3, 4]], [4, 4]) gives this.)
            float[] y = Run(2, 2, 1, new float[0], new float[] { 1, 2, 3, 4 }, LayerSpec.UpSampling2D(2, 2, Interpolation.Bilinear));
            Equal(new float[] { 1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f, 3, 3.25f, 3.75f, 4 }, y);
        }

        [Fact]
        public void BilinearUpSamplingWithDifferentFactorsPerAxis()
        {
            // 1x2x1 [0, 6], size (1, 3): width 2 -> 6, coordinates (o + 0.5) / 3 - 0.5 = -1/3, 0, 1/3, 2/3, 1, 4/3
            // -> 0, 0, 2, 4, 6, 6 (height factor 1 keeps the row).
            float[] y = Run(1, 2, 1, new float[0], new float[] { 0, 6 }, LayerSpec.UpSampling2D(1, 3, Interpolation.Bilinear));
            Equal(new float[] { 0, 0, 2, 4, 6, 6 }, y, 1e-5);
        }

        [Fact]
        public void TransposedConvolutionStrideTwoValidScattersEveryTap()
        {
            // x = [[1, 10], [100, 1000]], kernel 3x3 k[r, c] = 3r + c + 1, stride 2, valid: out = 2*2 + (3-2) = 5.
            // y[2*iy + r, 2*ix + c] += x[iy, ix] * k[r, c]; the powers of ten keep each input's share in its own digit:
            // row 2 col 2 = 9*1 + 3*100 (from x00, x10 at r=2/0, c=2) + 7*10 + 1*1000 (from x01, x11 at c=0) = 1379, and so on.
            float[] kernel = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            float[] y = Run(2, 2, 1, kernel, new float[] { 1, 10, 100, 1000 }, LayerSpec.Conv2DTranspose(1, 3, 3, 2, 2, useBias: false));
            Equal(new float[]
            {
                1, 2, 13, 20, 30,
                4, 5, 46, 50, 60,
                107, 208, 1379, 2080, 3090,
                400, 500, 4600, 5000, 6000,
                700, 800, 7900, 8000, 9000,
            }, y);
        }

        [Fact]
        public void TransposedConvolutionStrideTwoSameCropsTheFullOutput()
        {
            // Same 3x3 case with Padding.Same: out = 2*2 = 4; crop total max(3-2, 0) = 1: 0 rows/columns from the top/left,
            // 1 from the bottom/right, so the top-left 4x4 of the valid result.
            float[] kernel = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            float[] y = Run(2, 2, 1, kernel, new float[] { 1, 10, 100, 1000 }, LayerSpec.Conv2DTranspose(1, 3, 3, 2, 2, Padding.Same, useBias: false));
            Equal(new float[] { 1, 2, 13, 20, 4, 5, 46, 50, 107, 208, 1379, 2080, 400, 500, 4600, 5000 }, y);

            // 1x2 input [1, 10], kernel 1x4 [1, 2, 3, 4], stride (1, 2): full width (2-1)*2+4 = 6 -> [1, 2, 3+10, 4+20, 30, 40].
            // Valid keeps all 6; same keeps 4, cropping max(4-2, 0) = 2: 1 on the left, 1 on the right -> [2, 13, 24, 30]. Bias 0.5.
            float[] parameters = { 1, 2, 3, 4, 0.5f };
            float[] valid = Run(1, 2, 1, parameters, new float[] { 1, 10 }, LayerSpec.Conv2DTranspose(1, 1, 4, 1, 2));
            float[] same = Run(1, 2, 1, parameters, new float[] { 1, 10 }, LayerSpec.Conv2DTranspose(1, 1, 4, 1, 2, Padding.Same));
            Equal(new float[] { 1.5f, 2.5f, 13.5f, 24.5f, 30.5f, 40.5f }, valid);
            Equal(new float[] { 2.5f, 13.5f, 24.5f, 30.5f }, same);
        }

        [Fact]
        public void TransposedConvolutionKernelIsOutputThenInputChannels()
        {
            // Keras kernel [1, 1, out = 3, in = 2] rows (per output) [1, 2], [3, 4], [5, 6]; x = [1, 10] -> [21, 43, 65].
            float[] y = Run(1, 1, 2, new float[] { 1, 2, 3, 4, 5, 6 }, new float[] { 1, 10 }, LayerSpec.Conv2DTranspose(3, 1, 1, useBias: false));
            Equal(new float[] { 21, 43, 65 }, y);
        }

        [Fact]
        public void ConcatenateJoinsChannelsInTheOrderNamed()
        {
            // Input 1x2x2, pixels [1, 2], [3, 4]. "a": 1 filter, kernel [1, 1] -> [3], [7]. "b" (reads the input): kernel rows [10, 0], [0, 100]
            // -> [10, 200], [30, 400]. Concatenate("b", "a") -> [10, 200, 3], [30, 400, 7]; ("a", "b") -> [3, 10, 200], [7, 30, 400].
            float[] parameters = { 1, 1, 10, 0, 0, 100 };
            float[] input = { 1, 2, 3, 4 };
            LayerSpec a = LayerSpec.Conv2D(1, 1, 1, useBias: false) with { Name = "a" };
            LayerSpec b = LayerSpec.Conv2D(2, 1, 1, useBias: false) with { Name = "b", Inputs = new[] { "input" } };
            Equal(new float[] { 10, 200, 3, 30, 400, 7 }, Run(1, 2, 2, parameters, input, a, b, LayerSpec.Concatenate("b", "a")));
            Equal(new float[] { 3, 10, 200, 7, 30, 400 }, Run(1, 2, 2, parameters, input, a, b, LayerSpec.Concatenate("a", "b")));
        }

        [Fact]
        public void AddSumsTheNamedOutputsAndDropoutIsTheIdentity()
        {
            // Conv 1x1 with kernel 2 * identity doubles the input; Add("input", that) triples it: [1, 2, 3, 4] -> [3, 6, 9, 12].
            float[] y = Run(1, 2, 2, new float[] { 2, 0, 0, 2 }, new float[] { 1, 2, 3, 4 },
                LayerSpec.Conv2D(2, 1, 1, useBias: false) with { Name = "twice" },
                LayerSpec.Dropout(0.5f),
                LayerSpec.Add("input", "twice"));
            Equal(new float[] { 3, 6, 9, 12 }, y);
        }

        [Fact]
        public void ALayerCanReadAnyEarlierLayerByName()
        {
            // "first" = 3x (1x1 conv), then a conv reading the network input (ignoring "first") with kernel 5: [1, 2] -> [5, 10].
            float[] y = Run(1, 2, 1, new float[] { 3, 5 }, new float[] { 1, 2 },
                LayerSpec.Conv2D(1, 1, 1, useBias: false) with { Name = "first" },
                LayerSpec.Conv2D(1, 1, 1, useBias: false) with { Inputs = new[] { "input" } });
            Equal(new float[] { 5, 10 }, y);
        }

        [Theory]
        [InlineData(Activation.ReLU6, new[] { -1f, 3f, 7f }, new[] { 0f, 3f, 6f })]
        [InlineData(Activation.HardSigmoid, new[] { -3f, 0f, 1.5f, 3f }, new[] { 0f, 0.5f, 0.75f, 1f })] // relu6(x + 3) / 6
        [InlineData(Activation.HardSwish, new[] { -4f, 1f, 3f }, new[] { 0f, 0.6666667f, 3f })] // x * relu6(x + 3) / 6: 1 * 4/6
        [InlineData(Activation.Swish, new[] { 0f, 1f, -1f }, new[] { 0f, 0.7310586f, -0.26894143f })] // x / (1 + e^-x)
        [InlineData(Activation.ELU, new[] { -1f, 2f }, new[] { -0.63212055f, 2f })] // e^-1 - 1
        [InlineData(Activation.GELUErf, new[] { 1f, -1f, 0f }, new[] { 0.8413447f, -0.15865526f, 0f })] // x * Phi(x), Phi(1) = 0.8413447
        [InlineData(Activation.GELUTanh, new[] { 1f, -1f }, new[] { 0.8411920f, -0.1588080f })] // 0.5(1 + tanh(0.7978846 * 1.044715))
        public void ActivationsMatchTheirDefinitions(Activation activation, float[] input, float[] expected)
        {
            float[] y = Run(1, 1, input.Length, new float[0], input, LayerSpec.ActivationLayer(activation, LayerSpec.DefaultAlpha));
            Equal(expected, y, 1e-6);
        }

        [Fact]
        public void EluUsesItsAlpha()
        {
            // alpha 0.5: 0.5 * (e^-1 - 1) = -0.31606028.
            float[] y = Run(1, 1, 1, new float[0], new float[] { -1 }, LayerSpec.ActivationLayer(Activation.ELU, 0.5f));
            Equal(new float[] { -0.31606028f }, y);
        }

        [Fact]
        public void ExactGeluFollowsTheNormalDistribution()
        {
            // GELU(x) = x * Phi(x) with table values Phi(2) = 0.9772498680518208, Phi(-3) = 0.0013498980316301,
            // Phi(5) = 1 - 2.866515718791939e-7 (x / sqrt 2 = 3.54 exercises erf's large-argument branch).
            float[] y = Run(1, 1, 3, new float[0], new float[] { 2, -3, 5 }, LayerSpec.ActivationLayer(Activation.GELUErf));
            Equal(new float[] { 1.9544997f, -0.0040496941f, 4.9999986f }, y, 1e-7);
        }

        private static float[] Concat(params float[][] parts)
        {
            int length = 0;
            foreach (float[] part in parts)
            {
                length += part.Length;
            }

            var all = new float[length];
            int at = 0;
            foreach (float[] part in parts)
            {
                part.CopyTo(all, at);
                at += part.Length;
            }

            return all;
        }
    }
}
