extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Tests.Infrastructure
{
    /// <summary>
    /// Runs the ConvGen generator in memory (CSharpGeneratorDriver) over source text, the way the compiler does,
    /// and compiles and loads the result. Many networks go into one compilation so the suites stay fast
    /// (as the Regex tests batch patterns).
    /// </summary>
    public static class GeneratorHarness
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        {
            // The shared framework (as a user's project references it) plus the ConvGen runtime library; nothing from the test folder.
            string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            var refs = trusted.Where(p => Path.GetDirectoryName(p) == framework)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
            refs.Add(MetadataReference.CreateFromFile(typeof(ConvNetAttribute).Assembly.Location));
            return refs.Distinct().ToImmutableArray();
        });

        public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

        public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
            "ConvGenTest" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release, allowUnsafe: false));

        public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
            new[] { new GeneratorAssembly::ConvGen.Generator.ConvNetGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

        /// <summary>Runs the generator; returns the updated compilation and what the generator produced.</summary>
        public static GeneratorResult Run(params string[] sources)
        {
            CSharpCompilation compilation = CreateCompilation(sources);
            GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
            GeneratorDriverRunResult run = driver.GetRunResult();
            return new GeneratorResult(output, generatorDiagnostics, run);
        }

        /// <summary>
        /// A class that constructs generated networks by name (constructors take a span, which reflection cannot pass).
        /// </summary>
        public static string FactorySource(IEnumerable<string> fullNames)
        {
            var cases = string.Join("\n", fullNames.Select(n => $"            \"{n}\" => new global::{n}(parameters),"));
            return "public static class ConvGenTestFactory\n{\n    public static global::ConvGen.IConvNet Create(string name, float[] parameters) => name switch\n    {\n"
                + cases + "\n            _ => throw new global::System.ArgumentException(name),\n    };\n}\n";
        }

        /// <summary>Runs the generator, compiles everything and loads it into a collectible context; fails on any error or warning.</summary>
        public static LoadedAssembly CompileAndLoad(params string[] sources)
        {
            GeneratorResult result = Run(sources);
            Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            using var stream = new MemoryStream();
            var emit = result.Compilation.Emit(stream);
            var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.True(problems.Count == 0, "Generated code does not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
            stream.Position = 0;
            var context = new AssemblyLoadContext("ConvGenTest", isCollectible: true);
            return new LoadedAssembly(context, context.LoadFromStream(stream), result);
        }
    }

    public sealed record GeneratorResult(Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult RunResult)
    {
        /// <summary>Generated files by hint name.</summary>
        public IReadOnlyDictionary<string, string> Sources => RunResult.Results.SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        /// <summary>ConvGen's own diagnostics (CG....).</summary>
        public IReadOnlyList<Diagnostic> ConvGenDiagnostics => GeneratorDiagnostics.Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A compiled test assembly in a collectible load context; unloads on dispose.</summary>
    public sealed class LoadedAssembly : IDisposable
    {
        private readonly AssemblyLoadContext _context;

        public LoadedAssembly(AssemblyLoadContext context, Assembly assembly, GeneratorResult result)
        {
            _context = context;
            Assembly = assembly;
            Result = result;
        }

        public Assembly Assembly { get; }

        public GeneratorResult Result { get; }

        /// <summary>Creates a generated network by full name (the class must be listed in <see cref="GeneratorHarness.FactorySource"/>).</summary>
        public GeneratedNetwork Network(string fullName, float[] parameters)
        {
            MethodInfo create = Assembly.GetType("ConvGenTestFactory", throwOnError: true)!.GetMethod("Create")!;
            try
            {
                var instance = (IConvNet)create.Invoke(null, new object[] { fullName, parameters })!;
                return new GeneratedNetwork(Assembly.GetType(fullName, throwOnError: true)!, instance);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        public void Dispose() => _context.Unload();
    }

    /// <summary>A generated network, created through the factory the harness adds to every test compilation.</summary>
    public sealed class GeneratedNetwork
    {
        public GeneratedNetwork(Type type, IConvNet instance)
        {
            Type = type;
            Instance = instance;
        }

        public Type Type { get; }

        public IConvNet Instance { get; }

        public int Const(string name) => (int)Type.GetField(name)!.GetValue(null)!;

        public NetworkSpec Spec => Instance.Specification;

        public float[] Run(float[] input)
        {
            var output = new float[Instance.OutputLength];
            Instance.Run(input, output);
            return output;
        }
    }
}
