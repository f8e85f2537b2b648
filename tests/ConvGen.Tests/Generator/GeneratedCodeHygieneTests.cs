using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ConvGen.Tests.Generated;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generator
{
    /// <summary>
    /// The generated code reads as if written by hand: no loop that runs exactly once (or never), no arithmetic with a
    /// neutral operand (<c>0 + 0</c>, <c>x + 0</c>, <c>1 * x</c>), no "1 accumulators", no summary with a sentence glued
    /// after its full stop. Scans every committed snapshot and the code generated for the random networks, and names the
    /// file and line of each finding.
    /// </summary>
    public class GeneratedCodeHygieneTests
    {
        private static readonly (string Name, Regex Pattern)[] TextRules =
        {
            ("zero added", new Regex(@"(?<![\w.])0 \+ |[+-] 0(?![\w.])", RegexOptions.Compiled)),
            ("multiplied by one", new Regex(@"(?<![\w.])1 \* |\* 1(?![\w.])", RegexOptions.Compiled)),
            ("plural after one", new Regex(@"(?<![\w.,])1 (accumulators|pixels|output pixels|vectors|tiles|blocks|channels|groups)\b", RegexOptions.Compiled)),
            ("sentence after a full stop", new Regex(@"\.; ", RegexOptions.Compiled)),
            ("guessed plural", new Regex(@"\(s\)", RegexOptions.Compiled)),
        };

        private static readonly Regex Loop = new(@"for \(int (\w+) = (\w+); \1 < (\w+); (?:\1\+\+|\1 \+= (\w+))\)", RegexOptions.Compiled);
        private static readonly Regex Constant = new(@"\b([A-Z]\w*) = (\d+)\b", RegexOptions.Compiled);

        [Fact]
        public void SnapshotsHaveNoBlemishes()
        {
            string folder = Path.Combine(RepoRoot.Path, "tests", "ConvGen.Tests", "Generator", "Snapshots");
            string[] files = Directory.GetFiles(folder, "*.verified.cs");
            Assert.True(files.Length >= 9, $"expected the snapshot files in {folder}");
            var findings = files.SelectMany(file => Findings(Path.GetFileName(file), File.ReadAllText(file))).ToList();
            Assert.True(findings.Count == 0, string.Join("\n", findings.Take(40)));
        }

        [Fact]
        public void RandomNetworksHaveNoBlemishes()
        {
            var findings = new List<string>();
            for (int batch = 0; batch < GeneratedMatchesInterpreterTests.Batches; batch++)
            {
                var source = new StringBuilder("using ConvGen;\nnamespace RandomNets\n{\n");
                foreach ((_, _, string declaration) in GeneratedMatchesInterpreterTests.DrawBatch(batch))
                {
                    source.Append(declaration).Append('\n');
                }

                GeneratorResult result = GeneratorHarness.Run(source.Append("}\n").ToString());
                foreach (KeyValuePair<string, string> file in result.Sources)
                {
                    findings.AddRange(Findings(file.Key, file.Value));
                }
            }

            Assert.True(findings.Count == 0, string.Join("\n", findings.Take(40)));
        }

        /// <summary>The checker itself finds what it is meant to find (and leaves ordinary code alone).</summary>
        [Fact]
        public void TheScanFindsEachBlemish()
        {
            const string Code = """
                partial class Net
                {
                    private static class Layer
                    {
                        private const int OutputHeight = 28, Filters = 16;
                        // 9 output pixels x 16 channels (1 Vector512) in 1 accumulators.
                        public static void Run()
                        {
                            for (int ox = 0; ox < 1; ox++) { }
                            for (int oy = 27; oy < OutputHeight; oy++) { }
                            for (int oy = 0; oy < 19; oy += 9) { }
                            for (int c = 0; c < 16; c += 16) { }
                            a.StoreUnsafe(ref dst, (nuint)(0 + 0));
                            a.StoreUnsafe(ref dst, (nuint)(1 * Filters + 0));
                            x = Unsafe.Add(ref input, at + 1.5f * 2 - 0.5f);
                        }
                    }
                }
                /// <summary>conv (Conv2D): [6, 6, 8].; 2 groups of 4 -> 4 channels.</summary>
                """;
            List<string> findings = Findings("Example.g.cs", Code).ToList();

            Assert.Contains(findings, f => f.StartsWith("Example.g.cs:6: plural after one: 1 accumulators | ", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.StartsWith("Example.g.cs:9: loop runs 1 time(s): for (int ox = 0; ox < 1; ox++) | ", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.StartsWith("Example.g.cs:10: loop runs 1 time(s): for (int oy = 27; oy < OutputHeight; oy++) | ", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.StartsWith("Example.g.cs:12: loop runs 1 time(s): for (int c = 0; c < 16; c += 16) | ", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.StartsWith("Example.g.cs:13: zero added: 0 +  | ", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.StartsWith("Example.g.cs:14: multiplied by one: 1 *  | ", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.StartsWith("Example.g.cs:14: zero added: + 0 | ", StringComparison.Ordinal));
            Assert.Contains(findings, f => f.StartsWith("Example.g.cs:19: sentence after a full stop: .;  | ", StringComparison.Ordinal));
            Assert.Equal(8, findings.Count);
        }

        /// <summary>"file:line: rule: match | line" for each blemish; loop bounds may be literals or the constants declared above in the same class.</summary>
        private static IEnumerable<string> Findings(string file, string code)
        {
            string[] lines = code.Split('\n');
            var constants = new Dictionary<string, int>(StringComparer.Ordinal);
            var outer = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                if (line.Contains(" class ", StringComparison.Ordinal))
                {
                    // A nested layer class starts from the network's public constants (its own override them).
                    constants = new Dictionary<string, int>(outer, StringComparer.Ordinal);
                }

                if (line.Contains(" const int ", StringComparison.Ordinal))
                {
                    foreach (Match c in Constant.Matches(line))
                    {
                        constants[c.Groups[1].Value] = int.Parse(c.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                        if (line.Contains("public const int ", StringComparison.Ordinal))
                        {
                            outer[c.Groups[1].Value] = constants[c.Groups[1].Value];
                        }
                    }
                }

                foreach ((string name, Regex pattern) in TextRules)
                {
                    foreach (Match m in pattern.Matches(line))
                    {
                        yield return $"{file}:{i + 1}: {name}: {m.Value} | {line.Trim()}";
                    }
                }

                foreach (Match loop in Loop.Matches(line))
                {
                    int? from = Value(loop.Groups[2].Value, constants), to = Value(loop.Groups[3].Value, constants);
                    int? step = loop.Groups[4].Success ? Value(loop.Groups[4].Value, constants) : 1;
                    if (from is int f && to is int t && step is int s && s > 0)
                    {
                        int count = t <= f ? 0 : (t - f + s - 1) / s;
                        if (count <= 1)
                        {
                            yield return $"{file}:{i + 1}: loop runs {count} time(s): {loop.Value} | {line.Trim()}";
                        }
                    }
                }
            }
        }

        private static int? Value(string text, Dictionary<string, int> constants) =>
            int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) ? value
            : constants.TryGetValue(text, out int constant) ? constant : null;
    }
}
