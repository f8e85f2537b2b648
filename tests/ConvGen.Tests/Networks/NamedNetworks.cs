using ConvGen;

namespace ConvGen.Tests.Networks
{
    /// <summary>
    /// MobileNetV1-style at 96x96x3: stem conv/2 + BN + ReLU6, three depthwise-separable blocks
    /// (depthwise 3x3 + BN + ReLU6, pointwise 1x1 + BN + ReLU6; the last two with stride 2), global average pool, dense softmax.
    /// Every BatchNormalization follows a linear convolution, so the generated code folds all of them.
    /// </summary>
    [ConvNet(96, 96, 3)]
    [Conv2D(16, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(32, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [DepthwiseConv2D(3, Stride = 2, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(64, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [DepthwiseConv2D(3, Stride = 2, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [Conv2D(128, 1, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU6)]
    [GlobalAveragePooling2D]
    [Dropout(0.001f)]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class MobileNetStyle { }

    /// <summary>
    /// ResNet-style at 32x32x3: stem conv-BN-ReLU; block 1 conv-BN-ReLU-conv-BN + identity Add + ReLU; block 2 the same
    /// with stride 2 and a 1x1/2 projection shortcut (conv + BN) on the skip path; global average pool, dense softmax.
    /// </summary>
    [ConvNet(32, 32, 3)]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU, Name = "stem")]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization(Name = "block1_residual")]
    [Add("stem", "block1_residual")]
    [Activation(Activation.ReLU, Name = "block1")]
    [Conv2D(32, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization(Name = "block2_residual")]
    [Conv2D(32, 1, Stride = 2, UseBias = false, Input = "block1", Name = "block2_projection")]
    [BatchNormalization(Name = "block2_shortcut")]
    [Add("block2_residual", "block2_shortcut")]
    [Activation(Activation.ReLU)]
    [GlobalAveragePooling2D]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class ResNetStyle { }

    /// <summary>
    /// A small U-Net at 64x64x1: two down steps (two 3x3 convs, then MaxPool), a bottleneck, two up steps (one with
    /// Conv2DTranspose, one with bilinear UpSampling2D) each concatenated with the encoder output of the same size,
    /// and a 1x1 sigmoid head giving a 64x64x1 mask.
    /// </summary>
    [ConvNet(64, 64, 1)]
    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "encoder1")]
    [MaxPool2D(2)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "encoder2")]
    [MaxPool2D(2)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2DTranspose(16, 2, Stride = 2, Padding = Padding.Same, Name = "up2")]
    [Concatenate("up2", "encoder2")]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [UpSampling2D(2, Interpolation = Interpolation.Bilinear, Name = "up1")]
    [Concatenate("up1", "encoder1")]
    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(1, 1, Activation = Activation.Sigmoid)]
    public partial class SmallUNet { }
}
