using ConvGen;

// The networks of ConvGen.Tests' SampleNetworks (one per layer family), compiled here under strict settings.
namespace ConvGen.GeneratedCode.Checks
{
    /// <summary>The seed network.</summary>
    [ConvNet(28, 28, 3)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    public sealed partial class SeedNet
    {
    }

    /// <summary>LeNet-5.</summary>
    [ConvNet(32, 32, 1)]
    [Conv2D(6, 5, Activation = Activation.Tanh)]
    [AvgPool2D(2)]
    [Conv2D(16, 5, Activation = Activation.Tanh)]
    [AvgPool2D(2)]
    [Flatten]
    [Dense(120, Activation = Activation.Tanh)]
    [Dense(84, Activation = Activation.Tanh)]
    [Dense(10, Activation = Activation.Softmax)]
    public sealed partial class LeNet5
    {
    }

    /// <summary>Convolution variants.</summary>
    [ConvNet(13, 11, 3)]
    [Conv2D(5, 3)]
    [Conv2D(8, 3, 2, Stride = 2, Padding = Padding.Same, Activation = Activation.LeakyReLU, NegativeSlope = 0.05f)]
    [Conv2D(6, 3, Dilation = 2, Padding = Padding.Same, UseBias = false, Activation = Activation.Sigmoid)]
    [Conv2D(4, 1, StrideHeight = 1, StrideWidth = 2)]
    public sealed partial class Convolutions
    {
    }

    /// <summary>Pooling variants.</summary>
    [ConvNet(9, 10, 6)]
    [MaxPool2D(2)]
    [AvgPool2D(3, Stride = 1, Padding = Padding.Same)]
    [MaxPool2D(3, 2, StrideHeight = 2, StrideWidth = 1, Padding = Padding.Same)]
    [AvgPool2D(2, Stride = 2)]
    public sealed partial class Pools
    {
    }

    /// <summary>A dense head with softmax.</summary>
    [ConvNet(4, 4, 2)]
    [Flatten]
    [Dense(7, Activation = Activation.ReLU)]
    [Dense(5, UseBias = false)]
    [Dense(3, Activation = Activation.Softmax)]
    public sealed partial class DenseSoftmax
    {
    }

    /// <summary>Standalone activation layers.</summary>
    [ConvNet(5, 5, 4)]
    [Activation(Activation.ReLU)]
    [Activation(Activation.Sigmoid)]
    [Activation(Activation.Tanh)]
    [Activation(Activation.LeakyReLU, NegativeSlope = 0.2f)]
    [Activation(Activation.Softmax)]
    public sealed partial class Activations
    {
    }
}

namespace ConvGen.GeneratedCode.Checks.Small
{
    /// <summary>One layer: no scratch buffers.</summary>
    [ConvNet(6, 6, 2)]
    [Conv2D(3, 3)]
    public sealed partial class OneLayer
    {
    }

    /// <summary>One parameter-free layer: neither weights nor scratch.</summary>
    [ConvNet(6, 6, 2)]
    [MaxPool2D(2)]
    public sealed partial class OnePool
    {
    }

    /// <summary>Depthwise, separable and grouped convolutions with batch normalization.</summary>
    [ConvNet(12, 12, 4)]
    [Conv2D(8, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [DepthwiseConv2D(3, DepthMultiplier = 2, Padding = Padding.Same, Activation = Activation.HardSwish)]
    [SeparableConv2D(8, 3, Padding = Padding.Same, Activation = Activation.Swish)]
    [Conv2D(8, 1, Groups = 2, Activation = Activation.ELU)]
    [BatchNormalization(Epsilon = 0.01f)]
    [GlobalAveragePooling2D]
    [Dropout(0.2f)]
    [Dense(3, Activation = Activation.Softmax)]
    public sealed partial class MobileBlocks
    {
    }

    /// <summary>Zero padding, upsampling, transposed convolution, cropping, global max pooling.</summary>
    [ConvNet(6, 6, 2)]
    [ZeroPadding2D(1, 2, 0, 1)]
    [UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
    [Conv2DTranspose(4, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.GELUErf)]
    [UpSampling2D(2, 1)]
    [Cropping2D(1, 0, 2, 1)]
    [Conv2D(3, 3, Activation = Activation.GELUTanh)]
    [GlobalMaxPooling2D]
    public sealed partial class Resampling
    {
    }

    /// <summary>A graph with Add and Concatenate.</summary>
    [ConvNet(8, 8, 3)]
    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
    [Conv2D(8, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization(Name = "bn")]
    [Add("stem", "bn")]
    [Activation(Activation.ReLU, Name = "block")]
    [Conv2D(4, 1, Input = "input", Name = "shortcut")]
    [Concatenate("block", "shortcut")]
    [Conv2D(1, 1, Activation = Activation.Sigmoid)]
    public sealed partial class Graph
    {
    }
}

namespace ConvGen.GeneratedCode.Checks.Training
{
    /// <summary>Every layer kind with a generated Trainer, under strict settings.</summary>
    [ConvNet(12, 12, 4, Training = true)]
    [Conv2D(8, 3, Padding = Padding.Same, Groups = 2, Activation = Activation.ReLU, Name = "stem")]
    [BatchNormalization(Momentum = 0.9f)]
    [DepthwiseConv2D(3, DepthMultiplier = 2, Padding = Padding.Same, Activation = Activation.Swish, Name = "dw")]
    [SeparableConv2D(8, 3, Padding = Padding.Same, Activation = Activation.ELU, Name = "sep")]
    [Add("stem", "sep")]
    [MaxPool2D(2, Name = "down")]
    [AvgPool2D(3, Stride = 1, Padding = Padding.Same)]
    [ZeroPadding2D(1)]
    [UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
    [Conv2DTranspose(4, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.GELUErf, Input = "zero_padding2d")]
    [Concatenate("up_sampling2d", "conv2d_transpose")]
    [Activation(Activation.HardSwish)]
    [Cropping2D(1, 2, 0, 0)]
    [UpSampling2D(1)]
    [Dropout(0.25f)]
    [GlobalAveragePooling2D(Name = "gap")]
    [GlobalMaxPooling2D(Input = "concatenate", Name = "gmp")]
    [Concatenate("gap", "gmp")]
    [Dense(6, Activation = Activation.Softmax, Trainable = false)]
    public sealed partial class EveryKindTrainer
    {
    }

    /// <summary>Winograd F(4x4, 3x3) (with a folded BatchNormalization and ReLU6) and F(2x2, 3x3) layers.</summary>
    [ConvNet(10, 10, 16)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(128, 3, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(128, 3)]
    public sealed partial class WinogradLayers
    {
    }
}
