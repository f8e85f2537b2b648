using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Parsing
{
    /// <summary>
    /// Members the user declared on a [ConvNet] class that the generated code declares too: the generated file would
    /// not compile (CS0102, CS0111), with the errors inside it. Each becomes a ConvGen diagnostic on the user's member.
    /// </summary>
    internal static class MemberConflicts
    {
        /// <summary>Names the generated class declares whatever the member kind (constants, fields, properties, helpers).</summary>
        public static readonly string[] GeneratedNames =
        {
            "InputHeight", "InputWidth", "InputChannels", "InputLength", "OutputRank", "OutputHeight", "OutputWidth",
            "OutputChannels", "OutputLength", "ParameterCount", "ScratchLength", "PackedWeightLength", "Network",
            "_weights", "_weightsStart", "_weightsFinite", "_scratch", "_running", "_batchRunner", "Trainer",
        };

        /// <summary>Adds a diagnostic per conflicting member; returns the names of all members the class declares itself.</summary>
        public static List<string> Find(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var declared = new List<string>();
            foreach (ISymbol member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared)
                {
                    continue;
                }

                string name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? ".ctor" : member.Name;
                if (!declared.Contains(name))
                {
                    declared.Add(name);
                }

                string? generated = Conflict(member);
                if (generated is not null)
                {
                    SyntaxNode? syntax = member.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
                    diagnostics.Add(new DiagnosticInfo(DiagnosticIds.MemberConflict, LocationInfo.From(syntax),
                        $"'{type.Name}' declares {generated}, which ConvGen generates for the network; remove or rename it"));
                }
            }

            return declared;
        }

        /// <summary>How the generated member that <paramref name="member"/> collides with is described, or null.</summary>
        private static string? Conflict(ISymbol member)
        {
            if (member is IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.Constructor && !method.IsStatic && (Is(method, "System.ReadOnlySpan<float>") || Is(method, "float[]")))
                {
                    return $"the constructor '{method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'";
                }

                if (method.MethodKind == MethodKind.Ordinary && method.Name == "Run"
                    && (Is(method, "System.ReadOnlySpan<float>", "System.Span<float>")
                        || Is(method, "System.ReadOnlyMemory<float>", "System.Memory<float>", "int", "int")))
                {
                    return $"the method '{method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'";
                }

                if (method.MethodKind != MethodKind.Ordinary)
                {
                    return null; // accessors and operators are reported through their property or not at all
                }
            }
            else if (member.Name == "Run" && member is not INamedTypeSymbol)
            {
                return $"a member named 'Run'";
            }

            return GeneratedNames.Contains(member.Name) ? $"a member named '{member.Name}'" : null;
        }

        private static bool Is(IMethodSymbol method, params string[] parameterTypes) =>
            method.Parameters.Length == parameterTypes.Length
            && method.Parameters.Select(p => p.Type.ToDisplayString()).SequenceEqual(parameterTypes);
    }
}
