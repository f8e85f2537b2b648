using System;
using System.IO;
using ConvGen.Tests.Infrastructure;
using Xunit.Sdk;

namespace ConvGen.Tests.Generator
{
    /// <summary>The snapshot helper fails on a difference, writes the received file, shows a unified diff, and accepts on request.</summary>
    public class SnapshotHelperTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "convgen-snapshots-" + Guid.NewGuid().ToString("N"));

        [Fact]
        public void MismatchWritesReceivedAndFailsWithAUnifiedDiff()
        {
            Directory.CreateDirectory(_dir);
            File.WriteAllText(Path.Combine(_dir, "T.M#X.g.verified.cs"), "a\nb\nc\nd\ne\nf\ng\nh\n");

            var ex = Assert.Throws<FailException>(() => Snapshot.Verify(_dir, "T.M#X.g", "cs", "a\nb\nc\nd\nE\nf\ng\nh\n", accept: false));

            Assert.Contains("--- T.M#X.g.verified.cs\n+++ T.M#X.g.received.cs\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", ex.Message, StringComparison.Ordinal);
            Assert.Contains("CONVGEN_ACCEPT_SNAPSHOTS=1", ex.Message, StringComparison.Ordinal);
            Assert.Equal("a\nb\nc\nd\nE\nf\ng\nh\n", File.ReadAllText(Path.Combine(_dir, "T.M#X.g.received.cs")));
        }

        [Fact]
        public void MissingVerifiedFileFailsAndAcceptWritesIt()
        {
            Assert.Throws<FailException>(() => Snapshot.Verify(_dir, "T.N", "txt", "x\n", accept: false));
            Assert.True(File.Exists(Path.Combine(_dir, "T.N.received.txt")));

            Snapshot.Verify(_dir, "T.N", "txt", "x\r\n", accept: true);

            Assert.Equal("x\n", File.ReadAllText(Path.Combine(_dir, "T.N.verified.txt")));
            Assert.False(File.Exists(Path.Combine(_dir, "T.N.received.txt")));
            Snapshot.Verify(_dir, "T.N", "txt", "x\n", accept: false); // now matches
        }

        public void Dispose()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, recursive: true);
            }
        }
    }
}
