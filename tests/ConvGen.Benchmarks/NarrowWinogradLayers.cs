namespace ConvGen.Benchmarks.NarrowWinogradLayers
{
    /// <summary>N1, the CNN primer's net: Conv2D 16 3x3 same ReLU + MaxPool2D 2 on a 28x28 RGB image.</summary>
    [ConvNet(28, 28, 3, Winograd = false)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class L28x28x3To16Pool
    {
    }

    /// <summary>A CIFAR-sized RGB stem.</summary>
    [ConvNet(32, 32, 3, Winograd = false)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L32x32x3To32
    {
    }

    /// <summary>A larger RGB image with the pool after the first convolution.</summary>
    [ConvNet(64, 64, 3, Winograd = false)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class L64x64x3To16Pool
    {
    }

    /// <summary>A grey MNIST-sized image (one input channel).</summary>
    [ConvNet(28, 28, 2, Winograd = false)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class L28x28x2To16Pool
    {
    }

    [ConvNet(28, 28, 4, Winograd = false)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class L28x28x4To16Pool
    {
    }

    [ConvNet(28, 28, 1, Winograd = false)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L28x28x1To16
    {
    }

    /// <summary>An ImageNet-sized RGB stem at stride 1.</summary>
    [ConvNet(224, 224, 3, Winograd = false)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L224x224x3To32
    {
    }
}
