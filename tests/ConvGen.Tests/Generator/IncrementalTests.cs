extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Steps = GeneratorAssembly::ConvGen.Generator.ConvNetGenerator.Steps;

namespace ConvGen.Tests.Generator
{
    /// <summary>
    /// The pipeline caches: runs the driver with step tracking, edits the compilation, runs again and checks what
    /// each named step and each output did (the NetEscapades / System.Text.Json incremental test pattern).
    /// </summary>
    public class IncrementalTests
    {
        private const string TwoNetworks = """
            using ConvGen;
            namespace Nets
            {
                [ConvNet(12, 12, 3)]
                [Conv2D(8, 3, Activation = Activation.ReLU)]
                [MaxPool2D(2)]
                public partial class Alpha { }

                [ConvNet(10, 10, 1)]
                [Conv2D(4, 3, Padding = Padding.Same)]
                [Flatten]
                [Dense(5, Activation = Activation.Softmax)]
                public partial class Beta { }
            }
            """;

        private const string Helper = """
            namespace Other
            {
                public class Helper
                {
                    public int Compute(int x) => x + 1;
                }
            }
            """;

        private static readonly string[] NamedSteps = { Steps.Parse, Steps.Networks };

        /// <summary>Every tracking name the generator declares, found by reflection so a new step is covered without editing this list.</summary>
        private static readonly string[] AllSteps = typeof(Steps).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

        [Fact]
        public void NewUnrelatedFileLeavesEveryStepCachedOrUnchanged()
        {
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TwoNetworks, Helper);
            CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));

            GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

            AssertAllCachedOrUnchanged(second);
            AssertOutputs(second, expectedCached: 2, expectedModified: 0);
        }

        [Fact]
        public void MethodBodyEditElsewhereLeavesEveryStepCachedOrUnchanged()
        {
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TwoNetworks, Helper);
            SyntaxTree helper = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
            SyntaxTree changed = helper.WithChangedText(helper.GetText().Replace(helper.GetText().ToString().IndexOf("x + 1", StringComparison.Ordinal), 5, "x * 2 + 1"));

            GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(helper, changed)).GetRunResult().Results.Single();

            AssertAllCachedOrUnchanged(second);
            AssertOutputs(second, expectedCached: 2, expectedModified: 0);
        }

        [Fact]
        public void CloneOfTheSameCompilationLeavesEveryStepCachedOrUnchanged()
        {
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TwoNetworks, Helper);

            GeneratorRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

            AssertAllCachedOrUnchanged(second);
            AssertOutputs(second, expectedCached: 2, expectedModified: 0);
        }

        [Fact]
        public void WhitespaceEditInTheNetworkFileReemitsNothing()
        {
            // The attributes move (new spans) but the declarations are equal: parse reruns, its results compare equal.
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TwoNetworks, Helper);
            SyntaxTree nets = compilation.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
            SyntaxTree moved = nets.WithChangedText(nets.GetText().Replace(0, 0, "// a comment\n\n"));

            GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(nets, moved)).GetRunResult().Results.Single();

            AssertAllCachedOrUnchanged(second);
            AssertOutputs(second, expectedCached: 2, expectedModified: 0);
        }

        [Fact]
        public void ChangingOneLayerArgumentRegeneratesOnlyThatNetwork()
        {
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TwoNetworks, Helper);
            GeneratorRunResult first = driver.GetRunResult().Results.Single();
            SyntaxTree nets = compilation.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
            string text = nets.GetText().ToString();
            SyntaxTree changed = nets.WithChangedText(nets.GetText().Replace(text.IndexOf("Conv2D(8, 3", StringComparison.Ordinal), "Conv2D(8, 3".Length, "Conv2D(6, 3"));

            GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(nets, changed)).GetRunResult().Results.Single();

            // Alpha's model changed, Beta's parse reran (same file) but compared equal.
            var networks = second.TrackedSteps[Steps.Networks].SelectMany(s => s.Outputs).ToList();
            Assert.Equal(IncrementalStepRunReason.Modified, networks.Single(o => ClassName(o.Value) == "Alpha").Reason);
            Assert.True(networks.Single(o => ClassName(o.Value) == "Beta").Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
            var parse = second.TrackedSteps[Steps.Parse].SelectMany(s => s.Outputs).ToList();
            Assert.Equal(2, parse.Count);
            Assert.Single(parse, o => o.Reason == IncrementalStepRunReason.Unchanged); // Beta: reran, compared equal
            AssertOutputs(second, expectedCached: 1, expectedModified: 1);

            Assert.NotEqual(Source(first, "Nets.Alpha.g.cs"), Source(second, "Nets.Alpha.g.cs"));
            Assert.Contains("Filters = 6", Source(second, "Nets.Alpha.g.cs"), StringComparison.Ordinal);
            Assert.Equal(Source(first, "Nets.Beta.g.cs"), Source(second, "Nets.Beta.g.cs"));
        }

        [Fact]
        public void ChangingANetworkInItsOwnFileLeavesTheOtherFilesNetworkCached()
        {
            string alphaOnly = TwoNetworks.Substring(0, TwoNetworks.IndexOf("[ConvNet(10", StringComparison.Ordinal)) + "}\n";
            string gamma = "using ConvGen;\nnamespace Nets\n{\n    [ConvNet(8, 8, 2)]\n    [AvgPool2D(2)]\n    public partial class Gamma { }\n}\n";
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(alphaOnly, gamma);
            SyntaxTree gammaTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
            SyntaxTree changed = gammaTree.WithChangedText(SourceTextOf(gamma.Replace("AvgPool2D(2)", "AvgPool2D(4)", StringComparison.Ordinal)));

            GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(gammaTree, changed)).GetRunResult().Results.Single();

            var parse = second.TrackedSteps[Steps.Parse].SelectMany(s => s.Outputs).ToList();
            Assert.Contains(parse, o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.Contains(parse, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
            AssertOutputs(second, expectedCached: 1, expectedModified: 1);
        }

        [Fact]
        public void InvalidNetworkReemitsNothingOnUnrelatedEdit()
        {
            // A broken network: the valid one stays cached; the diagnostics pipeline is data too.
            string broken = "using ConvGen;\n[ConvNet(4, 4, 1)]\n[Conv2D(2, 5)]\npublic partial class Broken { }\n";
            (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(TwoNetworks, broken);
            Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id == "CG0011");
            Assert.Single(driver.GetRunResult().Results.Single().TrackedSteps[Steps.Diagnostics]);

            GeneratorRunResult second = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs")))
                .GetRunResult().Results.Single();

            AssertAllCachedOrUnchanged(second);
            Assert.Contains(second.Diagnostics, d => d.Id == "CG0011");
            Assert.Equal(3, second.GeneratedSources.Length); // two networks and the broken one's stub

            // The emit outputs are cached; only the diagnostic is re-reported (it is located in the new compilation's tree).
            var outputs = second.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).ToList();
            Assert.Equal(3, outputs.Count(o => HasSource(o.Value) && o.Reason == IncrementalStepRunReason.Cached));
            Assert.DoesNotContain(outputs, o => HasSource(o.Value) && o.Reason != IncrementalStepRunReason.Cached);
        }

        [Fact]
        public void TrackedModelsHoldNoSymbolsSyntaxOrCompilations()
        {
            string broken = "using ConvGen;\n[ConvNet(4, 4, 1)]\n[Conv2D(2, 5)]\npublic partial class Broken { }\n[Dense(3)]\npublic partial class Orphan { }\n";
            (GeneratorDriver driver, _) = FirstRun(TwoNetworks, broken);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();

            int models = 0, objects = 0;
            foreach (string step in AllSteps.Where(result.TrackedSteps.ContainsKey))
            {
                foreach ((object value, IncrementalStepRunReason _) in result.TrackedSteps[step].SelectMany(s => s.Outputs))
                {
                    models++;
                    List<string> problems = ModelGraph.FindForbidden(value, out int visited);
                    objects += visited;
                    Assert.True(problems.Count == 0, $"step {step} holds:\n" + string.Join("\n", problems));
                }
            }

            // The walk saw real models: 3 parse results, 1 diagnostics list, 2 networks, and the orphan check.
            Assert.True(models >= 7, $"only {models} step outputs were walked");
            Assert.True(objects > 20, $"only {objects} objects were walked");
            var parse = result.TrackedSteps[Steps.Parse].SelectMany(s => s.Outputs).Select(o => o.Value.GetType().Name).Distinct().ToList();
            Assert.Equal(new[] { "ParseResult" }, parse);
        }

        [Fact]
        public void EveryDeclaredTrackingNameIsAStepThatRuns()
        {
            // A broken Training network (stub), an orphan layer and two good networks exercise every branch of the pipeline.
            string broken = "using ConvGen;\n[ConvNet(4, 4, 1, Training = true)]\n[Conv2D(2, 5)]\npublic partial class Broken { }\n[Dense(3)]\npublic partial class Orphan { }\n";
            (GeneratorDriver driver, _) = FirstRun(TwoNetworks, broken);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();

            Assert.True(AllSteps.Length >= 5, "tracking names found: " + string.Join(", ", AllSteps));
            Assert.All(AllSteps, step => Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} is declared but never tracked"));
        }

        [Fact]
        public void ModelGraphWalkerFindsASymbolSyntaxAndLocation()
        {
            // The walker itself can fail: a model holding a symbol, a node or a location is caught, even nested in arrays.
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation("class C { }");
            SyntaxTree tree = compilation.SyntaxTrees[0];
            var holder = new { Items = new object[] { 1, "x", new { Symbol = compilation.GetTypeByMetadataName("C") } }, Node = tree.GetRoot(), Where = tree.GetRoot().GetLocation() };

            List<string> problems = ModelGraph.FindForbidden(holder, out _);

            Assert.Equal(3, problems.Count);
            Assert.Contains(problems, p => p.Contains("ISymbol", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("SyntaxNode", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("Location", StringComparison.Ordinal));
            Assert.Empty(ModelGraph.FindForbidden(new { A = 1, B = new[] { "x" } }, out _));
        }

        private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources);
            GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
            GeneratorRunResult first = driver.GetRunResult().Results.Single();
            Assert.Null(first.Exception);
            Assert.NotEmpty(first.GeneratedSources);
            foreach (string step in NamedSteps)
            {
                Assert.True(first.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            }

            return (driver, compilation);
        }

        private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
        {
            Assert.Null(result.Exception);
            foreach (string step in AllSteps.Where(result.TrackedSteps.ContainsKey))
            {
                foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[step])
                {
                    foreach ((object value, IncrementalStepRunReason reason) in run.Outputs)
                    {
                        Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                            $"step {step} output {value} was {reason}");
                    }
                }
            }
        }

        private static void AssertOutputs(GeneratorRunResult result, int expectedCached, int expectedModified)
        {
            var outputs = result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).ToList();
            var sourceOutputs = outputs.Where(o => HasSource(o.Value)).ToList();
            Assert.Equal(expectedCached, sourceOutputs.Count(o => o.Reason == IncrementalStepRunReason.Cached));
            Assert.Equal(expectedModified, sourceOutputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
            if (expectedModified == 0)
            {
                Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
            }
        }

        /// <summary>Whether an output step's value (sources, diagnostics) added a source file.</summary>
        private static bool HasSource(object value)
        {
            object? sources = value.GetType().GetField("Item1")?.GetValue(value);
            return sources is System.Collections.IEnumerable e && e.Cast<object>().Any();
        }

        private static string? ClassName(object model) => (string?)model.GetType().GetProperty("ClassName")?.GetValue(model);

        private static string Source(GeneratorRunResult result, string hintName) =>
            result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

        private static Microsoft.CodeAnalysis.Text.SourceText SourceTextOf(string text) => Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }
}
