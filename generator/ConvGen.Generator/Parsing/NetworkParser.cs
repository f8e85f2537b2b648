using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Diagnostics;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parsing
{
    /// <summary>
    /// The parse step: from a [ConvNet] class to a <see cref="ParseResult"/> (plain data). Checks the class can
    /// hold generated code, reads the layer attributes in source order, and runs the shared shape rules so that
    /// their problems become diagnostics on the offending attribute argument.
    /// </summary>
    internal static class NetworkParser
    {
        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var diagnostics = new List<DiagnosticInfo>();
            AttributeData convNet = context.Attributes[0];
            LocationInfo? convNetLocation = LocationInfo.From(convNet.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
            try
            {
                if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
                {
                    return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
                }

                // [ConvNet] on several partial declarations (the compiler reports CS0579): this step runs once per
                // declaration, each time with all of them in context.Attributes; only the declaration holding the first
                // one produces the network, or its hint name would be added twice.
                if (convNet.ApplicationSyntaxReference is { } first
                    && (first.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(first.Span)))
                {
                    return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
                }

                if (!CheckClass(type, declaration, convNetLocation, diagnostics, out List<string> containingTypes))
                {
                    return new ParseResult(null, diagnostics.ToEquatableArray());
                }

                // From here on the class can hold generated code: with errors it gets a stub (see NetworkStub).
                string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
                List<string> declared = MemberConflicts.Find(type, diagnostics, cancellationToken);
                if (type.IsAbstract)
                {
                    diagnostics.Add(new DiagnosticInfo(DiagnosticIds.UnsupportedClass, convNetLocation,
                        $"'{type.Name}' is abstract; a network class must be instantiable (its constructor and the batch Run create instances): remove 'abstract'"));
                }

                bool trainingDeclared = LayerAttributeReader.DeclaresTraining(convNet);
                ParseResult Broken() => new ParseResult(null, diagnostics.ToEquatableArray(),
                    new NetworkStub(ns, type.Name, containingTypes.ToEquatableArray(), declared.ToEquatableArray(), trainingDeclared));

                // Layers: every ConvGen layer attribute of the class, in source order, all on one declaration.
                var layers = new List<LayerSpec>();
                var locations = new List<AttributeLocations>();
                SyntaxNode? layerDeclaration = null;
                bool bound = LayerAttributeReader.TryReadConvNet(convNet, out int height, out int width, out int channels, out bool training);
                foreach (AttributeData attribute in type.GetAttributes())
                {
                    if (!LayerAttributeReader.IsLayerAttribute(attribute))
                    {
                        continue;
                    }

                    SyntaxNode? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
                    SyntaxNode? owner = syntax?.Parent?.Parent;
                    if (layerDeclaration is null)
                    {
                        layerDeclaration = owner;
                    }
                    else if (owner is not null && owner != layerDeclaration)
                    {
                        diagnostics.Add(new DiagnosticInfo(DiagnosticIds.LayersInSeveralDeclarations, LocationInfo.From(syntax),
                            $"the layers of '{type.Name}' are declared on more than one partial declaration, so their order is undefined; put all layer attributes on one declaration"));
                        return Broken();
                    }

                    if (!LayerAttributeReader.TryRead(attribute, out LayerSpec? layer))
                    {
                        bound = false; // The compiler reports the broken attribute.
                        continue;
                    }

                    layers.Add(layer!);
                    locations.Add(Locate(attribute, syntax as AttributeSyntax));
                }

                if (!bound)
                {
                    return Broken();
                }

                var network = new NetworkSpec(height, width, channels, layers, training);
                NetworkAnalysis analysis = ShapeInference.Analyze(network);
                AttributeLocations convNetLocations = Locate(convNet, convNet.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax);
                foreach (SpecDiagnostic problem in analysis.Diagnostics)
                {
                    AttributeLocations where = problem.LayerIndex < 0 ? convNetLocations : locations[problem.LayerIndex];
                    var info = new DiagnosticInfo(problem.Id, Pick(where, problem.Argument), problem.Message);

                    // One argument that sets two values (Stride = -1 sets height and width) gets one diagnostic, not two.
                    if (!diagnostics.Any(d => d.Id == info.Id && Equals(d.Location, info.Location)))
                    {
                        diagnostics.Add(info);
                    }
                }

                if (diagnostics.Count > 0)
                {
                    return Broken();
                }

                // Every kind has a backward pass today; a future kind without one must not reach the trainer emitter.
                if (training)
                {
                    foreach (LayerAnalysis layer in analysis.Layers)
                    {
                        if (Training.KindTraining.For(layer.Spec.Kind) is null)
                        {
                            diagnostics.Add(new DiagnosticInfo(DiagnosticIds.NoBackwardPass, Pick(convNetLocations, nameof(ConvNetAttribute.Training)),
                                $"'{layer.Name}' ({LayerText.TypeName(layer.Spec.Kind)}) has no backward pass yet, so the network cannot have Training = true"));
                        }
                    }

                    if (diagnostics.Count > 0)
                    {
                        return Broken();
                    }
                }

                // Warnings: the network is still generated.
                foreach (LayerAnalysis layer in analysis.Layers)
                {
                    if (!layer.Spec.Trainable && layer.ParameterCount == 0)
                    {
                        diagnostics.Add(new DiagnosticInfo(DiagnosticIds.FrozenWithoutParameters, Pick(locations[layer.Index], nameof(LayerAttribute.Trainable)),
                            $"'{layer.Name}' ({LayerText.TypeName(layer.Spec.Kind)}) has no parameters, so Trainable = false changes nothing"));
                    }
                }

                var model = new NetworkModel(ns, type.Name, containingTypes.ToEquatableArray(), network, LayerAttributeReader.AllowsWinograd(convNet));
                return new ParseResult(model, diagnostics.ToEquatableArray());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never crash the compilation: report the bug as a diagnostic instead of CS8785.
                diagnostics.Add(new DiagnosticInfo(DiagnosticIds.InternalError, convNetLocation,
                    $"ConvGen could not process this network ({ex.GetType().Name}: {ex.Message}); please report it"));
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }
        }

        /// <summary>A layer attribute on a class without [ConvNet] (reported once, on the first layer attribute).</summary>
        public static EquatableArray<DiagnosticInfo> ParseOrphanLayers(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type)
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            cancellationToken.ThrowIfCancellationRequested();
            AttributeData[] attributes = type.GetAttributes().ToArray();
            if (attributes.Any(a => LayerAttributeReader.IsConvGenAttribute(a, LayerAttributeReader.ConvNetAttribute)))
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            // Each layer attribute type has its own pipeline; only the one of the class's first layer attribute reports.
            AttributeData? first = attributes.FirstOrDefault(LayerAttributeReader.IsLayerAttribute);
            if (first is null || !SymbolEqualityComparer.Default.Equals(first.AttributeClass, context.Attributes[0].AttributeClass))
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            return new[]
            {
                new DiagnosticInfo(DiagnosticIds.MissingConvNet, LocationInfo.From(first.ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                    $"'{type.Name}' has layer attributes but no [ConvNet(height, width, channels)] declaring its input, so no code is generated for it"),
            }.ToEquatableArray();
        }

        private static bool CheckClass(INamedTypeSymbol type, TypeDeclarationSyntax declaration, LocationInfo? location, List<DiagnosticInfo> diagnostics,
            out List<string> containingTypes)
        {
            containingTypes = new List<string>();
            if (declaration is RecordDeclarationSyntax || type.TypeKind != TypeKind.Class)
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticIds.UnsupportedClass, location,
                    $"'{type.Name}' is not a class; declare the network as a 'partial class'"));
                return false;
            }

            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticIds.NotPartialClass, location,
                    $"'{type.Name}' must be declared 'partial' so ConvGen can add the generated inference code to it"));
                return false;
            }

            // TypeParameters, not IsGenericType: a class nested in a generic type is reported for its container below.
            if (type.IsStatic || type.TypeParameters.Length > 0)
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticIds.UnsupportedClass, location,
                    $"'{type.Name}' is {(type.IsStatic ? "static" : "generic")}; a network class must be a non-generic, non-static partial class"));
                return false;
            }

            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                var outerSyntax = outer.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as TypeDeclarationSyntax;
                bool partial = outerSyntax is not null && outerSyntax.Modifiers.Any(SyntaxKind.PartialKeyword);
                if (!partial || outer.IsGenericType || outerSyntax is RecordDeclarationSyntax || outer.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    diagnostics.Add(new DiagnosticInfo(DiagnosticIds.UnsupportedClass, location,
                        $"'{type.Name}' is nested in '{outer.Name}', which must be a non-generic partial class or struct for ConvGen to generate into it"));
                    return false;
                }

                string keyword = outer.TypeKind == TypeKind.Struct ? "struct" : "class";
                containingTypes.Insert(0, "partial " + keyword + " " + outer.Name);
            }

            return true;
        }

        private static AttributeLocations Locate(AttributeData attribute, AttributeSyntax? syntax)
        {
            var arguments = new List<ArgumentLocation>();
            if (syntax?.ArgumentList is { } list)
            {
                IMethodSymbol? ctor = attribute.AttributeConstructor;
                int position = 0;
                foreach (AttributeArgumentSyntax argument in list.Arguments)
                {
                    string? name = argument.NameEquals?.Name.Identifier.ValueText
                        ?? argument.NameColon?.Name.Identifier.ValueText
                        ?? (ctor is not null && position < ctor.Parameters.Length ? ctor.Parameters[position].Name : null);
                    if (argument.NameEquals is null && argument.NameColon is null)
                    {
                        position++;
                    }

                    if (name is not null)
                    {
                        arguments.Add(new ArgumentLocation(name, LocationInfo.From(argument)));
                    }
                }
            }

            return new AttributeLocations(LocationInfo.From(syntax), arguments.ToEquatableArray());
        }

        /// <summary>The argument named first in <paramref name="argument"/> ("a|b") that is written, else the whole attribute.</summary>
        private static LocationInfo? Pick(AttributeLocations where, string? argument)
        {
            if (argument is not null)
            {
                foreach (string candidate in argument.Split('|'))
                {
                    // The last write wins at run time (Stride = 2, StrideHeight = 3), so search from the end.
                    for (int i = where.Arguments.Count - 1; i >= 0; i--)
                    {
                        if (string.Equals(where.Arguments[i].Name, candidate, StringComparison.OrdinalIgnoreCase))
                        {
                            return where.Arguments[i].Location;
                        }
                    }
                }
            }

            return where.Attribute;
        }
    }
}
