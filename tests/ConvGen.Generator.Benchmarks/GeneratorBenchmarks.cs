using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Generator.Benchmarks;

/// <summary>
/// The ConvGen generator on a project with one network of 1, 10 or 50 layers and a few unrelated files:
/// a full run (a fresh driver, as on a clean build) and the incremental re-run an IDE does after an unrelated edit,
/// which must reuse every cached output and emit nothing (checked in <see cref="Setup"/>).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [Params(1, 10, 50)]
    public int Layers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(Network(Layers), ParseOptions, path: "Network.cs") };
        for (int i = 0; i < 5; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText($"namespace App {{ public class Service{i} {{ public int Compute(int x) => x * {i} + 1; }} }}", ParseOptions, path: $"Service{i}.cs"));
        }

        _compilation = CSharpCompilation.Create("Bench", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        SyntaxTree service = trees[1];
        _edited = _compilation.ReplaceSyntaxTree(service, service.WithChangedText(service.GetText().Replace(service.GetText().ToString().IndexOf("+ 1", StringComparison.Ordinal), 3, "+ 2")));
        _warmDriver = CreateDriver(trackSteps: false).RunGenerators(_compilation);

        // The incremental run must produce the same file from cache: no step modified, every output cached.
        GeneratorRunResult first = CreateDriver(trackSteps: true).RunGenerators(_compilation).GetRunResult().Results.Single();
        GeneratorRunResult second = CreateDriver(trackSteps: true).RunGenerators(_compilation).RunGenerators(_edited).GetRunResult().Results.Single();
        if (first.Exception is not null || first.GeneratedSources.Length != 1 || first.Diagnostics.Length != 0)
        {
            throw new InvalidOperationException($"the benchmark network does not generate cleanly: {first.Exception} {string.Join("; ", first.Diagnostics)}");
        }

        var outputs = second.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).ToList();
        if (outputs.Count == 0 || outputs.Any(o => o.Reason != IncrementalStepRunReason.Cached))
        {
            throw new InvalidOperationException("the incremental run re-emitted: " + string.Join(", ", outputs.Select(o => o.Reason)));
        }

        Console.WriteLine($"// {Layers} layers: {first.GeneratedSources[0].SourceText.Length:N0} chars generated; incremental outputs: {outputs.Count} cached");
    }

    /// <summary>A fresh driver on a fresh compilation: parse, shape inference and emit of the whole network.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => CreateDriver(trackSteps: false).RunGenerators(_compilation.Clone());

    /// <summary>The warm driver after an edit to an unrelated method body: re-parse, compare, reuse the cached file.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalRunAfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited.Clone());

    private static GeneratorDriver CreateDriver(bool trackSteps) => CSharpGeneratorDriver.Create(
        new[] { new ConvNetGenerator().AsSourceGenerator() }, parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static IEnumerable<MetadataReference> References()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted.Where(p => Path.GetDirectoryName(p) == framework).Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ConvNetAttribute).Assembly.Location)).ToList();
    }

    /// <summary>A network of <paramref name="layers"/> layers on a 32x32x3 input: convolutions, pools, activations, then a dense head.</summary>
    public static string Network(int layers)
    {
        string[] cycle =
        {
            "[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]",
            "[Conv2D(16, 1)]",
            "[AvgPool2D(3, Stride = 1, Padding = Padding.Same)]",
            "[Conv2D(16, 5, Padding = Padding.Same, Activation = Activation.Tanh)]",
            "[MaxPool2D(2, Stride = 1, Padding = Padding.Same)]",
            "[Activation(Activation.Sigmoid)]",
        };
        var sb = new StringBuilder("using ConvGen;\nnamespace Bench\n{\n    [ConvNet(32, 32, 3)]\n");
        if (layers == 1)
        {
            sb.Append("    ").Append(cycle[0]).Append('\n');
        }
        else
        {
            for (int i = 0; i < layers - 2; i++)
            {
                sb.Append("    ").Append(cycle[i % cycle.Length]).Append('\n');
            }

            sb.Append("    [Flatten]\n    [Dense(10, Activation = Activation.Softmax)]\n");
        }

        sb.Append("    public partial class Net { }\n}\n");
        return sb.ToString();
    }
}
