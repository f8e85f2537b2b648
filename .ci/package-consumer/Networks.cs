using ConvGen;

namespace Consumer;

/// <summary>Small enough to work out by hand (see Program.cs): 3x3 input, one 2x2 filter, ReLU.</summary>
[ConvNet(3, 3, 1)]
[Conv2D(1, 2, Activation = Activation.ReLU)]
public partial class TinyNet
{
}

/// <summary>A typical small classifier touching every layer family; checked against the packaged reference interpreter.</summary>
[ConvNet(12, 12, 3)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(6, 3, Stride = 2, Activation = Activation.Tanh)]
[AvgPool2D(2, Padding = Padding.Same)]
[Flatten]
[Dense(5, Activation = Activation.Softmax)]
public partial class ClassifierNet
{
}
