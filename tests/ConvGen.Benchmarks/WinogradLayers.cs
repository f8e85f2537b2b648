namespace ConvGen.Benchmarks.WinogradLayers
{
    /// <summary>N3's first 3x3 layer after the stem.</summary>
    [ConvNet(32, 32, 32)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L32x32x32To32
    {
    }

    /// <summary>N3's third convolution.</summary>
    [ConvNet(16, 16, 32)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L16x16x32To64
    {
    }

    /// <summary>N3's fourth convolution.</summary>
    [ConvNet(16, 16, 64)]
    [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L16x16x64To64
    {
    }

    /// <summary>A deeper VGG stage.</summary>
    [ConvNet(8, 8, 128)]
    [Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    public partial class L8x8x128To128
    {
    }
}
