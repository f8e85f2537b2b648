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
            switch (attribute.AttributeClass!.Name)
            {
                case "Conv2DAttribute":
                {
                    int kh = a.Int("kernelHeight", a.Int("kernelSize", 0));
                    int kw = a.Int("kernelWidth", a.Int("kernelSize", 0));
                    int sh = 1, sw = 1, dh = 1, dw = 1;
                    var padding = Padding.Valid;
                    bool useBias = true;
                    var activation = Activation.Linear;
                    float slope = LayerSpec.DefaultNegativeSlope;
                    foreach (KeyValuePair<string, object?> named in a.Named)
                    {
                        switch (named.Key)
                        {
                            case "Stride": sh = sw = AsInt(named.Value); break;
                            case "StrideHeight": sh = AsInt(named.Value); break;
                            case "StrideWidth": sw = AsInt(named.Value); break;
                            case "Dilation": dh = dw = AsInt(named.Value); break;
                            case "DilationHeight": dh = AsInt(named.Value); break;
                            case "DilationWidth": dw = AsInt(named.Value); break;
                            case "Padding": padding = (Padding)AsInt(named.Value); break;
                            case "UseBias": useBias = named.Value is true; break;
                            case "Activation": activation = (Activation)AsInt(named.Value); break;
                            case "NegativeSlope": slope = AsFloat(named.Value); break;
                        }
                    }

                    layer = LayerSpec.Conv2D(a.Int("filters", 0), kh, kw, sh, sw, padding, dh, dw, useBias, activation, slope);
                    return true;
                }

                case "MaxPool2DAttribute":
                case "AvgPool2DAttribute":
                {
                    int ph = a.Int("poolHeight", a.Int("poolSize", 0));
                    int pw = a.Int("poolWidth", a.Int("poolSize", 0));
                    // Unwritten strides default to the pool size; an invalid pool size is reported once, not again as a stride.
                    int sh = ph > 0 ? ph : 1, sw = pw > 0 ? pw : 1;
                    var padding = Padding.Valid;
                    foreach (KeyValuePair<string, object?> named in a.Named)
                    {
                        switch (named.Key)
                        {
                            case "Stride": sh = sw = AsInt(named.Value); break;
                            case "StrideHeight": sh = AsInt(named.Value); break;
                            case "StrideWidth": sw = AsInt(named.Value); break;
                            case "Padding": padding = (Padding)AsInt(named.Value); break;
                        }
                    }

                    // Pass the strides explicitly: 0 would mean "pool size" to the factory, but a written 0 must be reported.
                    layer = new LayerSpec
                    {
                        Kind = attribute.AttributeClass.Name == "MaxPool2DAttribute" ? LayerKind.MaxPool2D : LayerKind.AvgPool2D,
                        KernelHeight = ph, KernelWidth = pw, StrideHeight = sh, StrideWidth = sw, Padding = padding,
                    };
                    return true;
                }

                case "FlattenAttribute":
                    layer = LayerSpec.Flatten();
                    return true;

                case "DenseAttribute":
                {
                    bool useBias = true;
                    var activation = Activation.Linear;
                    float slope = LayerSpec.DefaultNegativeSlope;
                    foreach (KeyValuePair<string, object?> named in a.Named)
                    {
                        switch (named.Key)
                        {
                            case "UseBias": useBias = named.Value is true; break;
                            case "Activation": activation = (Activation)AsInt(named.Value); break;
                            case "NegativeSlope": slope = AsFloat(named.Value); break;
                        }
                    }

                    layer = LayerSpec.Dense(a.Int("units", 0), useBias, activation, slope);
                    return true;
                }

                case "ActivationAttribute":
                {
                    float slope = LayerSpec.DefaultNegativeSlope;
                    foreach (KeyValuePair<string, object?> named in a.Named)
                    {
                        if (named.Key == "NegativeSlope")
                        {
                            slope = AsFloat(named.Value);
                        }
                    }

                    layer = LayerSpec.ActivationLayer((Activation)a.Int("activation", 0), slope);
                    return true;
                }

                default:
                    return false;
            }
        }

        /// <summary>Reads [ConvNet(height, width, channels)].</summary>
        public static bool TryReadConvNet(AttributeData attribute, out int height, out int width, out int channels)
        {
            height = width = channels = 0;
            if (!TryGetArguments(attribute, out List<KeyValuePair<string, object?>> args))
            {
                return false;
            }

            var a = new Args(args);
            height = a.Int("height", 0);
            width = a.Int("width", 0);
            channels = a.Int("channels", 0);
            return true;
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
                TypedConstant value = attribute.ConstructorArguments[i];
                if (value.Kind == TypedConstantKind.Error || value.Kind == TypedConstantKind.Array)
                {
                    return false;
                }

                args.Add(new KeyValuePair<string, object?>(ctor.Parameters[i].Name, value.Value));
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
