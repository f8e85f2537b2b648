using System.Collections.Generic;
using System.Globalization;

namespace ConvGen
{
    /// <summary>Renders a layer back into the attribute a user writes (for comments, summaries and test failure messages).</summary>
    public static class LayerText
    {
        /// <summary>Keras-like type name for summaries ("Conv2D", "MaxPool2D", ...); see <see cref="LayerKindInfo.TypeName"/>.</summary>
        public static string TypeName(LayerKind kind) => LayerKinds.For(kind)?.TypeName ?? kind.ToString();

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

        /// <summary>Keras' automatic layer name stem: conv2d, max_pooling2d, dense, ...; see <see cref="LayerKindInfo.KerasNameStem"/>.</summary>
        public static string KerasNameStem(LayerKind kind) => LayerKinds.For(kind)?.KerasNameStem ?? kind.ToString().ToLowerInvariant();

        /// <summary>The layer as a C# attribute, e.g. <c>[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]</c>.</summary>
        public static string Describe(LayerSpec layer)
        {
            var args = new List<string>();
            LayerKindInfo? kind = LayerKinds.For(layer.Kind);
            kind?.Arguments(layer, args);
            if (kind?.ReadsSeveralInputs != true && layer.Inputs.Count > 0)
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

        internal static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        internal static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

        internal static string Quote(string? value) => "\"" + (value ?? string.Empty).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        private static IEnumerable<string> QuoteAll(IEnumerable<string> values)
        {
            foreach (string value in values)
            {
                yield return Quote(value);
            }
        }

        internal static void AddPair(List<string> args, int height, int width)
        {
            args.Add(Int(height));
            if (width != height)
            {
                args.Add(Int(width));
            }
        }

        internal static void AddNamedPair(List<string> args, string name, int height, int width, int defaultValue)
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

        internal static void AddPadding(List<string> args, Padding padding)
        {
            if (padding != Padding.Valid)
            {
                args.Add("Padding = Padding." + padding);
            }
        }

        internal static void AddActivation(List<string> args, LayerSpec layer, bool named)
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
            else if (layer.Activation == Activation.ELU && !layer.Alpha.Equals(LayerSpec.DefaultAlpha))
            {
                args.Add("Alpha = " + Float(layer.Alpha));
            }
        }
    }
}
