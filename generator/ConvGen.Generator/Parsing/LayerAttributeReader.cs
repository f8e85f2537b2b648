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

            // Constructor arguments by the kind's reader (parameters by name: they cannot be named with nameof), then the
            // named arguments by property, in source order.
            var a = new Args(args);
            LayerSpec? read = kind.ReadConstructor(a, new LayerSpec { Kind = kind.Kind });
            if (read is null)
            {
                return false;
            }

            foreach (KeyValuePair<string, object?> named in a.Named)
            {
                read = Apply(read, named.Key, named.Value);
            }

            layer = read;
            return true;
        }

        /// <summary>One named argument (property assignment); the attribute class decides which names exist.</summary>
        private static LayerSpec Apply(LayerSpec l, string property, object? value) => property switch
        {
            nameof(ConvolutionLayerAttribute.Stride) => l with { StrideHeight = AsInt(value), StrideWidth = AsInt(value) },
            nameof(ConvolutionLayerAttribute.StrideHeight) => l with { StrideHeight = AsInt(value) },
            nameof(ConvolutionLayerAttribute.StrideWidth) => l with { StrideWidth = AsInt(value) },
            nameof(ConvolutionLayerAttribute.Dilation) => l with { DilationHeight = AsInt(value), DilationWidth = AsInt(value) },
            nameof(ConvolutionLayerAttribute.DilationHeight) => l with { DilationHeight = AsInt(value) },
            nameof(ConvolutionLayerAttribute.DilationWidth) => l with { DilationWidth = AsInt(value) },
            nameof(ConvolutionLayerAttribute.Padding) => l with { Padding = (Padding)AsInt(value) },
            nameof(WeightedLayerAttribute.UseBias) => l with { UseBias = value is true },
            nameof(WeightedLayerAttribute.Activation) => l with { Activation = (Activation)AsInt(value) },
            nameof(WeightedLayerAttribute.NegativeSlope) => l with { NegativeSlope = AsFloat(value) },
            nameof(WeightedLayerAttribute.Alpha) => l with { Alpha = AsFloat(value) },
            nameof(DepthwiseConv2DAttribute.DepthMultiplier) => l with { DepthMultiplier = AsInt(value) },
            nameof(Conv2DAttribute.Groups) => l with { Groups = AsInt(value) },
            nameof(BatchNormalizationAttribute.Epsilon) => l with { Epsilon = AsFloat(value) },
            nameof(BatchNormalizationAttribute.Momentum) => l with { Momentum = AsFloat(value) },
            nameof(LayerAttribute.Trainable) => l with { Trainable = value is true },
            nameof(UpSampling2DAttribute.Interpolation) => l with { Interpolation = (Interpolation)AsInt(value) },
            nameof(LayerAttribute.Name) => l with { Name = value as string },
            nameof(SingleInputLayerAttribute.Input) => l with { Inputs = value is string input ? new[] { input } : new string[0] },
            _ => l,
        };

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

        /// <summary>Whether <c>[ConvNet]</c> leaves Winograd on (it does unless it sets <c>Winograd = false</c>).</summary>
        public static bool AllowsWinograd(AttributeData convNet)
        {
            foreach (KeyValuePair<string, TypedConstant> named in convNet.NamedArguments)
            {
                if (named.Key == nameof(ConvGen.ConvNetAttribute.Winograd) && named.Value.Value is false)
                {
                    return false;
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
        private sealed class Args : IConstructorArguments
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

            public float Float(string parameter) => AsFloat(Value(parameter));

            public string[]? Strings(string parameter) => Value(parameter) as string[];

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
