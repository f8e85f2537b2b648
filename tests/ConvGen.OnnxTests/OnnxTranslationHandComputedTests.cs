using static ConvGen.LayerSpec;

namespace ConvGen.OnnxTests
{
    /// <summary>
    /// The oracle itself: the ONNX translation run by ORT gives TensorFlow's numbers, computed here by hand from TF's
    /// definitions, on the points where ONNX and TF conventions differ. So agreement with ORT means agreement with TF.
    /// </summary>
    public class OnnxTranslationHandComputedTests
    {
        private static void AssertOrt(NetworkSpec spec, float[] parameters, float[] input, params float[] expected)
        {
            float[] actual = OrtOracle.Run(spec, parameters, input);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(System.Math.Abs(actual[i] - expected[i]) <= 1e-6, $"output {i}: ORT {actual[i]}, TF {expected[i]}");
            }
        }

        [Fact]
        public void BilinearUpsamplingUsesHalfPixelCentersClampedAtTheEdges()
        {
            // tf.image.resize([1, 2], width 4, bilinear): sources (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25 -> 1, 1.25, 1.75, 2.
            AssertOrt(new NetworkSpec(1, 2, 1, new[] { UpSampling2D(1, 2, Interpolation.Bilinear) }), new float[0], new float[] { 1, 2 }, 1, 1.25f, 1.75f, 2);
        }

        [Fact]
        public void NearestUpsamplingRepeatsPixels()
        {
            AssertOrt(new NetworkSpec(1, 2, 1, new[] { UpSampling2D(1, 3) }), new float[0], new float[] { 1, 2 }, 1, 1, 1, 2, 2, 2);
        }

        [Fact]
        public void TransposedConvolutionFollowsTensorFlowsOutputSizeAndCropping()
        {
            // Kernel 1x3 [1, 2, 3], stride 2, input [1, 10]: full output x[i] * w[j - 2i] = [1, 2, 1*3 + 10*1, 20, 30].
            float[] kernel = { 1, 2, 3 };
            AssertOrt(new NetworkSpec(1, 2, 1, new[] { Conv2DTranspose(1, 1, 3, 1, 2, Padding.Valid, useBias: false) }), kernel, new float[] { 1, 10 }, 1, 2, 13, 20, 30);
            // same: out = in * s = 4; the k - s = 1 extra cell is cropped at the end (TF pads floor(1 / 2) = 0 at the start).
            AssertOrt(new NetworkSpec(1, 2, 1, new[] { Conv2DTranspose(1, 1, 3, 1, 2, Padding.Same, useBias: false) }), kernel, new float[] { 1, 10 }, 1, 2, 13, 20);
        }

        [Fact]
        public void TransposedConvolutionWithKernelSmallerThanStrideLeavesTheGapsAtTheBias()
        {
            // Kernel 1x1 = 3, bias 0.5, stride 2, input [1, 2]: TF's output is in * s = 4 in both paddings, [3.5, 0.5, 6.5, 0.5].
            foreach (Padding padding in new[] { Padding.Valid, Padding.Same })
            {
                AssertOrt(new NetworkSpec(1, 2, 1, new[] { Conv2DTranspose(1, 1, 1, 1, 2, padding) }), new float[] { 3, 0.5f }, new float[] { 1, 2 }, 3.5f, 0.5f, 6.5f, 0.5f);
            }
        }

        [Fact]
        public void EvenKernelSamePadsTheExtraCellAtTheEnd()
        {
            // Kernel 1x2 [1, 10] on [1, 2, 3], same: total pad 1, all on the right -> [1 + 20, 2 + 30, 3 + 0].
            AssertOrt(new NetworkSpec(1, 3, 1, new[] { Conv2D(1, 1, 2, padding: Padding.Same, useBias: false) }), new float[] { 1, 10 }, new float[] { 1, 2, 3 }, 21, 32, 3);
        }

        [Fact]
        public void AveragePoolingSameDoesNotCountThePadding()
        {
            AssertOrt(new NetworkSpec(1, 3, 1, new[] { AvgPool2D(1, 3, 1, 1, Padding.Same) }), new float[0], new float[] { 1, 2, 3 }, 1.5f, 2, 2.5f);
        }

        [Fact]
        public void ZeroPaddingZerosAreValuesForMaxPooling()
        {
            // [-1, -2] padded to [0, -1, -2, 0]: pool 2 -> [0, 0] (a pool's own padding would give [-1, -2]).
            AssertOrt(new NetworkSpec(1, 2, 1, new[] { ZeroPadding2D(0, 0, 1, 1), MaxPool2D(1, 2) }), new float[0], new float[] { -1, -2 }, 0, 0);
        }

        [Fact]
        public void CroppingSlicesHeightAndWidthOnly()
        {
            // 3x3x2 NHWC, cell (y, x, c) = 10y + x + 100c; top 1, bottom 0, left 0, right 2 keeps rows 1..2 of column 0.
            float[] input = { 0, 100, 1, 101, 2, 102, 10, 110, 11, 111, 12, 112, 20, 120, 21, 121, 22, 122 };
            AssertOrt(new NetworkSpec(3, 3, 2, new[] { Cropping2D(1, 0, 0, 2) }), new float[0], input, 10, 110, 20, 120);
        }

        [Fact]
        public void DepthwiseMultiplierOrdersOutputsChannelMajor()
        {
            // Kernel [1, 1, 2, 2] = [[1, 2], [3, 4]] on channels [1, 2]: output c * 2 + m = [1*1, 1*2, 2*3, 2*4].
            AssertOrt(new NetworkSpec(1, 1, 2, new[] { DepthwiseConv2D(1, 1, 2, useBias: false) }), new float[] { 1, 2, 3, 4 }, new float[] { 1, 2 }, 1, 2, 6, 8);
        }

        [Fact]
        public void FlattenKeepsKerasHeightWidthChannelOrder()
        {
            AssertOrt(new NetworkSpec(2, 2, 2, new[] { Flatten() }), new float[0], new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 1, 2, 3, 4, 5, 6, 7, 8);
        }

        [Fact]
        public void HardSigmoidIsKeras3sDefinition()
        {
            // relu6(x + 3) / 6 (Keras 2's 0.2x + 0.5 would give 0.8 at 1.5).
            AssertOrt(new NetworkSpec(1, 1, 4, new[] { ActivationLayer(Activation.HardSigmoid) }), new float[0], new float[] { -4, 0, 1.5f, 4 }, 0, 0.5f, 0.75f, 1);
        }
    }
}
