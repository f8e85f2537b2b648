using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Tests.Documentation
{
    /// <summary>
    /// Every C# block in README.md and docs/ that is presented as complete compiles as a newcomer would paste it: in a
    /// console app with the SDK's implicit usings, the ConvGen runtime referenced and the generator running (so blocks
    /// may declare networks and use the generated members). The markers for fragments and for blocks showing an error
    /// are described on <see cref="DocumentationCodeBlock"/>.
    /// </summary>
    public class DocumentationCodeTests
    {
        /// <summary>What <c>&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;</c> gives a console app.</summary>
        private const string ImplicitUsings =
            "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
            "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

        public static TheoryData<string> Blocks()
        {
            var data = new TheoryData<string>();
            foreach (DocumentationCodeBlock block in DocumentationCodeBlock.All(RepoRoot.Path).Where(b => !b.IsFragment))
            {
                data.Add(block.ToString());
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Blocks))]
        public void CodeBlockCompiles(string location)
        {
            DocumentationCodeBlock block = DocumentationCodeBlock.All(RepoRoot.Path).Single(b => b.ToString() == location);
            IReadOnlyList<Diagnostic> errors = Compile(block.Code);
            IReadOnlyList<string> expected = block.ExpectedDiagnostics;
            var convGenIds = errors.Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal)).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
            var others = errors.Where(d => !d.Id.StartsWith("CG", StringComparison.Ordinal)).ToList();
            string report = $"{location}:\n{string.Join("\n", errors.Take(15))}\n--- code ---\n{block.Code}";
            Assert.True(others.Count == 0 || expected.Count > 0 && others.All(IsCascade), "The block does not compile as written: " + report);
            Assert.True(convGenIds.SequenceEqual(expected.OrderBy(id => id, StringComparer.Ordinal)),
                $"Expected ConvGen errors [{string.Join(", ", expected)}], got [{string.Join(", ", convGenIds)}]: {report}");
        }

        [Fact]
        public void MarkersAreRecognized()
        {
            string[] markdown =
            {
                "<!-- fragment -->", "```csharp", "x = 1;", "```",
                "text", "```csharp", "int y = 2;", "```",
                "<!-- diagnostics: CG0001, CG0005 -->", "", "```cs", "class A { }", "```",
                "```bash", "echo", "```",
            };
            List<DocumentationCodeBlock> blocks = DocumentationCodeBlock.Extract("t.md", markdown).ToList();
            Assert.Equal(3, blocks.Count);
            Assert.True(blocks[0].IsFragment);
            Assert.False(blocks[1].IsFragment);
            Assert.Empty(blocks[1].ExpectedDiagnostics);
            Assert.Equal(new[] { "CG0001", "CG0005" }, blocks[2].ExpectedDiagnostics);
            Assert.Equal("t.md:11", blocks[2].ToString());
        }

        [Fact]
        public void TheReadmeHasACompleteExample()
        {
            Assert.Contains(DocumentationCodeBlock.All(RepoRoot.Path), b => b.File == "README.md" && !b.IsFragment && b.Code.Contains("[ConvNet(", StringComparison.Ordinal));
        }

        /// <summary>
        /// Errors tolerated next to an expected CG error: the compiler's own for the same mistake (CS0592: a layer
        /// attribute on a struct).
        /// </summary>
        private static bool IsCascade(Diagnostic d) => d.Id is "CS0592";

        /// <summary>The errors of the block compiled as a console app (or a library when it has no statements).</summary>
        private static IReadOnlyList<Diagnostic> Compile(string code)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions, path: "Block.cs");
            bool hasStatements = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ImplicitUsings)
                .AddSyntaxTrees(tree)
                .WithOptions(GeneratorHarness.CreateCompilation().Options.WithOutputKind(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
            return generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("CG", StringComparison.Ordinal)).ToList(); // ConvGen warnings too (CG0031)
        }
    }
}
