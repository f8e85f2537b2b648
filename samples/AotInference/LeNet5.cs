using ConvGen;

namespace AotInference;

/// <summary>
/// LeNet-5 for MNIST: 28x28 grey image -> 10 class probabilities, 61,706 parameters; the weights are read from
/// lenet5.safetensors beside the executable. The same declaration as samples/Mnist (which trains it and writes
/// lenet5-mnist.safetensors, shipped here as lenet5.safetensors) and as the N2 benchmark, so a trained file can be dropped in here.
/// </summary>
[ConvNet(28, 28, 1)]
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
