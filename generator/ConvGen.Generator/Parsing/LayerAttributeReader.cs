using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Parsing
{
    /// <summary>
    /// Turns one bound ConvGen layer attribute into a <see cref="LayerSpec"/>, applying constructor arguments and then
    /// named arguments in source order, exactly as the attribute object itself would at run time.
    /// </summary>
    internal static class LayerAttributeReader
    {
        public const string Namespace = "ConvGen";
        public const string ConvNetAttribute = "ConvNetAttribute";

        /// <summary>The layer attribute class names (in namespace ConvGen).</summary>
        public static readonly string[] LayerAttributeNames =
        {
            "Conv2DAttribute", "MaxPool2DAttribute", "AvgPool2DAttribute", "FlattenAttribute", "DenseAttribute", "ActivationAttribute",
            "DepthwiseConv2DAttribute", "SeparableConv2DAttribute", "Conv2DTransposeAttribute", "BatchNormalizationAttribute",
            "GlobalAveragePooling2DAttribute", "GlobalMaxPooling2DAttribute", "ZeroPadding2DAttribute", "UpSampling2DAttribute",
            "DropoutAttribute", "AddAttribute", "ConcatenateAttribute", "Cropping2DAttribute",
        };

        public static bool IsConvGenAttribute(AttributeData attribute, string name) =>
            attribute.AttributeClass is { } c && c.Name == name && c.ContainingNamespace is { IsGlobalNamespace: false } ns
            && ns.Name == Namespace && ns.ContainingNamespace.IsGlobalNamespace;

        public static bool IsLayerAttribute(AttributeData attribute) =>
            attribute.AttributeClass is { } c && Array.IndexOf(LayerAttributeNames, c.Name) >= 0 && IsConvGenAttribute(attribute, c.Name);

        /// <summary>
        /// False when the attribute did not bind (wrong argument types or count): the compiler already reports that,
        /// and the network is not generated.
        /// </summary>
        public static bool TryRead(AttributeData attribute, out LayerSpec? layer)
        {
            layer = null;
            if (!TryGetArguments(attribute, out List<KeyValuePair<string, object?>> args))
            {
                return false;
            }

            var a = new Args(args);
            var b = new Builder();
            switch (attribute.AttributeClass!.Name)
            {
                case "Conv2DAttribute":
                    b.Kind = LayerKind.Conv2D;
                    b.Units = a.Int("filters", 0);
                    b.Kernel(a);
                    break;
                case "DepthwiseConv2DAttribute":
                    b.Kind = LayerKind.DepthwiseConv2D;
                    b.Kernel(a);
                    break;
                case "SeparableConv2DAttribute":
                    b.Kind = LayerKind.SeparableConv2D;
                    b.Units = a.Int("filters", 0);
                    b.Kernel(a);
                    break;
                case "Conv2DTransposeAttribute":
                    b.Kind = LayerKind.Conv2DTranspose;
                    b.Units = a.Int("filters", 0);
                    b.Kernel(a);
                    break;
                case "MaxPool2DAttribute":
                case "AvgPool2DAttribute":
                    // Strides start as the pool size (the attribute's constructor does the same); a written 0 is then reported.
                    // An invalid pool size is reported once, not again as a stride nobody wrote.
                    b.Kind = attribute.AttributeClass.Name == "MaxPool2DAttribute" ? LayerKind.MaxPool2D : LayerKind.AvgPool2D;
                    b.KernelHeight = a.Int("poolHeight", a.Int("poolSize", 0));
                    b.KernelWidth = a.Int("poolWidth", a.Int("poolSize", 0));
                    b.StrideHeight = b.KernelHeight > 0 ? b.KernelHeight : 1;
                    b.StrideWidth = b.KernelWidth > 0 ? b.KernelWidth : 1;
                    break;
                case "FlattenAttribute":
                    b.Kind = LayerKind.Flatten;
                    break;
                case "DenseAttribute":
                    b.Kind = LayerKind.Dense;
                    b.Units = a.Int("units", 0);
                    break;
                case "ActivationAttribute":
                    b.Kind = LayerKind.Activation;
                    b.Activation = (Activation)a.Int("activation", 0);
                    break;
                case "BatchNormalizationAttribute":
                    b.Kind = LayerKind.BatchNormalization;
                    break;
                case "GlobalAveragePooling2DAttribute":
                    b.Kind = LayerKind.GlobalAveragePooling2D;
                    break;
                case "GlobalMaxPooling2DAttribute":
                    b.Kind = LayerKind.GlobalMaxPooling2D;
                    break;
                case "ZeroPadding2DAttribute":
                    b.Kind = LayerKind.ZeroPadding2D;
                    b.PadTop = a.Int("top", a.Int("vertical", a.Int("padding", 0)));
                    b.PadBottom = a.Int("bottom", a.Int("vertical", a.Int("padding", 0)));
                    b.PadLeft = a.Int("left", a.Int("horizontal", a.Int("padding", 0)));
                    b.PadRight = a.Int("right", a.Int("horizontal", a.Int("padding", 0)));
                    break;
                case "Cropping2DAttribute":
                    b.Kind = LayerKind.Cropping2D;
                    b.PadTop = a.Int("top", a.Int("vertical", a.Int("cropping", 0)));
                    b.PadBottom = a.Int("bottom", a.Int("vertical", a.Int("cropping", 0)));
                    b.PadLeft = a.Int("left", a.Int("horizontal", a.Int("cropping", 0)));
                    b.PadRight = a.Int("right", a.Int("horizontal", a.Int("cropping", 0)));
                    break;
                case "UpSampling2DAttribute":
                    b.Kind = LayerKind.UpSampling2D;
                    b.StrideHeight = a.Int("sizeHeight", a.Int("size", 0));
                    b.StrideWidth = a.Int("sizeWidth", a.Int("size", 0));
                    break;
                case "DropoutAttribute":
                    b.Kind = LayerKind.Dropout;
                    b.Rate = AsFloat(a.Value("rate"));
                    break;
                case "AddAttribute":
                case "ConcatenateAttribute":
                    b.Kind = attribute.AttributeClass.Name == "AddAttribute" ? LayerKind.Add : LayerKind.Concatenate;
                    if (a.Value("inputs") is not string[] inputs)
                    {
                        return false;
                    }

                    b.Inputs = inputs;
                    break;
                default:
                    return false;
            }

            foreach (KeyValuePair<string, object?> named in a.Named)
            {
                b.Apply(named.Key, named.Value);
            }

            layer = b.Build();
            return true;
        }

        /// <summary>The layer being read: every <see cref="LayerSpec"/> field, set from arguments in the order the attribute object would see them.</summary>
        private sealed class Builder
        {
            public LayerKind Kind;
            public string? Name;
            public string[] Inputs = new string[0];
            public int Units, KernelHeight = 1, KernelWidth = 1, StrideHeight = 1, StrideWidth = 1, DilationHeight = 1, DilationWidth = 1;
            public Padding Padding = Padding.Valid;
            public bool UseBias = true;
            public Activation Activation = Activation.Linear;
            public float NegativeSlope = LayerSpec.DefaultNegativeSlope, Alpha = LayerSpec.DefaultAlpha, Epsilon = LayerSpec.DefaultEpsilon, Rate;
            public float Momentum = LayerSpec.DefaultMomentum;
            public bool Trainable = true;
            public int DepthMultiplier = 1, Groups = 1, PadTop, PadBottom, PadLeft, PadRight;
            public Interpolation Interpolation = Interpolation.Nearest;

            public void Kernel(Args a)
            {
                KernelHeight = a.Int("kernelHeight", a.Int("kernelSize", 0));
                KernelWidth = a.Int("kernelWidth", a.Int("kernelSize", 0));
            }

            /// <summary>One named argument (property assignment); the attribute class decides which names exist.</summary>
            public void Apply(string property, object? value)
            {
                switch (property)
                {
                    case "Stride": StrideHeight = StrideWidth = AsInt(value); break;
                    case "StrideHeight": StrideHeight = AsInt(value); break;
                    case "StrideWidth": StrideWidth = AsInt(value); break;
                    case "Dilation": DilationHeight = DilationWidth = AsInt(value); break;
                    case "DilationHeight": DilationHeight = AsInt(value); break;
                    case "DilationWidth": DilationWidth = AsInt(value); break;
                    case "Padding": Padding = (Padding)AsInt(value); break;
                    case "UseBias": UseBias = value is true; break;
                    case "Activation": Activation = (Activation)AsInt(value); break;
                    case "NegativeSlope": NegativeSlope = AsFloat(value); break;
                    case "Alpha": Alpha = AsFloat(value); break;
                    case "DepthMultiplier": DepthMultiplier = AsInt(value); break;
                    case "Groups": Groups = AsInt(value); break;
                    case "Epsilon": Epsilon = AsFloat(value); break;
                    case "Momentum": Momentum = AsFloat(value); break;
                    case "Trainable": Trainable = value is true; break;
                    case "Interpolation": Interpolation = (Interpolation)AsInt(value); break;
                    case "Name": Name = value as string; break;
                    case "Input": Inputs = value is string input ? new[] { input } : new string[0]; break;
                }
            }

            public LayerSpec Build() => new LayerSpec
            {
                Kind = Kind, Name = Name, Inputs = Inputs, Units = Units,
                KernelHeight = KernelHeight, KernelWidth = KernelWidth, StrideHeight = StrideHeight, StrideWidth = StrideWidth,
                DilationHeight = DilationHeight, DilationWidth = DilationWidth, Padding = Padding, UseBias = UseBias,
                Activation = Activation,

                // One field holds the negative-side coefficient: ELU's alpha or LeakyReLU's slope.
                NegativeSlope = Activation == Activation.ELU ? Alpha : NegativeSlope,
                DepthMultiplier = DepthMultiplier, Groups = Groups, Epsilon = Epsilon, Rate = Rate,
                PadTop = PadTop, PadBottom = PadBottom, PadLeft = PadLeft, PadRight = PadRight, Interpolation = Interpolation,
                Trainable = Trainable, Momentum = Momentum,
            };
        }

        /// <summary>Reads [ConvNet(height, width, channels)].</summary>
        public static bool TryReadConvNet(AttributeData attribute, out int height, out int width, out int channels, out bool training)
        {
            height = width = channels = 0;
            training = false;
            if (!TryGetArguments(attribute, out List<KeyValuePair<string, object?>> args))
            {
                return false;
            }

            var a = new Args(args);
            height = a.Int("height", 0);
            width = a.Int("width", 0);
            channels = a.Int("channels", 0);
            foreach (KeyValuePair<string, object?> named in a.Named)
            {
                if (named.Key == "Training")
                {
                    training = named.Value is true;
                }
            }

            return true;
        }

        /// <summary>Whether <c>[ConvNet]</c> sets <c>Training = true</c> (read even when the rest of the declaration is broken).</summary>
        public static bool DeclaresTraining(AttributeData convNet)
        {
            foreach (KeyValuePair<string, TypedConstant> named in convNet.NamedArguments)
            {
                if (named.Key == "Training" && named.Value.Value is true)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Constructor arguments by parameter name, then named arguments in source order.</summary>
        private static bool TryGetArguments(AttributeData attribute, out List<KeyValuePair<string, object?>> args)
        {
            args = new List<KeyValuePair<string, object?>>();
            IMethodSymbol? ctor = attribute.AttributeConstructor;
            if (ctor is null || attribute.ConstructorArguments.Length != ctor.Parameters.Length)
            {
                return false;
            }

            for (int i = 0; i < ctor.Parameters.Length; i++)
            {
                if (!TryGetValue(attribute.ConstructorArguments[i], out object? value))
                {
                    return false;
                }

                args.Add(new KeyValuePair<string, object?>(ctor.Parameters[i].Name, value));
            }

            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                if (named.Value.Kind == TypedConstantKind.Error || named.Value.Kind == TypedConstantKind.Array)
                {
                    return false;
                }

                args.Add(new KeyValuePair<string, object?>("=" + named.Key, named.Value.Value));
            }

            return true;
        }

        /// <summary>A constant's value; a string array (the names given to Add and Concatenate) becomes string[].</summary>
        private static bool TryGetValue(TypedConstant constant, out object? value)
        {
            value = null;
            if (constant.Kind == TypedConstantKind.Error)
            {
                return false;
            }

            if (constant.Kind != TypedConstantKind.Array)
            {
                value = constant.Value;
                return true;
            }

            if (constant.IsNull)
            {
                return false;
            }

            var items = new string[constant.Values.Length];
            for (int i = 0; i < items.Length; i++)
            {
                TypedConstant element = constant.Values[i];
                if (element.Kind == TypedConstantKind.Error || (element.Value is not null && element.Value is not string))
                {
                    return false;
                }

                items[i] = element.Value as string ?? string.Empty; // a null name is reported as unknown

            }

            value = items;
            return true;
        }

        private static int AsInt(object? value) => value switch
        {
            int i => i,
            _ => 0,
        };

        private static float AsFloat(object? value) => value switch
        {
            float f => f,
            double d => (float)d,
            int i => i,
            _ => float.NaN,
        };

        /// <summary>Arguments: constructor ones looked up by parameter name; named ones (prefixed "=") kept in order.</summary>
        private sealed class Args
        {
            private readonly List<KeyValuePair<string, object?>> _all;

            public Args(List<KeyValuePair<string, object?>> all) => _all = all;

            public IEnumerable<KeyValuePair<string, object?>> Named
            {
                get
                {
                    foreach (KeyValuePair<string, object?> arg in _all)
                    {
                        if (arg.Key.StartsWith("=", StringComparison.Ordinal))
                        {
                            yield return new KeyValuePair<string, object?>(arg.Key.Substring(1), arg.Value);
                        }
                    }
                }
            }

            public object? Value(string parameter)
            {
                foreach (KeyValuePair<string, object?> arg in _all)
                {
                    if (arg.Key == parameter)
                    {
                        return arg.Value;
                    }
                }

                return null;
            }

            public int Int(string parameter, int fallback)
            {
                foreach (KeyValuePair<string, object?> arg in _all)
                {
                    if (arg.Key == parameter)
                    {
                        return AsInt(arg.Value);
                    }
                }

                return fallback;
            }
        }
    }
}
