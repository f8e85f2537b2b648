using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Documentation
{
    /// <summary>Statements in README.md and docs/ that went stale once, checked against the code they describe.</summary>
    public class DocumentationFactsTests
    {
        private static string Read(params string[] parts) => File.ReadAllText(Path.Combine(new[] { RepoRoot.Path }.Concat(parts).ToArray()));

        [Fact]
        public void ArchitectureListsEveryAttribute()
        {
            string row = Read("docs", "architecture.md").Split('\n').Single(l => l.StartsWith("| `src/ConvGen/Attributes/`", StringComparison.Ordinal));
            var attributes = typeof(ConvNetAttribute).Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(Attribute)) && !t.IsAbstract && t.IsPublic && t.Namespace == "ConvGen")
                .Select(t => t.Name.Substring(0, t.Name.Length - "Attribute".Length)).ToList();
            Assert.True(attributes.Count >= 18);
            Assert.All(attributes, name => Assert.Contains("`" + name + "`", row, StringComparison.Ordinal));
        }

        [Fact]
        public void WeightsListsEveryLayerStem()
        {
            string weights = Read("docs", "weights.md");
            foreach (LayerKind kind in Enum.GetValues<LayerKind>())
            {
                Assert.Contains("`" + LayerText.KerasNameStem(kind) + "`", weights, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("Layer kinds added later", weights, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(3, 2, 3)]
        [InlineData(5, 3, 1)]
        [InlineData(4, 4, 2)]
        public void TheReadmesTransposedConvolutionSizeIsTheShapeRule(int input, int kernel, int stride)
        {
            Assert.Contains("`Valid` in*s + max(k - s, 0), e.g. 9 for in 3, k 2, s 3; `Same` in*s", Read("README.md"), StringComparison.Ordinal);
            var spec = new NetworkSpec(input, input, 1, new[] { LayerSpec.Conv2DTranspose(1, kernel, kernel, stride, stride) });
            Assert.Equal(input * stride + Math.Max(kernel - stride, 0), ShapeInference.Analyze(spec).OutputShape.Height);
        }

        [Fact]
        public void TheAotOutputFolderIsIgnored()
        {
            Assert.Contains("-o out", Read("README.md"), StringComparison.Ordinal);
            Assert.Contains("out/", Read(".gitignore").Split('\n').Select(l => l.Trim()));
        }

        [Fact]
        public void DocsDoNotReferToIssueNumbers()
        {
            foreach (string file in Directory.GetFiles(Path.Combine(RepoRoot.Path, "docs"), "*.md"))
            {
                Assert.DoesNotMatch(new Regex(@"\bissue #?\d+", RegexOptions.IgnoreCase), File.ReadAllText(file));
            }
        }

        [Fact]
        public void TheReadmeDoesNotSayTheBatchOverloadMakesAnInstanceShareable()
        {
            string readme = Read("README.md");
            Assert.DoesNotContain("the batch overload does this for you", readme, StringComparison.Ordinal);
            Assert.Contains("it does not make an instance shareable between threads", readme, StringComparison.Ordinal);
        }
    }
}
