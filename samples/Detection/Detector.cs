using ConvGen;
using ConvGen.Vision;

namespace DetectionSample
{
    /// <summary>
    /// A one-shot detector for 64x64 RGB: a backbone of Conv2D + BatchNormalization + ReLU blocks with MaxPool2D down to
    /// an 8x8 grid of 8-pixel cells, and a linear 1x1 Conv2D head with 5 + 3 channels per cell (objectness, tx, ty, tw, th,
    /// three class logits) and one 16x16 anchor (see <see cref="HeadLayout"/>).
    /// </summary>
    [ConvNet(64, 64, 3, Training = true)]
    [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "block1_conv")]
    [BatchNormalization(Name = "block1_bn")]
    [Activation(Activation.ReLU, Name = "block1")]
    [MaxPool2D(2, Name = "pool1")]
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "block2_conv")]
    [BatchNormalization(Name = "block2_bn")]
    [Activation(Activation.ReLU, Name = "block2")]
    [MaxPool2D(2, Name = "pool2")]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "block3_conv")]
    [BatchNormalization(Name = "block3_bn")]
    [Activation(Activation.ReLU, Name = "block3")]
    [MaxPool2D(2, Name = "pool3")]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "block4_conv")]
    [BatchNormalization(Name = "block4_bn")]
    [Activation(Activation.ReLU, Name = "block4")]
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "block5_conv")]
    [BatchNormalization(Name = "block5_bn")]
    [Activation(Activation.ReLU, Name = "block5")]
    [Conv2D(8, 1, Name = "head")]
    public partial class Detector
    {
        /// <summary>What the head's [8, 8, 8] output means: 8x8 cells over 64x64 pixels, 3 classes, one 16x16 anchor.</summary>
        public static GridLayout HeadLayout { get; } = new(64, 64, 8, 8, 3, new AnchorSize(16, 16));
    }
}
