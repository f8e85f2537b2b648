using ConvGen;

// Common blocks beyond N1-N5, for `--survey`: ConvGen against ONNX Runtime on layer kinds and shapes the five nets
// do not cover (residual adds, 1x1-heavy bottlenecks, deep depthwise blocks, 5x5 and dilated kernels, a transposed
// convolution, a classifier head). Sizes keep one inference under a few milliseconds.
namespace ConvGen.Benchmarks.Nets
{
    /// <summary>S1, a VGG stem: 112x112x3, Conv 32 3x3 same ReLU x2, MaxPool 2.</summary>
    [ConvNet(112, 112, 3)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class S1VggStem
    {
    }

    /// <summary>S2, a ResNet basic block: 28x28x64, Conv 64 3x3 + BN + ReLU, Conv 64 3x3 + BN, Add the input, ReLU.</summary>
    [ConvNet(28, 28, 64)]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization(Name = "residual")]
    [Add("input", "residual")]
    [Activation(Activation.ReLU)]
    public partial class S2ResNetBasic
    {
    }

    /// <summary>S3, a ResNet bottleneck: 14x14x256, Conv 64 1x1 + BN + ReLU, Conv 64 3x3 + BN + ReLU, Conv 256 1x1 + BN, Add the input, ReLU.</summary>
    [ConvNet(14, 14, 256)]
    [Conv2D(64, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    [Conv2D(256, 1, UseBias = false)]
    [BatchNormalization(Name = "residual")]
    [Add("input", "residual")]
    [Activation(Activation.ReLU)]
    public partial class S3Bottleneck
    {
    }

    /// <summary>S4, a deep MobileNet block: 14x14x256, DepthwiseConv 3x3 + BN + ReLU6, Conv 256 1x1 + BN + ReLU6.</summary>
    [ConvNet(14, 14, 256)]
    [DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(256, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    public partial class S4MobileNetDeep
    {
    }

    /// <summary>S5, a strided MobileNet block: 56x56x64, DepthwiseConv 3x3 stride 2 + BN + ReLU6, Conv 128 1x1 + BN + ReLU6.</summary>
    [ConvNet(56, 56, 64)]
    [DepthwiseConv2D(3, Stride = 2, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(128, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    public partial class S5MobileNetStrided
    {
    }

    /// <summary>S6, a 5x5 convolution: 32x32x16, Conv 32 5x5 same ReLU.</summary>
    [ConvNet(32, 32, 16)]
    [Conv2D(32, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class S6Conv5x5
    {
    }

    /// <summary>S7, a classifier head: 7x7x512, GlobalAveragePooling, Dense 1000 Softmax.</summary>
    [ConvNet(7, 7, 512)]
    [GlobalAveragePooling2D]
    [Dense(1000, Activation = Activation.Softmax)]
    public partial class S7Head
    {
    }

    /// <summary>S8, a decoder step: 16x16x64, Conv2DTranspose 32 3x3 stride 2 same ReLU, Conv 32 3x3 same ReLU.</summary>
    [ConvNet(16, 16, 64)]
    [Conv2DTranspose(32, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class S8Decoder
    {
    }

    /// <summary>S9, a dilated convolution: 32x32x32, Conv 32 3x3 dilation 2 same ReLU.</summary>
    [ConvNet(32, 32, 32)]
    [Conv2D(32, 3, Padding = Padding.Same, Dilation = 2, Activation = Activation.ReLU)]
    public partial class S9Dilated
    {
    }

    /// <summary>S10, a separable convolution: 28x28x64, SeparableConv 128 3x3 same ReLU.</summary>
    [ConvNet(28, 28, 64)]
    [SeparableConv2D(128, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class S10Separable
    {
    }

    /// <summary>S11, an EfficientNet-style inverted residual (MBConv without squeeze-excite): 28x28x40, Conv 240 1x1 + BN + Swish, DepthwiseConv 3x3 + BN + Swish, Conv 40 1x1 + BN, Add the input.</summary>
    [ConvNet(28, 28, 40)]
    [Conv2D(240, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.Swish)]
    [DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.Swish)]
    [Conv2D(40, 1, UseBias = false)]
    [BatchNormalization(Name = "residual")]
    [Add("input", "residual")]
    public partial class S11MBConvSwish
    {
    }

    /// <summary>S12, a 5x5 depthwise block (MobileNetV3 / EfficientNet stages use 5x5 depthwise kernels): 28x28x240, DepthwiseConv 5x5 same + BN + ReLU6, Conv 80 1x1 + BN.</summary>
    [ConvNet(28, 28, 240)]
    [DepthwiseConv2D(5, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(80, 1, UseBias = false)]
    [BatchNormalization]
    public partial class S12Depthwise5x5
    {
    }
}
