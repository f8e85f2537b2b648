using ConvGen;

namespace SeedNetSample;

/// <summary>
/// The CNN primer's example: Keras <c>Conv2D(filters=16, kernel_size=(3,3), strides=1, padding='same')</c> on a
/// [1, 28, 28, 3] input, ReLU, then <c>MaxPooling2D(pool_size=(2,2), strides=2, padding='valid')</c>.
/// </summary>
[ConvNet(28, 28, 3)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
public partial class SeedNet
{
}
