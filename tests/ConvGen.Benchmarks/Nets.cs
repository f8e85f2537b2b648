using ConvGen;

// The benchmark networks (issue 5), declared exactly as a user would. NHWC, batch 1.
// N4 (MobileNet block) and N5 (stem) need DepthwiseConv2D and BatchNormalization: see the TODO list in docs/benchmarks.md.
namespace ConvGen.Benchmarks.Nets
{
    /// <summary>N1, the CNN primer's net: 28x28x3, Conv2D 16 3x3 same ReLU, MaxPool 2.</summary>
    [ConvNet(28, 28, 3)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class N1Primer
    {
    }

    /// <summary>N2, LeNet-5: 28x28x1, Conv 6 5x5 same ReLU, AvgPool 2, Conv 16 5x5 valid ReLU, AvgPool 2, Flatten, Dense 120/84 ReLU, Dense 10 Softmax.</summary>
    [ConvNet(28, 28, 1)]
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
}
