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
            _ => kind.ToString(),
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
            _ => kind.ToString().ToLowerInvariant(),
        };

        /// <summary>The layer as a C# attribute, e.g. <c>[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]</c>.</summary>
        public static string Describe(LayerSpec layer)
        {
            var args = new List<string>();
            switch (layer.Kind)
            {
                case LayerKind.Conv2D:
                    args.Add(Int(layer.Units));
                    AddPair(args, layer.KernelHeight, layer.KernelWidth);
                    AddNamedPair(args, "Stride", layer.StrideHeight, layer.StrideWidth, 1);
                    AddNamedPair(args, "Dilation", layer.DilationHeight, layer.DilationWidth, 1);
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
            }

            return "[" + TypeName(layer.Kind) + (args.Count == 0 ? string.Empty : "(" + string.Join(", ", args) + ")") + "]";
        }

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

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

            args.Add((named ? "Activation = " : string.Empty) + "Activation." + layer.Activation);
            if (layer.Activation == Activation.LeakyReLU && !layer.NegativeSlope.Equals(LayerSpec.DefaultNegativeSlope))
            {
                args.Add("NegativeSlope = " + layer.NegativeSlope.ToString("R", CultureInfo.InvariantCulture) + "f");
            }
        }
    }
}
