using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Tests.Generator
{
    /// <summary>
    /// The generated code compiles with every warning as an error (all warning waves, nullable on), down to the oldest
    /// language version it supports, and stays small: no method above the JIT's 60,000-byte IL limit, and source size
    /// that grows with the number of layers, not with image size or multiply-adds.
    /// </summary>
    public class GeneratedCodeQualityTests
    {
        /// <summary>The oldest C# version the generated code compiles under (documented in docs/generated-code.md).</summary>
        public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp9;

        /// <summary>RyuJIT compiles methods above this many IL bytes with MinOpts (no optimization).</summary>
        public const int MaxMethodIlBytes = 60_000;

        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public GeneratedCodeQualityTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        private static readonly string[] Networks = SampleNetworks.AllSources.Append(SampleNetworks.Deep("Deep20", 20)).ToArray();

        [Fact]
        public void CompilesWithAllWarningsAsErrorsAndNullable()
        {
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release);
            (Compilation output, GeneratorRunResult run) = Generate(Networks, GeneratorHarness.ParseOptions, options);

            Assert.Equal(Networks.Length, run.GeneratedSources.Length);
            ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics();
            Assert.True(diagnostics.IsEmpty, "generated code has diagnostics:\n" + string.Join("\n", diagnostics.Take(20)));
            Assert.True(output.Emit(Stream.Null).Success);
        }

        [Fact]
        public void CompilesUnderTheMinimumLanguageVersionAndNotBelow()
        {
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
            (Compilation atMinimum, _) = Generate(Networks, new CSharpParseOptions(MinimumLanguageVersion), options);
            var errors = atMinimum.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.True(errors.Count == 0, $"C# {MinimumLanguageVersion}:\n" + string.Join("\n", errors.Take(20)));

            // One version lower fails inside the generated files (so the documented minimum is tight).
            (Compilation below, GeneratorRunResult run) = Generate(Networks, new CSharpParseOptions(LanguageVersion.CSharp8), options);
            var generated = new HashSet<SyntaxTree>(run.GeneratedSources.Select(s => s.SyntaxTree));
            Assert.Contains(below.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && generated.Contains(t));
        }

        [Fact]
        public void NoGeneratedMethodExceedsTheJitIlLimit()
        {
            // 50 layers, 32 channels, 5x5 kernels and a wide dense head: the biggest methods the emitter writes.
            string deep = SampleNetworks.Deep("Deep50", 50, size: 24, channels: 32);
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable);
            (Compilation output, _) = Generate(new[] { deep }, GeneratorHarness.ParseOptions, options);
            using var pe = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emit = output.Emit(pe);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Take(10)));

            pe.Position = 0;
            using var reader = new PEReader(pe);
            MetadataReader metadata = reader.GetMetadataReader();
            var sizes = new List<(string Name, int Size)>();
            foreach (MethodDefinitionHandle handle in metadata.MethodDefinitions)
            {
                MethodDefinition method = metadata.GetMethodDefinition(handle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                TypeDefinition type = metadata.GetTypeDefinition(method.GetDeclaringType());
                sizes.Add(($"{metadata.GetString(type.Name)}.{metadata.GetString(method.Name)}", reader.GetMethodBody(method.RelativeVirtualAddress).Size));
            }

            Assert.True(sizes.Count > 50, $"only {sizes.Count} methods found"); // ~1 per layer plus border helpers and the class members
            (string largestName, int largest) = sizes.MaxBy(s => s.Size);
            Assert.True(largest <= MaxMethodIlBytes, $"{largestName} has {largest} IL bytes (limit {MaxMethodIlBytes})");
            Assert.True(largest > 500, $"the largest method has only {largest} bytes: is the IL being read?");
            _output.WriteLine($"{sizes.Count} methods; largest {largestName} = {largest} IL bytes; total {sizes.Sum(s => s.Size)}");
        }

        [Fact]
        public void SourceSizeGrowsLinearlyWithLayersNotWithImageSize()
        {
            int Size(int layers, int image) => Generate(new[] { SampleNetworks.Deep("D", layers, size: image) }, GeneratorHarness.ParseOptions,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).Run.GeneratedSources.Single().SourceText.Length;

            int s10 = Size(10, 16), s26 = Size(26, 16), s50 = Size(50, 16);

            // The cycle of layer kinds repeats every 6 layers, so 10 -> 26 and 26 -> 50 add comparable layer mixes.
            double perLayerLow = (s26 - s10) / 16.0, perLayerHigh = (s50 - s26) / 24.0;
            Assert.InRange(perLayerHigh / perLayerLow, 0.8, 1.25);
            Assert.InRange(perLayerHigh, 500, 20_000);

            // More pixels (and multiply-adds) do not grow the code: past the register-tile width (a few tile shapes for the
            // row remainders and border columns), 16x more pixels change only the numbers in the text.
            int big = Size(10, 64), huge = Size(10, 256);
            _output.WriteLine($"source chars: 10 layers {s10}, 26 layers {s26}, 50 layers {s50}; 10 layers at 64x64 {big}, at 256x256 {huge}; per layer {perLayerLow:F0} / {perLayerHigh:F0}");
            Assert.InRange(big / (double)s10, 0.9, 1.25);
            // Slightly smaller is fine: layers whose code becomes identical share one kernel class (SharedKernels).
            Assert.InRange(huge / (double)big, 0.9, 1.05);
        }

        private static (Compilation Output, GeneratorRunResult Run) Generate(string[] sources, CSharpParseOptions parseOptions, CSharpCompilationOptions options)
        {
            CSharpCompilation compilation = CSharpCompilation.Create("Quality" + Guid.NewGuid().ToString("N"),
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"Net{i}.cs")),
                GeneratorHarness.CreateCompilation().References, options);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new GeneratorAssemblyRef().Generator }, parseOptions: parseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
            Assert.Empty(diagnostics);
            return (output, driver.GetRunResult().Results.Single());
        }
    }
}
