using ConvGen;

namespace SegmentationSample
{
    /// <summary>
    /// A U-Net for 64x64 RGB to per-pixel probabilities of 5 classes. Encoder: five levels (64, 32, 16, 8 and 4 pixels)
    /// with 8, 16, 32, 64 and 128 filters, each two 3x3 Conv2D + BatchNormalization + ReLU, MaxPool2D 2x2 between levels;
    /// decoder: a 2x2 stride-2 Conv2DTranspose halves the channels, Concatenate joins the encoder block of the same size,
    /// then one 3x3 Conv2D + BatchNormalization + ReLU; a 1x1 Conv2D with 5 filters and Softmax. Narrow at full
    /// resolution (cheap to train) and deep enough that a pixel sees about 140 pixels around it, so the class of a shape
    /// (a ring against a disc, a triangle against a rectangle) is decided from the whole shape, not from its edge.
    /// </summary>
    [ConvNet(64, 64, 3, Training = true)]
    [Conv2D(8, 3, Padding = Padding.Same, UseBias = false, Name = "enc1a_conv")]
    [BatchNormalization(Name = "enc1a_bn")]
    [Activation(Activation.ReLU, Name = "enc1a")]
    [Conv2D(8, 3, Padding = Padding.Same, UseBias = false, Name = "enc1b_conv")]
    [BatchNormalization(Name = "enc1b_bn")]
    [Activation(Activation.ReLU, Name = "enc1")]
    [MaxPool2D(2, Name = "pool1")]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "enc2a_conv")]
    [BatchNormalization(Name = "enc2a_bn")]
    [Activation(Activation.ReLU, Name = "enc2a")]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "enc2b_conv")]
    [BatchNormalization(Name = "enc2b_bn")]
    [Activation(Activation.ReLU, Name = "enc2")]
    [MaxPool2D(2, Name = "pool2")]
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "enc3a_conv")]
    [BatchNormalization(Name = "enc3a_bn")]
    [Activation(Activation.ReLU, Name = "enc3a")]
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "enc3b_conv")]
    [BatchNormalization(Name = "enc3b_bn")]
    [Activation(Activation.ReLU, Name = "enc3")]
    [MaxPool2D(2, Name = "pool3")]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "enc4a_conv")]
    [BatchNormalization(Name = "enc4a_bn")]
    [Activation(Activation.ReLU, Name = "enc4a")]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "enc4b_conv")]
    [BatchNormalization(Name = "enc4b_bn")]
    [Activation(Activation.ReLU, Name = "enc4")]
    [MaxPool2D(2, Name = "pool4")]
    [Conv2D(128, 3, Padding = Padding.Same, UseBias = false, Name = "bottleneck_a_conv")]
    [BatchNormalization(Name = "bottleneck_a_bn")]
    [Activation(Activation.ReLU, Name = "bottleneck_a")]
    [Conv2D(128, 3, Padding = Padding.Same, UseBias = false, Name = "bottleneck_b_conv")]
    [BatchNormalization(Name = "bottleneck_b_bn")]
    [Activation(Activation.ReLU, Name = "bottleneck")]
    [Conv2DTranspose(64, 2, Stride = 2, Name = "up4")]
    [Concatenate("up4", "enc4", Name = "skip4")]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "dec4_conv")]
    [BatchNormalization(Name = "dec4_bn")]
    [Activation(Activation.ReLU, Name = "dec4")]
    [Conv2DTranspose(32, 2, Stride = 2, Name = "up3")]
    [Concatenate("up3", "enc3", Name = "skip3")]
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "dec3_conv")]
    [BatchNormalization(Name = "dec3_bn")]
    [Activation(Activation.ReLU, Name = "dec3")]
    [Conv2DTranspose(16, 2, Stride = 2, Name = "up2")]
    [Concatenate("up2", "enc2", Name = "skip2")]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "dec2_conv")]
    [BatchNormalization(Name = "dec2_bn")]
    [Activation(Activation.ReLU, Name = "dec2")]
    [Conv2DTranspose(8, 2, Stride = 2, Name = "up1")]
    [Concatenate("up1", "enc1", Name = "skip1")]
    [Conv2D(8, 3, Padding = Padding.Same, UseBias = false, Name = "dec1_conv")]
    [BatchNormalization(Name = "dec1_bn")]
    [Activation(Activation.ReLU, Name = "dec1")]
    [Conv2D(5, 1, Activation = Activation.Softmax, Name = "classes")]
    public partial class UNet { }
}
