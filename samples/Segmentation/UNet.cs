using ConvGen;

namespace SegmentationSample
{
    /// <summary>
    /// A small U-Net for 64x64 RGB to per-pixel scores of 5 classes: three Conv2D + BatchNormalization + ReLU blocks on
    /// the way down (64, 32, 16 pixels; MaxPool2D between), nearest UpSampling2D on the way up, each joined to the encoder
    /// block of the same size by Concatenate, and a 1x1 Conv2D with 5 filters and Softmax.
    /// </summary>
    [ConvNet(64, 64, 3, Training = true)]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "enc1_conv")]
    [BatchNormalization(Name = "enc1_bn")]
    [Activation(Activation.ReLU, Name = "enc1")]
    [MaxPool2D(2, Name = "pool1")]
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "enc2_conv")]
    [BatchNormalization(Name = "enc2_bn")]
    [Activation(Activation.ReLU, Name = "enc2")]
    [MaxPool2D(2, Name = "pool2")]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "bottleneck_conv")]
    [BatchNormalization(Name = "bottleneck_bn")]
    [Activation(Activation.ReLU, Name = "bottleneck")]
    [UpSampling2D(2, Name = "up2")]
    [Concatenate("up2", "enc2", Name = "skip2")]
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "dec2_conv")]
    [BatchNormalization(Name = "dec2_bn")]
    [Activation(Activation.ReLU, Name = "dec2")]
    [UpSampling2D(2, Name = "up1")]
    [Concatenate("up1", "enc1", Name = "skip1")]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "dec1_conv")]
    [BatchNormalization(Name = "dec1_bn")]
    [Activation(Activation.ReLU, Name = "dec1")]
    [Conv2D(5, 1, Activation = Activation.Softmax, Name = "classes")]
    public partial class UNet { }
}
