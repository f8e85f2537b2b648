extern alias GeneratorAssembly;

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ConvGen.Tests.Diagnostics
{
    /// <summary>The catalog, the docs page and the analyzer release files list the same ids.</summary>
    public class CatalogTests
    {
        [Fact]
        public void EveryDescriptorIsDocumentedAndTracked()
        {
            DiagnosticDescriptor[] descriptors = Descriptors();
            string docs = File.ReadAllText(RepoFile("docs", "diagnostics.md"));
            string releases = File.ReadAllText(RepoFile("generator", "ConvGen.Generator", "AnalyzerReleases.Shipped.md"))
                + File.ReadAllText(RepoFile("generator", "ConvGen.Generator", "AnalyzerReleases.Unshipped.md"));

            Assert.True(descriptors.Length >= 13, $"only {descriptors.Length} descriptors found");
            foreach (DiagnosticDescriptor d in descriptors)
            {
                Assert.Matches(@"^CG\d{4}$", d.Id);
                Assert.Equal("ConvGen", d.Category);
                Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                string anchor = d.Id.ToLowerInvariant();
                Assert.Contains("docs/diagnostics.md#" + anchor, d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                Assert.True(string.IsNullOrEmpty(d.HelpLinkUri), "no help link until ConvGen has a real public address: " + d.HelpLinkUri);

                // GitHub makes the anchor #cg0011 from the heading "## CG0011".
                Assert.Matches(new Regex("^## " + d.Id + "\r?$", RegexOptions.Multiline), docs);
                Assert.Matches(new Regex(@"^" + d.Id + @" \| ConvGen \| " + d.DefaultSeverity + @" \|", RegexOptions.Multiline), releases);
            }

            // No documented or tracked id without a descriptor.
            string[] known = descriptors.Select(d => d.Id).ToArray();
            Assert.All(Regex.Matches(docs, @"^## (CG\d{4})", RegexOptions.Multiline).Select(m => m.Groups[1].Value), id => Assert.Contains(id, known));
            Assert.All(Regex.Matches(releases, @"^(CG\d{4}) \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value), id => Assert.Contains(id, known));
        }

        [Fact]
        public void EveryIdConstantHasADescriptor()
        {
            string[] ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), Descriptors().Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        }

        private static DiagnosticDescriptor[] Descriptors()
        {
            Type catalog = typeof(GeneratorAssembly::ConvGen.Generator.ConvNetGenerator).Assembly.GetType("ConvGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
            return catalog.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToArray();
        }

        private static string RepoFile(params string[] parts) => Path.Combine(new[] { RepoRoot.Path }.Concat(parts).ToArray());
    }
}
