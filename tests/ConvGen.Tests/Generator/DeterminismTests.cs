using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Tests.Generator
{
    /// <summary>
    /// The generated text depends on the declaration only: byte-identical across runs, under a culture with a U+2212
    /// minus sign, comma decimals and odd group separators, and free of timestamps, machine paths and build versions.
    /// </summary>
    public class DeterminismTests
    {
        private static readonly string[] Sources = SampleNetworks.AllSources.Append(SampleNetworks.Deep("Deep12", 12)).ToArray();

        [Fact]
        public void TwoRunsProduceIdenticalBytes()
        {
            IReadOnlyDictionary<string, string> first = Generate(Sources);
            IReadOnlyDictionary<string, string> second = Generate(Sources);
            Assert.Equal(Sources.Length, first.Count);
            Assert.Equal(first.Keys.OrderBy(k => k, StringComparer.Ordinal), second.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (string hint in first.Keys)
            {
                Assert.True(first[hint] == second[hint], $"{hint} differs between runs");
            }
        }

        [Fact]
        public void OutputDoesNotDependOnTheCulture()
        {
            IReadOnlyDictionary<string, string> invariant = WithCulture(CultureInfo.InvariantCulture, () => Generate(Sources));
            var odd = (CultureInfo)CultureInfo.GetCultureInfo("sv-SE").Clone();
            odd.NumberFormat.NegativeSign = "\u2212";
            odd.NumberFormat.NumberDecimalSeparator = ",";
            odd.NumberFormat.NumberGroupSeparator = "\u00A0";
            odd.NumberFormat.PercentDecimalSeparator = ",";
            odd.NumberFormat.CurrencyDecimalSeparator = ",";

            // Sanity: this culture really formats numbers differently.
            Assert.Equal("\u22121,5", WithCulture(odd, () => (-1.5).ToString(CultureInfo.CurrentCulture)));

            IReadOnlyDictionary<string, string> underOdd = WithCulture(odd, () => Generate(Sources));
            foreach (string hint in invariant.Keys)
            {
                Assert.True(invariant[hint] == underOdd[hint], $"{hint} changes with the culture:\n" + Snapshot.UnifiedDiff(invariant[hint], underOdd[hint], "invariant", "sv-SE with U+2212"));
                Assert.DoesNotContain("\u2212", underOdd[hint], StringComparison.Ordinal);
                Assert.DoesNotContain("\u00A0", underOdd[hint], StringComparison.Ordinal);
            }

            // Numbers that would change: float literals and thousands separators.
            Assert.Contains("0.05f", underOdd["Samples.Convolutions.g.cs"], StringComparison.Ordinal);
            Assert.Contains("61,706", underOdd["Samples.LeNet5.g.cs"], StringComparison.Ordinal);
        }

        [Fact]
        public void OutputHoldsNoPathsTimestampsOrBuildVersions()
        {
            const string Path = "/home/someone/secret-project/Networks/SeedNetFile.cs";
            CSharpCompilation compilation = CSharpCompilation.Create("Determinism",
                new[] { CSharpSyntaxTree.ParseText(SampleNetworks.SeedNet, GeneratorHarness.ParseOptions, path: Path) },
                GeneratorHarness.CreateCompilation().References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            string text = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().GeneratedTrees.Single().GetText().ToString();

            Assert.DoesNotContain("someone", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SeedNetFile", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(new Regex(@"\b(19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}:\d\d:\d\d\b"), text); // dates, times
            Assert.DoesNotContain(DateTime.Now.Year.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);

            // The only version is the fixed release version, not an assembly version with a build number or commit hash.
            var versions = Regex.Matches(text, @"\d+\.\d+\.\d+[^\s"",):]*").Select(m => m.Value).Distinct().ToList();
            Assert.Equal(new[] { "0.1.0" }, versions.Where(v => !v.Contains('f', StringComparison.Ordinal)));
            Assert.Contains("GeneratedCode(\"ConvGen\", \"0.1.0\")", text, StringComparison.Ordinal);
        }

        private static IReadOnlyDictionary<string, string> Generate(string[] sources)
        {
            GeneratorResult result = GeneratorHarness.Run(sources);
            Assert.Empty(result.ConvGenDiagnostics);
            return result.Sources;
        }

        private static T WithCulture<T>(CultureInfo culture, Func<T> action)
        {
            CultureInfo culture0 = CultureInfo.CurrentCulture, ui0 = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = culture;
                return action();
            }
            finally
            {
                CultureInfo.CurrentCulture = culture0;
                CultureInfo.CurrentUICulture = ui0;
            }
        }
    }
}
