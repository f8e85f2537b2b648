using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ConvGen.Tests.Documentation
{
    /// <summary>
    /// The C# code blocks of README.md and docs/*.md, with the marker that precedes each.
    /// <para>Conventions for writers of those files (checked by <see cref="DocumentationCodeTests"/>):</para>
    /// <list type="bullet">
    /// <item>A <c>```csharp</c> block is <b>complete</b> by default: it must compile as written, in a new console app
    /// (SDK implicit usings, nullable enabled) that references ConvGen, with the ConvGen generator running. It may declare
    /// networks with attributes and use the generated members; it is compiled, not run.</item>
    /// <item>A block that is an excerpt (uses variables it does not declare, shows one member) is marked by an HTML
    /// comment on the line before the fence (blank lines between are allowed): <c>&lt;!-- fragment --&gt;</c>.
    /// It is not compiled.</item>
    /// <item>A block that shows a ConvGen error is marked <c>&lt;!-- diagnostics: CG0001 --&gt;</c> (several ids
    /// separated by commas): it is compiled and must report exactly those CG errors, and no other error.</item>
    /// </list>
    /// </summary>
    public sealed record DocumentationCodeBlock(string File, int Line, string Code, string? Marker)
    {
        public const string FragmentMarker = "fragment";
        public const string DiagnosticsMarker = "diagnostics:";

        private static readonly Regex Comment = new(@"^<!--\s*(.*?)\s*-->$", RegexOptions.CultureInvariant);

        public bool IsFragment => Marker == FragmentMarker;

        /// <summary>The CG ids a diagnostics block must report; empty for a complete block.</summary>
        public IReadOnlyList<string> ExpectedDiagnostics => Marker is not null && Marker.StartsWith(DiagnosticsMarker, StringComparison.Ordinal)
            ? Marker.Substring(DiagnosticsMarker.Length).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : Array.Empty<string>();

        public override string ToString() => $"{File}:{Line}";

        /// <summary>Every C# block of README.md and docs/**/*.md, in file order.</summary>
        public static IReadOnlyList<DocumentationCodeBlock> All(string root)
        {
            var files = new List<string> { Path.Combine(root, "README.md") };
            files.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal));
            return files.SelectMany(f => Extract(Path.GetRelativePath(root, f).Replace('\\', '/'), System.IO.File.ReadAllLines(f))).ToList();
        }

        /// <summary>The <c>```csharp</c> (or <c>```cs</c>, <c>```c#</c>) blocks of one Markdown file.</summary>
        public static IEnumerable<DocumentationCodeBlock> Extract(string file, IReadOnlyList<string> lines)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                string fence = lines[i].Trim();
                if (!fence.StartsWith("```", StringComparison.Ordinal))
                {
                    continue;
                }

                string language = fence.Substring(3).Trim().ToLowerInvariant();
                int end = i + 1;
                while (end < lines.Count && lines[end].Trim() != "```")
                {
                    end++;
                }

                if (language is "csharp" or "cs" or "c#")
                {
                    yield return new DocumentationCodeBlock(file, i + 1, string.Join("\n", lines.Skip(i + 1).Take(end - i - 1)), MarkerBefore(lines, i));
                }

                i = end;
            }
        }

        private static string? MarkerBefore(IReadOnlyList<string> lines, int fence)
        {
            for (int j = fence - 1; j >= 0; j--)
            {
                string line = lines[j].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                Match m = Comment.Match(line);
                return m.Success ? m.Groups[1].Value : null;
            }

            return null;
        }
    }
}
