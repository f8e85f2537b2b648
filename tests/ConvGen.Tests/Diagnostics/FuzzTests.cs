using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ConvGen.Tests.Generated;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Tests.Diagnostics
{
    /// <summary>
    /// Robustness: thousands of malformed and half-typed declarations (missing and wrongly typed arguments, negative and
    /// huge sizes, undefined enum values, syntax errors inside attribute lists, nested/generic/static classes, structs,
    /// records, file-scoped namespaces) next to valid ones. The generator never throws, nothing broken is silently
    /// dropped (each gets a ConvGen diagnostic or a compiler error in its own file), and the valid ones still generate
    /// code that compiles. One declaration per syntax tree, so a syntax error stays inside its own declaration.
    /// </summary>
    public class FuzzTests
    {
        public const int Batches = 10;
        public const int DeclarationsPerBatch = 120;

        public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(i => new object[] { i });

        [Theory]
        [MemberData(nameof(BatchIndices))]
        public void GeneratorSurvivesMalformedDeclarations(int batch)
        {
            var random = new Random(7000 + batch);
            var cases = new List<FuzzCase>();
            for (int i = 0; i < DeclarationsPerBatch; i++)
            {
                cases.Add(FuzzCase.Draw(random, $"F{batch}_{i}"));
            }

            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(cases.Select(c => c.Source).ToArray());
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
            GeneratorRunResult run = driver.GetRunResult().Results.Single();

            if (run.Exception is not null)
            {
                Assert.Fail($"batch seed {7000 + batch}: the generator threw {run.Exception}\n"
                    + string.Join("\n\n", cases.Where(c => run.Exception.Message.Contains("." + c.ClassName + ".g.cs", StringComparison.Ordinal)).Select(c => c.Source)));
            }

            Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8784" or "CS8785");
            Assert.All(generatorDiagnostics, d => Assert.StartsWith("CG", d.Id, StringComparison.Ordinal));
            Assert.DoesNotContain(generatorDiagnostics, d => d.Id == "CG0099");
            Assert.All(generatorDiagnostics, d => Assert.Equal(LocationKind.SourceFile, d.Location.Kind));

            ImmutableArray<Diagnostic> compilerDiagnostics = output.GetDiagnostics();
            var generatedTrees = new HashSet<SyntaxTree>(run.GeneratedSources.Select(s => s.SyntaxTree));
            var generatedErrors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && generatedTrees.Contains(t)).ToList();
            Assert.True(generatedErrors.Count == 0, "generated code does not compile:\n" + string.Join("\n", generatedErrors.Take(10)));

            int validGenerated = 0, brokenReported = 0;
            var failures = new StringBuilder();
            for (int i = 0; i < cases.Count; i++)
            {
                FuzzCase c = cases[i];
                SyntaxTree tree = compilation.SyntaxTrees[i];
                bool generated = run.GeneratedSources.Any(s => s.HintName == c.ClassName + ".g.cs" || s.HintName.EndsWith("." + c.ClassName + ".g.cs", StringComparison.Ordinal));
                var errors = generatorDiagnostics.Concat(compilerDiagnostics)
                    .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == tree.FilePath)
                    .Select(d => d.Id).Distinct().ToList();

                if (c.ExpectValid && (!generated || errors.Count > 0))
                {
                    failures.Append($"valid declaration did not generate cleanly (errors: {string.Join(", ", errors)}):\n{c.Source}\n\n");
                }
                else if (c.IsDeclaration && !generated && errors.Count == 0)
                {
                    failures.Append($"declaration silently dropped (no code, no diagnostic):\n{c.Source}\n\n");
                }

                validGenerated += c.ExpectValid && generated ? 1 : 0;
                brokenReported += !c.ExpectValid && errors.Count > 0 ? 1 : 0;
            }

            Assert.True(failures.Length == 0, $"batch seed {7000 + batch}:\n{failures}");

            // The mix really exercised both sides.
            Assert.True(validGenerated >= DeclarationsPerBatch / 10, $"only {validGenerated} valid declarations");
            Assert.True(brokenReported >= DeclarationsPerBatch / 2, $"only {brokenReported} broken declarations reported");
        }

        /// <summary>One fuzzed declaration in its own file.</summary>
        private sealed record FuzzCase(string ClassName, string Source, bool ExpectValid, bool IsDeclaration)
        {
            private static readonly string[] BadNumbers =
            {
                "0", "-1", "-7", "int.MaxValue", "int.MinValue", "70000", "65536", "1 << 20", "100000 * 100000", "\"3\"", "3.5", "3.5f", "true",
                "null", "Padding.Same", "(Padding)7", "", "x", "default", "'c'", "3L", "(short)2", "nameof(x)",
            };

            private static readonly string[] BadNamed =
            {
                "Padding = (Padding)7", "Padding = (Padding)(-1)", "Activation = (Activation)99", "Activation = (Activation)(-1)", "Stride = 0", "Dilation = -2",
                "StrideWidth = 100000", "DilationHeight = 65537", "Activation = Activation.LeakyReLU, NegativeSlope = float.NaN",
                "Activation = Activation.LeakyReLU, NegativeSlope = float.PositiveInfinity", "Nonexistent = 3", "UseBias = 1", "Padding = 1",
                "Padding = Padding.Diagonal", "Activation = Activation.Swish", "Stride = ", "= 3", "Stride: 2", "filters: 3", "Padding = Padding.Same",
                "Stride = 2", "Activation = Activation.ReLU",
            };

            private static readonly string[] Junk = { ",", "(", ")", "]", "[", "=", ";", "\"", "@", "=>", ",,", "Padding.", "new[] { 1 }", "/*", "//", "#if X", "{" };

            private static readonly string[] Layers =
            {
                "[Conv2D(4, 3)]", "[Conv2D(2, 5, 1, Padding = Padding.Same)]", "[MaxPool2D(2)]", "[AvgPool2D(3, Stride = 1)]", "[Flatten]", "[Dense(3)]",
                "[Activation(Activation.Softmax)]", "[Conv3D(3)]", "[ConvNet(4, 4, 1)]",
            };

            public static FuzzCase Draw(Random r, string name)
            {
                // The network comes from its own stream, so a change to how RandomNetworks draws does not reshuffle the mix of
                // mutations, types and containers below (how many declarations of a batch are valid).
                var networkRandom = new Random(r.Next());
                NetworkSpec spec = RandomNetworks.Draw(networkRandom);
                List<string> lines = RandomNetworks.ToSource(spec, name, networkRandom).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
                lines.RemoveAt(lines.Count - 1); // the class line; written below
                string attributes = string.Join("\n", lines);

                bool mutated = r.Next(10) >= 3; // 70% broken in the attributes
                int mutations = mutated ? r.Next(1, 3) : 0;
                string extraDeclaration = string.Empty;
                for (int m = 0; m < mutations; m++)
                {
                    switch (r.Next(11))
                    {
                        case 0: attributes = ReplaceNumber(r, attributes); break;
                        case 1: attributes = DropArgument(r, attributes); break;
                        case 2: attributes = AddNamed(r, attributes); break;
                        case 3: attributes = attributes.Substring(0, r.Next(attributes.Length)); break; // half-typed
                        case 4: attributes = attributes.Insert(r.Next(attributes.Length + 1), Junk[r.Next(Junk.Length)]); break;
                        case 5: attributes = Regex.Replace(attributes, @"^\[ConvNet\([^\n]*\n?", string.Empty); break; // no [ConvNet]
                        case 6: attributes = lines[0]; break; // no layers
                        case 7: attributes = attributes.Insert(attributes.IndexOf('\n') + 1 is var at && at > 0 ? at : attributes.Length, Layers[r.Next(Layers.Length)] + "\n"); break;
                        case 8: attributes += "\n" + Layers[r.Next(Layers.Length)]; break;
                        case 9: extraDeclaration = $"\n{Layers[r.Next(Layers.Length)]}\npublic partial class {name} {{ }}"; break; // layers on two declarations
                        default: attributes = attributes.Replace("[", "[Conv2D(2, 3)][", StringComparison.Ordinal); break;
                    }
                }

                // Most clean declarations also get a valid type and container, so every batch has plenty of valid networks.
                bool preferValid = !mutated && r.Next(4) > 0;
                (string typeFormat, bool typeOk) = TypeKinds[preferValid ? r.Next(2) : r.Next(TypeKinds.Length)];
                (string containerFormat, bool containerOk) = Containers[r.Next(Containers.Length)];
                string body = attributes + "\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, typeFormat, name) + extraDeclaration;
                string source = "using ConvGen;\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, containerFormat, "Fuzz_" + name, "Outer_" + name, body) + "\n";
                // Truncation (or a junk "//" or "/*") can remove every attribute: then it is no network declaration at all, nothing to report.
                string uncommented = Regex.Replace(attributes + extraDeclaration, @"//[^\n]*|/\*[\s\S]*?(\*/|$)", string.Empty);
                bool isDeclaration = Regex.IsMatch(uncommented, @"\[\s*\w");
                return new FuzzCase(name, source, !mutated && typeOk && containerOk, isDeclaration);
            }

            // {0}: class name. Only the first two are valid network types.
            private static readonly (string Format, bool Valid)[] TypeKinds =
            {
                ("public partial class {0} {{ }}", true), ("internal sealed partial class {0} {{ }}", true), ("public class {0} {{ }}", false),
                ("public partial struct {0} {{ }}", false), ("public partial record {0};", false), ("public partial record struct {0} {{ }}", false),
                ("public static partial class {0} {{ }}", false), ("public partial class {0}<T> {{ }}", false), ("public partial interface {0} {{ }}", false),
                ("public partial class {0} {{ void M( }}", false), ("public partial class {0}", false), ("enum {0} {{ A }}", false),
            };

            // {0}: namespace, {1}: outer type, {2}: the declaration.
            private static readonly (string Format, bool Valid)[] Containers =
            {
                ("{2}", true), ("namespace {0}\n{{\n{2}\n}}", true), ("namespace {0};\n{2}", true), ("namespace {0}.Deep.Er;\n{2}", true),
                ("public partial class {1}\n{{\n{2}\n}}", true), ("partial struct {1}\n{{\n{2}\n}}", true),
                ("namespace {0}\n{{\n    partial class {1}\n    {{\n{2}\n    }}\n}}", true),
                ("public class {1}\n{{\n{2}\n}}", false), ("public partial class {1}<T>\n{{\n{2}\n}}", false), ("public partial record {1}\n{{\n{2}\n}}", false),
                ("public static partial class {1}\n{{\n{2}\n}}", true),
            };

            private static string ReplaceNumber(Random r, string text)
            {
                MatchCollection numbers = Regex.Matches(text, @"(?<![\w.])\d+(?![\w.])");
                if (numbers.Count == 0)
                {
                    return text + "\n[Dense(" + BadNumbers[r.Next(BadNumbers.Length)] + ")]";
                }

                Match m = numbers[r.Next(numbers.Count)];
                return text.Substring(0, m.Index) + BadNumbers[r.Next(BadNumbers.Length)] + text.Substring(m.Index + m.Length);
            }

            private static string DropArgument(Random r, string text)
            {
                MatchCollection lists = Regex.Matches(text, @"\(([^()\n]*)\)\]");
                if (lists.Count == 0)
                {
                    return text.Replace("[Flatten]", "[Flatten()]", StringComparison.Ordinal) + "\n[Dense()]";
                }

                Match m = lists[r.Next(lists.Count)];
                List<string> args = m.Groups[1].Value.Split(", ").ToList();
                args.RemoveAt(r.Next(args.Count));
                return text.Substring(0, m.Groups[1].Index) + string.Join(", ", args) + text.Substring(m.Groups[1].Index + m.Groups[1].Length);
            }

            private static string AddNamed(Random r, string text)
            {
                MatchCollection lists = Regex.Matches(text, @"\[(?!ConvNet)\w+\(([^()\n]*)\)\]");
                string named = BadNamed[r.Next(BadNamed.Length)];
                if (lists.Count == 0)
                {
                    return text + "\n[Conv2D(2, 1, " + named + ")]";
                }

                Match m = lists[r.Next(lists.Count)];
                int end = m.Groups[1].Index + m.Groups[1].Length;
                return text.Substring(0, end) + ", " + named + text.Substring(end);
            }
        }
    }
}
