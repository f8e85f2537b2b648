using ConvGen;

// Networks compiled by the real build (the generator runs as this project's analyzer), so these tests also cover
// the MSBuild integration a user gets.
namespace ConvGen.Tests.Networks
{
    /// <summary>The CNN primer's Keras example: Conv2D(16, 3x3, same) + ReLU, MaxPooling2D(2).</summary>
    [ConvNet(28, 28, 3)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public partial class SeedNet
    {
    }

    /// <summary>LeNet-5 (Keras-style): every layer family of the core issue, ending in softmax.</summary>
    [ConvNet(28, 28, 1)]
    [Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
    [AvgPool2D(2)]
    [Conv2D(16, 5, Activation = Activation.ReLU)]
    [AvgPool2D(2)]
    [Flatten]
    [Dense(120, Activation = Activation.ReLU)]
    [Dense(84, Activation = Activation.ReLU)]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class LeNet5
    {
    }

    /// <summary>Odd sizes, rectangular kernels, strides, dilation, standalone activations and a sigmoid/tanh head.</summary>
    [ConvNet(13, 11, 5)]
    [Conv2D(7, 3, 2, StrideHeight = 2, Dilation = 2, Padding = Padding.Same, Activation = Activation.LeakyReLU, NegativeSlope = 0.1f)]
    [MaxPool2D(3, Stride = 2, Padding = Padding.Same)]
    [Activation(Activation.Tanh)]
    [Conv2D(9, 1, UseBias = false, Activation = Activation.Sigmoid)]
    [Flatten]
    [Dense(5)]
    [Activation(Activation.Softmax)]
    public partial class OddNet
    {
    }
}
