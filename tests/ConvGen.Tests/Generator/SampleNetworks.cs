using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ConvGen.Tests.Generator
{
    /// <summary>Declarations shared by the snapshot, determinism and generated-code-quality tests: one per layer family.</summary>
    public static class SampleNetworks
    {
        public const string SeedNet = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(28, 28, 3)]
                [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
                [MaxPool2D(2)]
                public partial class SeedNet { }
            }
            """;

        /// <summary>LeNet-5 as in Keras tutorials: tanh convolutions, average pooling, a dense head with softmax.</summary>
        public const string LeNet5 = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(32, 32, 1)]
                [Conv2D(6, 5, Activation = Activation.Tanh)]
                [AvgPool2D(2)]
                [Conv2D(16, 5, Activation = Activation.Tanh)]
                [AvgPool2D(2)]
                [Flatten]
                [Dense(120, Activation = Activation.Tanh)]
                [Dense(84, Activation = Activation.Tanh)]
                [Dense(10, Activation = Activation.Softmax)]
                public partial class LeNet5 { }
            }
            """;

        public const string Convolutions = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(13, 11, 3)]
                [Conv2D(5, 3)]
                [Conv2D(8, 3, 2, Stride = 2, Padding = Padding.Same, Activation = Activation.LeakyReLU, NegativeSlope = 0.05f)]
                [Conv2D(6, 3, Dilation = 2, Padding = Padding.Same, UseBias = false, Activation = Activation.Sigmoid)]
                [Conv2D(4, 1, StrideHeight = 1, StrideWidth = 2)]
                public partial class Convolutions { }
            }
            """;

        public const string Pools = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(9, 10, 6)]
                [MaxPool2D(2)]
                [AvgPool2D(3, Stride = 1, Padding = Padding.Same)]
                [MaxPool2D(3, 2, StrideHeight = 2, StrideWidth = 1, Padding = Padding.Same)]
                [AvgPool2D(2, Stride = 2)]
                public partial class Pools { }
            }
            """;

        public const string DenseSoftmax = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(4, 4, 2)]
                [Flatten]
                [Dense(7, Activation = Activation.ReLU)]
                [Dense(5, UseBias = false)]
                [Dense(3, Activation = Activation.Softmax)]
                public partial class DenseSoftmax { }
            }
            """;

        public const string Activations = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(5, 5, 4)]
                [Activation(Activation.ReLU)]
                [Activation(Activation.Sigmoid)]
                [Activation(Activation.Tanh)]
                [Activation(Activation.LeakyReLU, NegativeSlope = 0.2f)]
                [Activation(Activation.Softmax)]
                [Activation(Activation.Linear)]
                public partial class Activations { }
            }
            """;

        /// <summary>Depthwise, separable and grouped convolutions with batch normalization (folded and standalone).</summary>
        public const string MobileBlocks = """
            using ConvGen;
            namespace Samples
            {
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
                public partial class MobileBlocks { }
            }
            """;

        /// <summary>
        /// Winograd: F(4x4, 3x3) on a 16x16 image (same padding, ReLU), F(4x4) with a folded BatchNormalization and a fused
        /// ReLU6 (valid padding, no bias), F(2x2, 3x3) on a 7x7 image of a 128-channel layer, F(2x2, 5x5) with dilation 2
        /// (sub-grids of 4x4), and a 3x3 convolution kept direct (too few output channels) beside them.
        /// </summary>
        public const string Winograd = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(16, 16, 16)]
                [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
                [Conv2D(128, 3, UseBias = false)]
                [BatchNormalization]
                [Activation(Activation.ReLU6)]
                [MaxPool2D(2)]
                [Conv2D(128, 3, Padding = Padding.Same)]
                [Conv2D(32, 5, Padding = Padding.Same, Dilation = 2)]
                [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
                [GlobalAveragePooling2D]
                public partial class Winograd { }
            }
            """;

        /// <summary>
        /// Zero skipping: a MobileNet block (depthwise 3x3 + BN + ReLU6 inside a 1x1 to 56 + BN + ReLU) whose 1x1 skips the
        /// depthwise output's zeros, and a 1x1 to 24 that skips the first one's.
        /// </summary>
        public const string ZeroSkipping = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(6, 6, 48)]
                [DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false)]
                [BatchNormalization]
                [Activation(Activation.ReLU6)]
                [Conv2D(56, 1, UseBias = false)]
                [BatchNormalization]
                [Activation(Activation.ReLU)]
                [Conv2D(24, 1)]
                public partial class ZeroSkipping { }
            }
            """;

        /// <summary>Encoder-decoder shapes: zero padding, upsampling both ways, transposed convolution, cropping, global max pool.</summary>
        public const string Resampling = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(6, 6, 2)]
                [ZeroPadding2D(1, 2, 0, 1)]
                [UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
                [Conv2DTranspose(4, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.GELUErf)]
                [UpSampling2D(2, 1)]
                [Cropping2D(1, 0, 2, 1)]
                [Conv2D(3, 3, Activation = Activation.GELUTanh)]
                [GlobalMaxPooling2D]
                public partial class Resampling { }
            }
            """;

        /// <summary>A graph: a residual Add with a projection shortcut and a Concatenate skip.</summary>
        public const string Graph = """
            using ConvGen;
            namespace Samples
            {
                [ConvNet(8, 8, 3)]
                [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
                [Conv2D(8, 3, Padding = Padding.Same, UseBias = false)]
                [BatchNormalization(Name = "bn")]
                [Add("stem", "bn")]
                [Activation(Activation.ReLU, Name = "block")]
                [Conv2D(4, 1, Input = "input", Name = "shortcut")]
                [Concatenate("block", "shortcut")]
                [Conv2D(1, 1, Activation = Activation.Sigmoid)]
                public partial class Graph { }
            }
            """;

        public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
        {
            ["SeedNet"] = SeedNet, ["LeNet5"] = LeNet5, ["Convolutions"] = Convolutions, ["Pools"] = Pools,
            ["DenseSoftmax"] = DenseSoftmax, ["Activations"] = Activations,
            ["MobileBlocks"] = MobileBlocks, ["Resampling"] = Resampling, ["Graph"] = Graph, ["Winograd"] = Winograd,
        };

        /// <summary>
        /// A deep network of <paramref name="layers"/> layers (cycling through convolutions, pools and activations,
        /// sizes kept by same padding), ending in Flatten and a softmax Dense layer among them.
        /// </summary>
        public static string Deep(string className, int layers, int size = 16, int channels = 8)
        {
            string[] cycle =
            {
                $"[Conv2D({channels}, 3, Padding = Padding.Same, Activation = Activation.ReLU)]",
                $"[Conv2D({channels}, 1)]",
                "[AvgPool2D(3, Stride = 1, Padding = Padding.Same)]",
                $"[Conv2D({channels}, 5, Padding = Padding.Same, Activation = Activation.Tanh)]",
                "[MaxPool2D(2, Stride = 1, Padding = Padding.Same)]",
                "[Activation(Activation.Sigmoid)]",
            };
            var sb = new StringBuilder("using ConvGen;\nnamespace Deep\n{\n");
            sb.Append($"    [ConvNet({size}, {size}, 3)]\n");
            for (int i = 0; i < layers - 2; i++)
            {
                sb.Append("    ").Append(cycle[i % cycle.Length]).Append('\n');
            }

            sb.Append("    [Flatten]\n    [Dense(10, Activation = Activation.Softmax)]\n");
            sb.Append($"    public partial class {className} {{ }}\n}}\n");
            return sb.ToString();
        }

        public static string[] AllSources => All.Values.ToArray();
    }
}
