using System.Collections.Immutable;
using System.Linq;
using ConvGen.Generator.Diagnostics;
using ConvGen.Generator.Emitting;
using ConvGen.Generator.Model;
using ConvGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator
{
    /// <summary>
    /// The ConvGen incremental generator. Parse (attributes -> equatable <see cref="ParseResult"/>) and emit
    /// (<see cref="NetworkModel"/> -> source) are separate steps; diagnostics travel as data in their own branch,
    /// so an edit that leaves a network's declaration unchanged re-emits nothing.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ConvNetGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names, for the caching tests.</summary>
        public static class Steps
        {
            public const string Parse = "ConvGen.Parse";
            public const string Diagnostics = "ConvGen.Diagnostics";
            public const string Networks = "ConvGen.Networks";
            public const string OrphanLayers = "ConvGen.OrphanLayers";
            public const string Stubs = "ConvGen.Stubs";
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "ConvGen.ConvNetAttribute",
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, ct) => NetworkParser.Parse(ctx, ct))
                .WithTrackingName(Steps.Parse);

            // Only declarations with problems enter the diagnostics branch (see RegisterDiagnostics).
            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
                .Where(static result => result.Diagnostics.Count > 0)
                .Select(static (result, _) => result.Diagnostics)
                .WithTrackingName(Steps.Diagnostics);
            RegisterDiagnostics(context, diagnostics);

            IncrementalValuesProvider<NetworkModel> networks = parsed
                .Where(static result => result.Network is not null)
                .Select(static (result, _) => result.Network!)
                .WithTrackingName(Steps.Networks);
            context.RegisterSourceOutput(networks, static (spc, model) =>
                spc.AddSource(NetworkEmitter.HintName(model), NetworkEmitter.Emit(model)));

            // A declaration with errors that can hold code gets a stub instead, so its uses do not cascade into more errors.
            IncrementalValuesProvider<NetworkStub> stubs = parsed
                .Where(static result => result.Stub is not null)
                .Select(static (result, _) => result.Stub!)
                .WithTrackingName(Steps.Stubs);
            context.RegisterSourceOutput(stubs, static (spc, stub) => spc.AddSource(StubEmitter.HintName(stub), StubEmitter.Emit(stub)));

            // Layer attributes on a class without [ConvNet]: one pipeline per layer attribute type.
            foreach (string name in LayerAttributeReader.LayerAttributeNames)
            {
                IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> orphans = context.SyntaxProvider
                    .ForAttributeWithMetadataName(
                        LayerAttributeReader.Namespace + "." + name,
                        static (node, _) => node is TypeDeclarationSyntax,
                        static (ctx, ct) => NetworkParser.ParseOrphanLayers(ctx, ct))
                    .WithTrackingName(Steps.OrphanLayers);
                RegisterDiagnostics(context, orphans);
            }
        }

        /// <summary>
        /// Reports diagnostics at locations inside the user's syntax trees: a file-path-only location would escape
        /// <c>#pragma warning disable</c> and per-file .editorconfig severities. Only results that have diagnostics meet
        /// the compilation (one cheap re-report per edit while they exist), so declarations without problems stay cached.
        /// </summary>
        private static void RegisterDiagnostics(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics)
        {
            IncrementalValuesProvider<(EquatableArray<DiagnosticInfo> Left, Compilation Right)> withTrees = diagnostics
                .Where(static list => list.Count > 0)
                .Combine(context.CompilationProvider);
            context.RegisterSourceOutput(withTrees, static (spc, pair) => Report(spc, pair.Left, pair.Right));
        }

        private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics, Compilation compilation)
        {
            foreach (DiagnosticInfo info in diagnostics)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.Get(info.Id), info.Location?.ToLocation(compilation), info.Message));
            }
        }
    }
}
