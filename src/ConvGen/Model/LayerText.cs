using System.Collections.Generic;
using System.Globalization;

namespace ConvGen
{
    /// <summary>Renders a layer back into the attribute a user writes (for comments, summaries and test failure messages).</summary>
    public static class LayerText
    {
        /// <summary>Keras-like type name for summaries ("Conv2D", "MaxPooling2D", ...).</summary>
        public static string TypeName(LayerKind kind) => kind switch
        {
            LayerKind.Conv2D => "Conv2D",
            LayerKind.MaxPool2D => "MaxPool2D",
            LayerKind.AvgPool2D => "AvgPool2D",
            LayerKind.Flatten => "Flatten",
            LayerKind.Dense => "Dense",
            LayerKind.Activation => "Activation",
            LayerKind.DepthwiseConv2D => "DepthwiseConv2D",
            LayerKind.SeparableConv2D => "SeparableConv2D",
            LayerKind.BatchNormalization => "BatchNormalization",
            LayerKind.GlobalAveragePooling2D => "GlobalAveragePooling2D",
            LayerKind.GlobalMaxPooling2D => "GlobalMaxPooling2D",
            LayerKind.ZeroPadding2D => "ZeroPadding2D",
            LayerKind.UpSampling2D => "UpSampling2D",
            LayerKind.Conv2DTranspose => "Conv2DTranspose",
            LayerKind.Dropout => "Dropout",
            LayerKind.Add => "Add",
            LayerKind.Concatenate => "Concatenate",
            LayerKind.Cropping2D => "Cropping2D",
            _ => kind.ToString(),
        };

        /// <summary>The activation's C# name (one name for the Swish/SiLU pair, so output never depends on enum alias order).</summary>
        public static string ActivationName(Activation activation) => activation switch
        {
            Activation.Linear => "Linear",
            Activation.ReLU => "ReLU",
            Activation.Sigmoid => "Sigmoid",
            Activation.Tanh => "Tanh",
            Activation.Softmax => "Softmax",
            Activation.LeakyReLU => "LeakyReLU",
            Activation.ReLU6 => "ReLU6",
            Activation.HardSigmoid => "HardSigmoid",
            Activation.Swish => "Swish",
            Activation.HardSwish => "HardSwish",
            Activation.ELU => "ELU",
            Activation.GELUTanh => "GELUTanh",
            Activation.GELUErf => "GELUErf",
            _ => ((int)activation).ToString(CultureInfo.InvariantCulture),
        };

        /// <summary>Keras' automatic layer name stem: conv2d, max_pooling2d, dense, ...</summary>
        public static string KerasNameStem(LayerKind kind) => kind switch
        {
            LayerKind.Conv2D => "conv2d",
            LayerKind.MaxPool2D => "max_pooling2d",
            LayerKind.AvgPool2D => "average_pooling2d",
            LayerKind.Flatten => "flatten",
            LayerKind.Dense => "dense",
            LayerKind.Activation => "activation",
            LayerKind.DepthwiseConv2D => "depthwise_conv2d",
            LayerKind.SeparableConv2D => "separable_conv2d",
            LayerKind.BatchNormalization => "batch_normalization",
            LayerKind.GlobalAveragePooling2D => "global_average_pooling2d",
            LayerKind.GlobalMaxPooling2D => "global_max_pooling2d",
            LayerKind.ZeroPadding2D => "zero_padding2d",
            LayerKind.UpSampling2D => "up_sampling2d",
            LayerKind.Conv2DTranspose => "conv2d_transpose",
            LayerKind.Dropout => "dropout",
            LayerKind.Add => "add",
            LayerKind.Concatenate => "concatenate",
            LayerKind.Cropping2D => "cropping2d",
            _ => kind.ToString().ToLowerInvariant(),
        };

        /// <summary>The layer as a C# attribute, e.g. <c>[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]</c>.</summary>
        public static string Describe(LayerSpec layer)
        {
            var args = new List<string>();
            switch (layer.Kind)
            {
                case LayerKind.Conv2D:
                case LayerKind.SeparableConv2D:
                case LayerKind.Conv2DTranspose:
                case LayerKind.DepthwiseConv2D:
                    if (layer.Kind != LayerKind.DepthwiseConv2D)
                    {
                        args.Add(Int(layer.Units));
                    }

                    AddPair(args, layer.KernelHeight, layer.KernelWidth);
                    if (layer.Kind != LayerKind.Conv2D && layer.Kind != LayerKind.Conv2DTranspose && layer.DepthMultiplier != 1)
                    {
                        args.Add("DepthMultiplier = " + Int(layer.DepthMultiplier));
                    }

                    AddNamedPair(args, "Stride", layer.StrideHeight, layer.StrideWidth, 1);
                    AddNamedPair(args, "Dilation", layer.DilationHeight, layer.DilationWidth, 1);
                    if (layer.Groups != 1)
                    {
                        args.Add("Groups = " + Int(layer.Groups));
                    }

                    AddPadding(args, layer.Padding);
                    if (!layer.UseBias)
                    {
                        args.Add("UseBias = false");
                    }

                    AddActivation(args, layer, named: true);
                    break;
                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                    AddPair(args, layer.KernelHeight, layer.KernelWidth);
                    if (layer.StrideHeight != layer.KernelHeight || layer.StrideWidth != layer.KernelWidth)
                    {
                        AddNamedPair(args, "Stride", layer.StrideHeight, layer.StrideWidth, -1);
                    }

                    AddPadding(args, layer.Padding);
                    break;
                case LayerKind.Dense:
                    args.Add(Int(layer.Units));
                    if (!layer.UseBias)
                    {
                        args.Add("UseBias = false");
                    }

                    AddActivation(args, layer, named: true);
                    break;
                case LayerKind.Activation:
                    AddActivation(args, layer, named: false);
                    break;
                case LayerKind.BatchNormalization:
                    if (!layer.Epsilon.Equals(LayerSpec.DefaultEpsilon))
                    {
                        args.Add("Epsilon = " + Float(layer.Epsilon));
                    }

                    if (!layer.Momentum.Equals(LayerSpec.DefaultMomentum))
                    {
                        args.Add("Momentum = " + Float(layer.Momentum));
                    }

                    break;
                case LayerKind.ZeroPadding2D:
                case LayerKind.Cropping2D:
                    if (layer.PadTop == layer.PadBottom && layer.PadLeft == layer.PadRight)
                    {
                        AddPair(args, layer.PadTop, layer.PadLeft);
                    }
                    else
                    {
                        args.Add(Int(layer.PadTop));
                        args.Add(Int(layer.PadBottom));
                        args.Add(Int(layer.PadLeft));
                        args.Add(Int(layer.PadRight));
                    }

                    break;
                case LayerKind.UpSampling2D:
                    AddPair(args, layer.StrideHeight, layer.StrideWidth);
                    if (layer.Interpolation != Interpolation.Nearest)
                    {
                        args.Add("Interpolation = Interpolation." + layer.Interpolation);
                    }

                    break;
                case LayerKind.Dropout:
                    args.Add(Float(layer.Rate));
                    break;
                case LayerKind.Add:
                case LayerKind.Concatenate:
                    foreach (string input in layer.Inputs)
                    {
                        args.Add(Quote(input));
                    }

                    break;
            }

            if (layer.Kind != LayerKind.Add && layer.Kind != LayerKind.Concatenate && layer.Inputs.Count > 0)
            {
                args.Add("Input = " + string.Join(", ", QuoteAll(layer.Inputs)));
            }

            if (layer.Name is not null)
            {
                args.Add("Name = " + Quote(layer.Name));
            }

            if (!layer.Trainable)
            {
                args.Add("Trainable = false");
            }

            return "[" + TypeName(layer.Kind) + (args.Count == 0 ? string.Empty : "(" + string.Join(", ", args) + ")") + "]";
        }

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

        private static string Quote(string? value) => "\"" + (value ?? string.Empty).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        private static IEnumerable<string> QuoteAll(IEnumerable<string> values)
        {
            foreach (string value in values)
            {
                yield return Quote(value);
            }
        }

        private static void AddPair(List<string> args, int height, int width)
        {
            args.Add(Int(height));
            if (width != height)
            {
                args.Add(Int(width));
            }
        }

        private static void AddNamedPair(List<string> args, string name, int height, int width, int defaultValue)
        {
            if (height == width)
            {
                if (height != defaultValue)
                {
                    args.Add(name + " = " + Int(height));
                }
            }
            else
            {
                args.Add(name + "Height = " + Int(height));
                args.Add(name + "Width = " + Int(width));
            }
        }

        private static void AddPadding(List<string> args, Padding padding)
        {
            if (padding != Padding.Valid)
            {
                args.Add("Padding = Padding." + padding);
            }
        }

        private static void AddActivation(List<string> args, LayerSpec layer, bool named)
        {
            if (named && layer.Activation == Activation.Linear)
            {
                return;
            }

            args.Add((named ? "Activation = " : string.Empty) + "Activation." + ActivationName(layer.Activation));
            if (layer.Activation == Activation.LeakyReLU && !layer.NegativeSlope.Equals(LayerSpec.DefaultNegativeSlope))
            {
                args.Add("NegativeSlope = " + Float(layer.NegativeSlope));
            }
            else if (layer.Activation == Activation.ELU && !layer.NegativeSlope.Equals(LayerSpec.DefaultAlpha))
            {
                args.Add("Alpha = " + Float(layer.NegativeSlope));
            }
        }
    }
}
