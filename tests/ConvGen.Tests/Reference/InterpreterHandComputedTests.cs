using System;
using System.Linq;
using ConvGen.Reference;

namespace ConvGen.Tests.Reference
{
    /// <summary>
    /// The oracle checked against values worked out by hand (in the comments), for every layer kind and padding case:
    /// asymmetric TF 'same' padding, strides 2 and 3, dilation, pooling at the borders, kernel layout, activations.
    /// </summary>
    public class InterpreterHandComputedTests
    {
        /// <summary>x[r, c] = r * width + c + 1 (single channel).</summary>
        private static float[] Ramp(int length) => Enumerable.Range(1, length).Select(v => (float)v).ToArray();

        private static float[] Run(NetworkSpec spec, float[] parameters, float[] input) => new ReferenceInterpreter(spec, parameters).Run(input);

        [Fact]
        public void SamePaddingWithAnEvenKernelPutsTheExtraCellBottomRight()
        {
            // 4x4 input 1..16, 2x2 kernel of ones, stride 1, same: total pad 1 -> top/left 0, bottom/right 1.
            var spec = new NetworkSpec(4, 4, 1, new[] { LayerSpec.Conv2D(1, 2, 2, padding: Padding.Same, useBias: false) });
            float[] y = Run(spec, new float[] { 1, 1, 1, 1 }, Ramp(16));
            Assert.Equal(16, y.Length);
            Assert.Equal(1 + 2 + 5 + 6, y[0]);     // (0,0): no padding above/left
            Assert.Equal(4 + 8, y[3]);             // (0,3): right column padded
            Assert.Equal(13 + 14, y[12]);          // (3,0): bottom row padded
            Assert.Equal(16, y[15]);               // (3,3): only x[3,3] in bounds
        }

        [Fact]
        public void StrideTwoSamePaddingOnOddAndEvenInputs()
        {
            // Kernel 3x3 with a single 1 at its centre: output = the input under the window's centre.
            float[] centre = new float[9];
            centre[4] = 1;

            // 5x5, stride 2, same: out 3x3, total pad 2 -> top 1: centre of window i is at 2i -> x[2i, 2j].
            var odd = new NetworkSpec(5, 5, 1, new[] { LayerSpec.Conv2D(1, 3, 3, 2, 2, Padding.Same, useBias: false) });
            Assert.Equal(new float[] { 1, 3, 5, 11, 13, 15, 21, 23, 25 }, Run(odd, centre, Ramp(25)));

            // 4x4, stride 2, same: out 2x2, total pad 1 -> top 0, bottom 1: centre at 2i + 1 -> x[1,1], x[1,3], x[3,1], x[3,3].
            var even = new NetworkSpec(4, 4, 1, new[] { LayerSpec.Conv2D(1, 3, 3, 2, 2, Padding.Same, useBias: false) });
            Assert.Equal(new float[] { 6, 8, 14, 16 }, Run(even, centre, Ramp(16)));
        }

        [Fact]
        public void StrideThreeValid()
        {
            // 7x7, 1x1 kernel of weight 2, stride 3, valid: out floor((7 - 1) / 3) + 1 = 3 -> 2 * x[3i, 3j].
            var spec = new NetworkSpec(7, 7, 1, new[] { LayerSpec.Conv2D(1, 1, 1, 3, 3, useBias: false) });
            float[] y = Run(spec, new float[] { 2 }, Ramp(49));
            Assert.Equal(new float[] { 2, 8, 14, 44, 50, 56, 86, 92, 98 }, y);
        }

        [Fact]
        public void DilationSpreadsTheTaps()
        {
            // 5x5, 2x2 kernel with dilation 2 (effective 3x3), valid: out 3x3.
            // y[i,j] = 1*x[i,j] + 10*x[i,j+2] + 100*x[i+2,j] + 1000*x[i+2,j+2]; y[0,0] = 1 + 30 + 1100 + 13000.
            var spec = new NetworkSpec(5, 5, 1, new[] { LayerSpec.Conv2D(1, 2, 2, dilationHeight: 2, dilationWidth: 2, useBias: false) });
            float[] y = Run(spec, new float[] { 1, 10, 100, 1000 }, Ramp(25));
            Assert.Equal(9, y.Length);
            Assert.Equal(14131, y[0]);
            Assert.Equal(2 + 40 + 1200 + 14000, y[1]);
            Assert.Equal(13 + 150 + 2300 + 25000, y[8]);
        }

        [Fact]
        public void DilatedSamePadding()
        {
            // 3x3 input, 2x2 kernel, dilation 2 (effective 3), same: total pad 2 -> 1 each side.
            // Kernel taps at offsets (-1,-1), (-1,+1), (+1,-1), (+1,+1) from each output cell; weights 1, 10, 100, 1000.
            var spec = new NetworkSpec(3, 3, 1, new[] { LayerSpec.Conv2D(1, 2, 2, padding: Padding.Same, dilationHeight: 2, dilationWidth: 2, useBias: false) });
            float[] y = Run(spec, new float[] { 1, 10, 100, 1000 }, Ramp(9));
            Assert.Equal(1000 * 5, y[0]);                   // (0,0): only (+1,+1) = x[1,1] = 5
            Assert.Equal(1 + 10 * 3 + 100 * 7 + 1000 * 9, y[4]); // (1,1): all four corners
            Assert.Equal(1 * 5, y[8]);                      // (2,2): only (-1,-1) = x[1,1]
        }

        [Fact]
        public void KernelLayoutIsHeightWidthInOut()
        {
            // 1x1x2 input [1, 2], 1x1 kernel [in=2, out=3] flattened i*3 + o, bias [0.5, 0, -1].
            var spec = new NetworkSpec(1, 1, 2, new[] { LayerSpec.Conv2D(3, 1, 1) });
            float[] y = Run(spec, new float[] { 1, 2, 3, 4, 5, 6, 0.5f, 0, -1 }, new float[] { 1, 2 });
            Assert.Equal(new float[] { 1 * 1 + 2 * 4 + 0.5f, 1 * 2 + 2 * 5, 1 * 3 + 2 * 6 - 1 }, y);
        }

        [Fact]
        public void AveragePoolingCountsOnlyInBoundsCells()
        {
            // 3x3 input 1..9, pool 2, stride 2, same: out 2x2, total pad 1 -> bottom/right.
            var spec = new NetworkSpec(3, 3, 1, new[] { LayerSpec.AvgPool2D(2, 2, padding: Padding.Same) });
            Assert.Equal(new float[] { (1 + 2 + 4 + 5) / 4f, (3 + 6) / 2f, (7 + 8) / 2f, 9 }, Run(spec, Array.Empty<float>(), Ramp(9)));
        }

        [Fact]
        public void MaxPoolingNeverPicksPadding()
        {
            // All-negative input: a padded zero would win if padding were a candidate.
            var spec = new NetworkSpec(3, 3, 1, new[] { LayerSpec.MaxPool2D(2, 2, padding: Padding.Same) });
            float[] input = Ramp(9).Select(v => -v).ToArray();
            Assert.Equal(new float[] { -1, -3, -7, -9 }, Run(spec, Array.Empty<float>(), input));
        }

        [Fact]
        public void MaxPoolingValidPerChannelWithOverlappingStride()
        {
            // 3x3x2 input: channel 0 = 1..9, channel 1 = 9..1; pool 2, stride 1, valid: out 2x2x2.
            float[] input = new float[18];
            for (int i = 0; i < 9; i++)
            {
                input[i * 2] = i + 1;
                input[i * 2 + 1] = 9 - i;
            }

            var spec = new NetworkSpec(3, 3, 2, new[] { LayerSpec.MaxPool2D(2, 2, 1, 1) });
            Assert.Equal(new float[] { 5, 9, 6, 8, 8, 6, 9, 5 }, Run(spec, Array.Empty<float>(), input));
        }

        [Fact]
        public void AveragePoolingRectangularWindowAndStride()
        {
            // 2x4 input 1..8, pool 1x2, stride (1, 2), valid: pairs along rows.
            var spec = new NetworkSpec(2, 4, 1, new[] { LayerSpec.AvgPool2D(1, 2, 1, 2) });
            Assert.Equal(new float[] { 1.5f, 3.5f, 5.5f, 7.5f }, Run(spec, Array.Empty<float>(), Ramp(8)));
        }

        [Fact]
        public void FlattenKeepsHeightWidthChannelOrderAndDenseUsesInOutKernel()
        {
            // 1x2x2 input [[a0,a1],[b0,b1]] = [1, 2, 3, 4] flattens to [1, 2, 3, 4] (H, W, C order).
            // Dense 2: kernel [4, 2] flattened i*2 + o; bias [1, -1].
            var spec = new NetworkSpec(1, 2, 2, new[] { LayerSpec.Flatten(), LayerSpec.Dense(2) });
            float[] kernel = { 1, 0, 0, 1, 1, 0, 0, 1 };
            float[] y = Run(spec, kernel.Concat(new float[] { 1, -1 }).ToArray(), new float[] { 1, 2, 3, 4 });
            Assert.Equal(new float[] { 1 + 3 + 1, 2 + 4 - 1 }, y);
        }

        [Fact]
        public void DenseMatchesAWorkedExample()
        {
            // x = [1, 2, 3], kernel [[1, 2], [3, 4], [5, 6]], bias [1, -1] -> [1 + 6 + 15 + 1, 2 + 8 + 18 - 1].
            var spec = new NetworkSpec(1, 1, 3, new[] { LayerSpec.Flatten(), LayerSpec.Dense(2) });
            Assert.Equal(new float[] { 23, 27 }, Run(spec, new float[] { 1, 2, 3, 4, 5, 6, 1, -1 }, new float[] { 1, 2, 3 }));
        }

        [Theory]
        [InlineData(Activation.Linear, -2f, -2f)]
        [InlineData(Activation.ReLU, -2f, 0f)]
        [InlineData(Activation.ReLU, 3f, 3f)]
        [InlineData(Activation.Sigmoid, 0f, 0.5f)]
        [InlineData(Activation.Sigmoid, 2f, 0.880797077f)] // 1 / (1 + e^-2)
        [InlineData(Activation.Tanh, 1f, 0.761594156f)]
        [InlineData(Activation.LeakyReLU, -2f, -0.6f)]      // Keras LeakyReLU layer default slope 0.3
        [InlineData(Activation.LeakyReLU, 2f, 2f)]
        public void ElementwiseActivations(Activation activation, float x, float expected)
        {
            var spec = new NetworkSpec(1, 1, 1, new[] { LayerSpec.ActivationLayer(activation) });
            Assert.Equal(expected, Run(spec, Array.Empty<float>(), new[] { x })[0], 6);
        }

        [Fact]
        public void LeakyReLUTakesItsSlope()
        {
            var spec = new NetworkSpec(1, 1, 2, new[] { LayerSpec.ActivationLayer(Activation.LeakyReLU, 0.1f) });
            float[] y = Run(spec, Array.Empty<float>(), new[] { -2f, 5f });
            Assert.Equal(-0.2f, y[0], 6);
            Assert.Equal(5f, y[1]);
        }

        [Fact]
        public void SoftmaxRunsOverTheChannelsOfEachPixel()
        {
            // Two pixels of three channels; softmax([1, 2, 3]) = [0.0900306, 0.2447285, 0.6652410]; softmax([0, 0, 0]) = 1/3 each.
            var spec = new NetworkSpec(1, 2, 3, new[] { LayerSpec.ActivationLayer(Activation.Softmax) });
            float[] y = Run(spec, Array.Empty<float>(), new float[] { 1, 2, 3, 0, 0, 0 });
            Assert.Equal(0.0900306, y[0], 1e-6);
            Assert.Equal(0.2447285, y[1], 1e-6);
            Assert.Equal(0.6652410, y[2], 1e-6);
            Assert.All(y.Skip(3), v => Assert.Equal(1.0 / 3, v, 1e-6));
        }

        [Fact]
        public void ConvActivationIsAppliedAfterTheBias()
        {
            // 1x1 conv weight 1, bias -5, ReLU: x = 3 -> relu(-2) = 0; x = 7 -> 2.
            var spec = new NetworkSpec(1, 2, 1, new[] { LayerSpec.Conv2D(1, 1, 1, activation: Activation.ReLU) });
            Assert.Equal(new float[] { 0, 2 }, Run(spec, new float[] { 1, -5 }, new float[] { 3, 7 }));
        }

        [Fact]
        public void WrongSizesThrowWithExpectedAndActual()
        {
            var spec = new NetworkSpec(4, 4, 1, new[] { LayerSpec.Conv2D(2, 3, 3) });
            Assert.Contains("20", Assert.Throws<ArgumentException>(() => new ReferenceInterpreter(spec, new float[5])).Message);
            var interpreter = new ReferenceInterpreter(spec, new float[20]);
            string message = Assert.Throws<ArgumentException>(() => interpreter.Run(new float[15])).Message;
            Assert.Contains("16", message);
            Assert.Contains("15", message);
            Assert.Throws<InvalidNetworkException>(() => new ReferenceInterpreter(new NetworkSpec(2, 2, 1, new[] { LayerSpec.Conv2D(1, 3, 3) }), Array.Empty<float>()));
        }
    }
}
