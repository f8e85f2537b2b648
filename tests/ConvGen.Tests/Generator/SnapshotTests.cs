using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ConvGen.Tests.Generator
{
    /// <summary>
    /// Snapshots of the generated code (Verify conventions, see <see cref="Snapshot"/>): files under Generator/Snapshots.
    /// After an intended emitter change, accept the new output with
    /// <c>CONVGEN_ACCEPT_SNAPSHOTS=1 dotnet test tests/ConvGen.Tests --filter "FullyQualifiedName~SnapshotTests"</c>
    /// and review the diff of the .verified files in git.
    /// </summary>
    public class SnapshotTests
    {
        [Fact]
        public void SeedNet() => VerifyGenerated(SampleNetworks.SeedNet, "Samples.SeedNet.g.cs");

        [Fact]
        public void LeNet5() => VerifyGenerated(SampleNetworks.LeNet5, "Samples.LeNet5.g.cs");

        [Fact]
        public void Convolutions() => VerifyGenerated(SampleNetworks.Convolutions, "Samples.Convolutions.g.cs");

        [Fact]
        public void Pools() => VerifyGenerated(SampleNetworks.Pools, "Samples.Pools.g.cs");

        [Fact]
        public void DenseSoftmax() => VerifyGenerated(SampleNetworks.DenseSoftmax, "Samples.DenseSoftmax.g.cs");

        [Fact]
        public void Activations() => VerifyGenerated(SampleNetworks.Activations, "Samples.Activations.g.cs");

        [Fact]
        public void MobileBlocks() => VerifyGenerated(SampleNetworks.MobileBlocks, "Samples.MobileBlocks.g.cs");

        [Fact]
        public void Resampling() => VerifyGenerated(SampleNetworks.Resampling, "Samples.Resampling.g.cs");

        [Fact]
        public void Winograd() => VerifyGenerated(SampleNetworks.Winograd, "Samples.Winograd.g.cs");

        [Fact]
        public void ZeroSkipping() => VerifyGenerated(SampleNetworks.ZeroSkipping, "Samples.ZeroSkipping.g.cs");

        [Fact]
        public void Graph() => VerifyGenerated(SampleNetworks.Graph, "Samples.Graph.g.cs");

        [Fact]
        public void BrokenDeclarationDiagnostics()
        {
            GeneratorResult result = GeneratorHarness.Run("""
                using ConvGen;
                namespace Broken
                {
                    [ConvNet(11, 11, 1)]
                    [Conv2D(4, 3)]
                    [Conv2D(4, 3)]
                    [Conv2D(2, 5, Dilation = 2)]
                    public partial class Dilated { }

                    [ConvNet(8, 8, 1)]
                    [Conv2D(2, 3, Padding = (Padding)7)]
                    public partial class BadEnum { }

                    [ConvNet(8, 8, 1)]
                    [Conv2D(2, 3)]
                    [Dense(10)]
                    public class NotPartial { }

                    [MaxPool2D(2)]
                    public partial class Orphan { }
                }
                """);

            // No network for a broken declaration; the partial classes among them get a stub (members that throw).
            Assert.Equal(new[] { "Broken.BadEnum.g.cs", "Broken.Dilated.g.cs" }, result.Sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            Assert.All(result.Sources.Values, stub => Assert.Contains("so no network is generated", stub, System.StringComparison.Ordinal));
            Snapshot.VerifyText(Describe(result.ConvGenDiagnostics));
        }

        /// <summary>One line per diagnostic: id, severity, location (file(line,col)-(line,col)), message; sorted by location.</summary>
        public static string Describe(IEnumerable<Diagnostic> diagnostics)
        {
            var sb = new StringBuilder();
            foreach (Diagnostic d in diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, System.StringComparer.Ordinal))
            {
                FileLinePositionSpan span = d.Location.GetLineSpan();
                sb.Append(CultureInfo.InvariantCulture, $"{d.Id} {d.Severity} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {d.GetMessage(CultureInfo.InvariantCulture)}\n");
            }

            return sb.ToString();
        }

        private static void VerifyGenerated(string source, string hintName, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
        {
            GeneratorResult result = GeneratorHarness.Run(source);
            Assert.Empty(result.ConvGenDiagnostics);
            Assert.True(result.Sources.ContainsKey(hintName), $"no {hintName}; generated: {string.Join(", ", result.Sources.Keys)}");
            Snapshot.VerifySource(hintName, result.Sources[hintName], testName: testName);
        }
    }
}
