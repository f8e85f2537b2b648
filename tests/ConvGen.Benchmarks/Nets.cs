using ConvGen;

// The benchmark networks (issue 5), declared exactly as a user would. NHWC, batch 1.
namespace ConvGen.Benchmarks.Nets
{
    /// <summary>N1, the CNN primer's net: 28x28x3, Conv2D 16 3x3 same ReLU, MaxPool 2.</summary>
    [ConvNet(28, 28, 3)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class N1Primer
    {
    }

    /// <summary>N2, LeNet-5: 28x28x1, Conv 6 5x5 same ReLU, AvgPool 2, Conv 16 5x5 valid ReLU, AvgPool 2, Flatten, Dense 120/84 ReLU, Dense 10 Softmax (also trained: TrainingBenchmarks).</summary>
    [ConvNet(28, 28, 1, Training = true)]
    [Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
    [AvgPool2D(2)]
    [Conv2D(16, 5, Activation = Activation.ReLU)]
    [AvgPool2D(2)]
    [Flatten]
    [Dense(120, Activation = Activation.ReLU)]
    [Dense(84, Activation = Activation.ReLU)]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class N2LeNet5
    {
    }

    /// <summary>N3, a small VGG: 32x32x3, Conv 32 3x3 same ReLU x2, MaxPool 2, Conv 64 3x3 same ReLU x2, MaxPool 2, Flatten, Dense 128 ReLU, Dense 10 Softmax.</summary>
    [ConvNet(32, 32, 3)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    [Flatten]
    [Dense(128, Activation = Activation.ReLU)]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class N3SmallVgg
    {
    }

    /// <summary>
    /// N4, a MobileNet block: 56x56x64, DepthwiseConv 3x3 same + BN + ReLU6, Conv 128 1x1 + BN + ReLU6. The convolutions have
    /// no bias, as in Keras' MobileNet (the batch norm's beta is the bias).
    /// </summary>
    [ConvNet(56, 56, 64)]
    [DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(128, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    public partial class N4MobileNetBlock
    {
    }

    /// <summary>N5, a stem: 224x224x3, Conv 32 3x3 stride 2 same + BN + ReLU (no conv bias, as in Keras' MobileNet).</summary>
    [ConvNet(224, 224, 3)]
    [Conv2D(32, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    public partial class N5Stem
    {
    }
}
