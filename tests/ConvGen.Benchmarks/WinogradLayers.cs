namespace ConvGen.Benchmarks.WinogradLayers
{
    /// <summary>N3's first 3x3 layer after the stem.</summary>
    [ConvNet(32, 32, 32, Winograd = false)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L32x32x32To32
    {
    }

    /// <summary>N3's third convolution.</summary>
    [ConvNet(16, 16, 32, Winograd = false)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L16x16x32To64
    {
    }

    /// <summary>N3's fourth convolution.</summary>
    [ConvNet(16, 16, 64, Winograd = false)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L16x16x64To64
    {
    }

    /// <summary>A deeper VGG stage.</summary>
    [ConvNet(8, 8, 128, Winograd = false)]
    [Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L8x8x128To128
    {
    }

    /// <summary>A wide, thin early layer.</summary>
    [ConvNet(32, 32, 16, Winograd = false)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L32x32x16To16
    {
    }

    /// <summary>Few channels on a small image.</summary>
    [ConvNet(16, 16, 16, Winograd = false)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L16x16x16To32
    {
    }

    /// <summary>A small image with a middle width (4 tiles of 4x4).</summary>
    [ConvNet(8, 8, 64, Winograd = false)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L8x8x64To64
    {
    }

    /// <summary>The deepest stage of a 32x32 network (one 4x4 tile).</summary>
    [ConvNet(4, 4, 256, Winograd = false)]
    [Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L4x4x256To256
    {
    }

    /// <summary>ResNet's first stage at 224x224 input.</summary>
    [ConvNet(56, 56, 64, Winograd = false)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L56x56x64To64
    {
    }
}
