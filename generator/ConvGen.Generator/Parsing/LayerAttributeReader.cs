using System;
using System.Collections.Generic;
using System.Linq;
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
        public const string ConvNetAttribute = nameof(ConvGen.ConvNetAttribute);

        /// <summary>The layer attribute class names (in namespace ConvGen), one per <see cref="LayerKindInfo"/>.</summary>
        public static readonly string[] LayerAttributeNames = LayerKinds.All.Select(kind => kind.AttributeName).ToArray();

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

            LayerKindInfo? kind = LayerKinds.ForAttribute(attribute.AttributeClass!.Name);
            if (kind is null)
            {
                return false;
            }

            // Constructor parameters by name (they cannot be named with nameof from here); named arguments by property, below.
            var a = new Args(args);
            var b = new Builder { Kind = kind.Kind };
            switch (kind.Kind)
            {
                case LayerKind.Conv2D:
                case LayerKind.SeparableConv2D:
                case LayerKind.Conv2DTranspose:
                    b.Units = a.Int("filters", 0);
                    b.Kernel(a);
                    break;
                case LayerKind.DepthwiseConv2D:
                    b.Kernel(a);
                    break;
                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                    // Strides start as the pool size (the attribute's constructor does the same); a written 0 is then reported.
                    // An invalid pool size is reported once, not again as a stride nobody wrote.
                    b.KernelHeight = a.Int("poolHeight", a.Int("poolSize", 0));
                    b.KernelWidth = a.Int("poolWidth", a.Int("poolSize", 0));
                    b.StrideHeight = b.KernelHeight > 0 ? b.KernelHeight : 1;
                    b.StrideWidth = b.KernelWidth > 0 ? b.KernelWidth : 1;
                    break;
                case LayerKind.Dense:
                    b.Units = a.Int("units", 0);
                    break;
                case LayerKind.Activation:
                    b.Activation = (Activation)a.Int("activation", 0);
                    break;
                case LayerKind.ZeroPadding2D:
                    b.Edges(a, "padding");
                    break;
                case LayerKind.Cropping2D:
                    b.Edges(a, "cropping");
                    break;
                case LayerKind.UpSampling2D:
                    b.SizeHeight = a.Int("sizeHeight", a.Int("size", 0));
                    b.SizeWidth = a.Int("sizeWidth", a.Int("size", 0));
                    break;
                case LayerKind.Dropout:
                    b.Rate = AsFloat(a.Value("rate"));
                    break;
                case LayerKind.Add:
                case LayerKind.Concatenate:
                    if (a.Value("inputs") is not string[] inputs)
                    {
                        return false;
                    }

                    b.Inputs = inputs;
                    break;
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
            public int Units, KernelHeight = 1, KernelWidth = 1, StrideHeight = 1, StrideWidth = 1, SizeHeight = 1, SizeWidth = 1, DilationHeight = 1, DilationWidth = 1;
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

            /// <summary>ZeroPadding2D and Cropping2D: (all), (vertical, horizontal) or (top, bottom, left, right).</summary>
            public void Edges(Args a, string all)
            {
                PadTop = a.Int("top", a.Int("vertical", a.Int(all, 0)));
                PadBottom = a.Int("bottom", a.Int("vertical", a.Int(all, 0)));
                PadLeft = a.Int("left", a.Int("horizontal", a.Int(all, 0)));
                PadRight = a.Int("right", a.Int("horizontal", a.Int(all, 0)));
            }

            /// <summary>One named argument (property assignment); the attribute class decides which names exist.</summary>
            public void Apply(string property, object? value)
            {
                switch (property)
                {
                    case nameof(ConvolutionLayerAttribute.Stride): StrideHeight = StrideWidth = AsInt(value); break;
                    case nameof(ConvolutionLayerAttribute.StrideHeight): StrideHeight = AsInt(value); break;
                    case nameof(ConvolutionLayerAttribute.StrideWidth): StrideWidth = AsInt(value); break;
                    case nameof(ConvolutionLayerAttribute.Dilation): DilationHeight = DilationWidth = AsInt(value); break;
                    case nameof(ConvolutionLayerAttribute.DilationHeight): DilationHeight = AsInt(value); break;
                    case nameof(ConvolutionLayerAttribute.DilationWidth): DilationWidth = AsInt(value); break;
                    case nameof(ConvolutionLayerAttribute.Padding): Padding = (Padding)AsInt(value); break;
                    case nameof(WeightedLayerAttribute.UseBias): UseBias = value is true; break;
                    case nameof(WeightedLayerAttribute.Activation): Activation = (Activation)AsInt(value); break;
                    case nameof(WeightedLayerAttribute.NegativeSlope): NegativeSlope = AsFloat(value); break;
                    case nameof(WeightedLayerAttribute.Alpha): Alpha = AsFloat(value); break;
                    case nameof(DepthwiseConv2DAttribute.DepthMultiplier): DepthMultiplier = AsInt(value); break;
                    case nameof(Conv2DAttribute.Groups): Groups = AsInt(value); break;
                    case nameof(BatchNormalizationAttribute.Epsilon): Epsilon = AsFloat(value); break;
                    case nameof(BatchNormalizationAttribute.Momentum): Momentum = AsFloat(value); break;
                    case nameof(LayerAttribute.Trainable): Trainable = value is true; break;
                    case nameof(UpSampling2DAttribute.Interpolation): Interpolation = (Interpolation)AsInt(value); break;
                    case nameof(LayerAttribute.Name): Name = value as string; break;
                    case nameof(SingleInputLayerAttribute.Input): Inputs = value is string input ? new[] { input } : new string[0]; break;
                }
            }

            public LayerSpec Build() => new LayerSpec
            {
                Kind = Kind, Name = Name, Inputs = Inputs, Units = Units,
                KernelHeight = KernelHeight, KernelWidth = KernelWidth, StrideHeight = StrideHeight, StrideWidth = StrideWidth,
                SizeHeight = SizeHeight, SizeWidth = SizeWidth,
                DilationHeight = DilationHeight, DilationWidth = DilationWidth, Padding = Padding, UseBias = UseBias,
                Activation = Activation, NegativeSlope = NegativeSlope, Alpha = Alpha,
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
                if (named.Key == nameof(ConvGen.ConvNetAttribute.Training))
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
                if (named.Key == nameof(ConvGen.ConvNetAttribute.Training) && named.Value.Value is true)
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
