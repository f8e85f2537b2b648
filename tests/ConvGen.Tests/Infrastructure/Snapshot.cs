using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace ConvGen.Tests.Infrastructure
{
    /// <summary>
    /// Snapshot testing with Verify.SourceGenerators' conventions, without Verify: the expected text is committed as
    /// <c>Snapshots/{TestClass}.{TestName}#{Name}.verified.{ext}</c> next to the test file. On a mismatch the actual text is
    /// written beside it as <c>.received.{ext}</c> (git-ignored) and the test fails with a unified diff. With
    /// <c>CONVGEN_ACCEPT_SNAPSHOTS=1</c> in the environment the actual text is written as the new verified file instead.
    /// </summary>
    public static class Snapshot
    {
        public const string AcceptVariable = "CONVGEN_ACCEPT_SNAPSHOTS";

        /// <summary>Verifies a generated source against <c>{TestClass}.{TestName}#{hintName without .cs}.verified.cs</c>.</summary>
        public static void VerifySource(string hintName, string actual, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
        {
            string name = hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - 3) : hintName;
            Verify(Directory(testFile), $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}#{name}", "cs", actual, Accepting);
        }

        /// <summary>Verifies text (diagnostics, ...) against <c>{TestClass}.{TestName}.verified.txt</c>.</summary>
        public static void VerifyText(string actual, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
        {
            Verify(Directory(testFile), $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}", "txt", actual, Accepting);
        }

        public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

        /// <summary>The comparison itself (public so the helper can be tested on a temporary folder).</summary>
        public static void Verify(string directory, string baseName, string extension, string actual, bool accept)
        {
            actual = Normalize(actual);
            string verified = Path.Combine(directory, $"{baseName}.verified.{extension}");
            string received = Path.Combine(directory, $"{baseName}.received.{extension}");
            string? expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
            if (expected == actual)
            {
                File.Delete(received);
                return;
            }

            if (accept)
            {
                System.IO.Directory.CreateDirectory(directory);
                File.WriteAllText(verified, actual, new UTF8Encoding(false));
                File.Delete(received);
                return;
            }

            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(received, actual, new UTF8Encoding(false));
            string how = $"Accept with: {AcceptVariable}=1 dotnet test tests/ConvGen.Tests --filter \"FullyQualifiedName~{baseName.Split('#')[0]}\" (or copy the .received file over the .verified one).";
            if (expected is null)
            {
                Assert.Fail($"No verified snapshot {verified}; the output was written to {received}.\n{how}");
            }

            Assert.Fail($"Snapshot mismatch: {verified}\nreceived: {received}\n{how}\n\n{UnifiedDiff(expected, actual, Path.GetFileName(verified), Path.GetFileName(received))}");
        }

        /// <summary>A unified diff (3 lines of context, at most 300 lines shown) rendered from DiffPlex's line diff.</summary>
        public static string UnifiedDiff(string expected, string actual, string expectedName, string actualName)
        {
            const int Context = 3, MaxLines = 300;
            DiffResult diff = Differ.Instance.CreateLineDiffs(expected, actual, ignoreWhitespace: false, ignoreCase: false);
            IReadOnlyList<string> a = diff.PiecesOld, b = diff.PiecesNew;
            var sb = new StringBuilder();
            sb.Append("--- ").Append(expectedName).Append('\n').Append("+++ ").Append(actualName).Append('\n');
            int lines = 0;
            int i = 0;
            while (i < diff.DiffBlocks.Count && lines < MaxLines)
            {
                // Merge blocks whose context would overlap into one hunk.
                int j = i;
                while (j + 1 < diff.DiffBlocks.Count && diff.DiffBlocks[j + 1].DeleteStartA - (diff.DiffBlocks[j].DeleteStartA + diff.DiffBlocks[j].DeleteCountA) <= 2 * Context)
                {
                    j++;
                }

                DiffBlock first = diff.DiffBlocks[i], last = diff.DiffBlocks[j];
                int startA = Math.Max(0, first.DeleteStartA - Context), startB = Math.Max(0, first.InsertStartB - Context);
                int endA = Math.Min(a.Count, last.DeleteStartA + last.DeleteCountA + Context), endB = Math.Min(b.Count, last.InsertStartB + last.InsertCountB + Context);
                sb.Append($"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@\n");
                int posA = startA;
                for (int k = i; k <= j; k++)
                {
                    DiffBlock block = diff.DiffBlocks[k];
                    for (; posA < block.DeleteStartA; posA++, lines++)
                    {
                        sb.Append(' ').Append(a[posA]).Append('\n');
                    }

                    for (int d = 0; d < block.DeleteCountA; d++, lines++)
                    {
                        sb.Append('-').Append(a[block.DeleteStartA + d]).Append('\n');
                    }

                    for (int n = 0; n < block.InsertCountB; n++, lines++)
                    {
                        sb.Append('+').Append(b[block.InsertStartB + n]).Append('\n');
                    }

                    posA = block.DeleteStartA + block.DeleteCountA;
                }

                for (; posA < endA; posA++, lines++)
                {
                    sb.Append(' ').Append(a[posA]).Append('\n');
                }

                i = j + 1;
            }

            if (i < diff.DiffBlocks.Count)
            {
                sb.Append($"... diff cut at {MaxLines} lines\n");
            }

            return sb.ToString();
        }

        private static string Directory(string testFile) => Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");

        private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
