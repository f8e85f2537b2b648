using System.Collections.Generic;
using Xunit.Abstractions;
using static ConvGen.LayerSpec;

namespace ConvGen.OnnxTests
{
    /// <summary>
    /// Hand-picked networks where a wrong reading of TensorFlow's rules would show: the CNN primer's seed net, even kernels
    /// with same padding (extra pad bottom/right), stride 3, dilation 2 with same, average pooling over padded borders,
    /// bilinear upsampling, transposed convolutions with stride 2 (odd kernels, both paddings, kernel smaller than stride),
    /// depthwise multiplier 2, groups 2, softmax over the channels of a spatial tensor, Flatten's H, W, C order into Dense;
    /// and layers the generator runs as Winograd (F(4x4, 3x3), F(2x2, 5x5), dilated F(2x2, 5x5)), which must agree with
    /// ONNX Runtime's direct convolutions as the direct kernel does.
    /// </summary>
    public class TrickyNetworksMatchOnnxRuntimeTests
    {
        private readonly ITestOutputHelper _output;

        public TrickyNetworksMatchOnnxRuntimeTests(ITestOutputHelper output) => _output = output;

        private static NetworkSpec Net(int h, int w, int c, params LayerSpec[] layers) => new(h, w, c, layers);

        public static List<(string Name, NetworkSpec Spec)> Networks() => new()
        {
            ("PrimerSeedNet", Net(28, 28, 3, Conv2D(16, 3, 3, padding: Padding.Same, activation: Activation.ReLU), MaxPool2D(2, 2))),
            ("EvenKernelSame", Net(7, 8, 3, Conv2D(4, 2, 4, padding: Padding.Same))),
            ("EvenKernelSameStride2", Net(9, 6, 2, Conv2D(3, 4, 4, 2, 2, Padding.Same))),
            ("Stride3Same", Net(10, 11, 2, Conv2D(3, 3, 3, 3, 3, Padding.Same))),
            ("Stride3Valid", Net(10, 11, 2, Conv2D(3, 2, 2, 3, 3, Padding.Valid))),
            ("Dilation2Same", Net(9, 9, 2, Conv2D(3, 3, 3, padding: Padding.Same, dilationHeight: 2, dilationWidth: 2))),
            ("EvenKernelDilation2Same", Net(7, 6, 2, Conv2D(2, 2, 4, 2, 1, Padding.Same, 2, 2))),
            ("AvgPoolBordersSame", Net(5, 7, 3, AvgPool2D(3, 3, 2, 2, Padding.Same))),
            ("AvgPoolEvenSameStride1", Net(4, 5, 2, AvgPool2D(2, 2, 1, 1, Padding.Same))),
            ("MaxPoolBordersSame", Net(5, 7, 3, Conv2D(3, 1, 1, activation: Activation.Tanh), ActivationLayer(Activation.LeakyReLU), MaxPool2D(3, 3, 2, 2, Padding.Same))),
            ("Bilinear2x", Net(3, 4, 2, UpSampling2D(2, 2, Interpolation.Bilinear))),
            ("Bilinear3x2", Net(3, 5, 2, UpSampling2D(3, 2, Interpolation.Bilinear))),
            ("Nearest2x3", Net(3, 4, 2, UpSampling2D(2, 3))),
            ("TransposeStride2Same3", Net(4, 5, 3, Conv2DTranspose(2, 3, 3, 2, 2, Padding.Same))),
            ("TransposeStride2Valid3", Net(4, 5, 3, Conv2DTranspose(2, 3, 3, 2, 2, Padding.Valid))),
            ("TransposeStride2Same5", Net(3, 3, 2, Conv2DTranspose(3, 5, 5, 2, 2, Padding.Same))),
            ("TransposeStride2Valid1", Net(3, 4, 2, Conv2DTranspose(2, 1, 1, 2, 2, Padding.Valid))),
            ("TransposeStride2Same1", Net(3, 4, 2, Conv2DTranspose(2, 1, 1, 2, 2, Padding.Same))),
            ("TransposeStride2Same4x3", Net(3, 4, 2, Conv2DTranspose(2, 4, 3, 2, 2, Padding.Same, activation: Activation.ReLU))),
            ("DepthwiseMultiplier2", Net(6, 6, 3, DepthwiseConv2D(3, 3, 2, padding: Padding.Same))),
            ("DepthwiseMultiplier2Stride2", Net(7, 7, 2, DepthwiseConv2D(3, 3, 2, 2, 2, Padding.Same, activation: Activation.ReLU6))),
            ("SeparableMultiplier2", Net(6, 7, 3, SeparableConv2D(4, 3, 3, 2, 2, 2, Padding.Same, activation: Activation.HardSwish))),
            ("Groups2", Net(6, 6, 4, Conv2D(6, 3, 3, groups: 2))),
            ("Groups2Same", Net(5, 6, 4, Conv2D(4, 2, 2, padding: Padding.Same, groups: 2, activation: Activation.ELU, negativeSlope: 0.7f))),
            ("SpatialSoftmax", Net(4, 4, 5, Conv2D(5, 1, 1, activation: Activation.Softmax))),
            ("SpatialSoftmaxLayer", Net(3, 5, 4, ActivationLayer(Activation.Softmax))),
            ("FlattenThreeChannelsDense", Net(5, 6, 2, Conv2D(3, 3, 3), Flatten(), Dense(7, activation: Activation.Softmax))),
            // Zeros padded by ZeroPadding2D are real values to the pool (unlike a pool's own padding).
            ("ZeroPaddingThenMaxPool", Net(4, 5, 2, ZeroPadding2D(1, 2, 2, 1), MaxPool2D(2, 2))),
            ("ZeroPaddingThenAvgPool", Net(4, 5, 2, ZeroPadding2D(1, 0, 2, 1), AvgPool2D(3, 3, 1, 1, Padding.Same))),
            ("ZeroPaddingAsymmetric", Net(3, 4, 2, ZeroPadding2D(1, 2, 0, 3), Conv2D(2, 3, 3))),
            ("CroppingAsymmetricAfterTransposedConv", Net(3, 4, 2, Conv2DTranspose(3, 3, 3, 2, 2), Cropping2D(1, 2, 0, 3), Conv2D(2, 2, 2))),
            ("CroppingToOnePixelThenDense", Net(4, 5, 3, Cropping2D(3, 0, 2, 2), Flatten(), Dense(2))),
            ("BatchNormSpatialAndFlat", Net(4, 4, 3, BatchNormalization(0.1f), ActivationLayer(Activation.HardSigmoid), GlobalAveragePooling2D(), Dense(4), BatchNormalization())),
            ("GlobalMaxGelu", Net(5, 3, 4, Conv2D(6, 3, 3, padding: Padding.Same, activation: Activation.GELUErf), GlobalMaxPooling2D(), Dense(3, activation: Activation.GELUTanh))),
            ("WinogradF4x4Same", Net(9, 10, 16, Conv2D(24, 3, 3, padding: Padding.Same, activation: Activation.ReLU6))),
            ("WinogradF2x2Of5x5Same", Net(12, 10, 16, Conv2D(32, 5, 5, padding: Padding.Same, activation: Activation.ReLU))),
            ("WinogradF2x2Of5x5ValidDilated", Net(18, 17, 20, Conv2D(33, 5, 5, dilationHeight: 2, dilationWidth: 2), BatchNormalization())),
            ("ResidualConcat", Net(6, 6, 3,
                Conv2D(3, 3, 3, padding: Padding.Same, activation: Activation.Swish) with { Name = "a" },
                Add("input", "a"),
                Conv2D(2, 1, 1) with { Name = "b", Inputs = new[] { "input" } },
                Concatenate("b", "add", "b"),
                Dropout(0.5f))),
        };

        [Fact]
        public void TrickyNetworksMatchOnnxRuntime()
        {
            (Agreement ort, Agreement generated) = OnnxCrossCheck.Run(Networks(), 9000);
            _output.WriteLine($"ONNX Runtime vs interpreter: {ort}");
            _output.WriteLine($"generated vs ONNX Runtime: {generated}");
        }
    }
}
