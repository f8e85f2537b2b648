using ConvGen;

namespace ConvGen.Tests.Vision
{
    /// <summary>Smallest networks with the samples' input and output shapes, to evaluate generated code on random weights.</summary>
    [ConvNet(64, 64, 3)]
    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(5, 1, Activation = Activation.Softmax)]
    public partial class TinySegmenter { }

    /// <summary>64x64x3 to an [8, 8, 8] detection head (one anchor, 3 classes).</summary>
    [ConvNet(64, 64, 3)]
    [Conv2D(8, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    [MaxPool2D(8)]
    [Conv2D(8, 1)]
    public partial class TinyDetector { }
}
