using ConvGen;

namespace Mnist;

/// <summary>
/// LeNet-5 as benchmarked (tests/ConvGen.Benchmarks, N2) and shipped with samples/AotInference (same declaration, same
/// weights file layout, so a trained lenet5.safetensors can be dropped in there): 28x28 grey image -> 10 class
/// probabilities, 61,706 parameters.
/// </summary>
[ConvNet(28, 28, 1, Training = true)]
[Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)] // conv2d   -> [28, 28, 6]
[AvgPool2D(2)]                                                       //          -> [14, 14, 6]
[Conv2D(16, 5, Activation = Activation.ReLU)]                        // conv2d_1 -> [10, 10, 16]
[AvgPool2D(2)]                                                       //          -> [5, 5, 16]
[Flatten]                                                            //          -> [400]
[Dense(120, Activation = Activation.ReLU)]                           // dense
[Dense(84, Activation = Activation.ReLU)]                            // dense_1
[Dense(10, Activation = Activation.Softmax)]                         // dense_2
public partial class LeNet5
{
}
