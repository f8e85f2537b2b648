using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Tests.Diagnostics
{
    /// <summary>
    /// ConvGen diagnostics are located inside the user's syntax tree, so the compiler's own filters apply to them:
    /// <c>#pragma warning disable</c> (which, for generator and analyzer diagnostics, suppresses even errors),
    /// per-file .editorconfig severities (<c>dotnet_diagnostic.CG0011.severity</c>) and project-wide NoWarn/.globalconfig.
    /// </summary>
    public class SuppressionTests
    {
        private const string Broken = "[ConvNet(4, 4, 1)]\n[Conv2D(2, 5)]\npublic partial class Broken { }\n";

        [Fact]
        public void DiagnosticsAreReportedInsideTheSourceTree()
        {
            Diagnostic d = Run(GeneratorHarness.CreateCompilation("using ConvGen;\n" + Broken)).Single();
            Assert.Equal("CG0011", d.Id);
            Assert.Equal(LocationKind.SourceFile, d.Location.Kind);
            Assert.False(d.IsSuppressed);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        }

        [Fact]
        public void PragmaWarningDisableSuppressesTheError()
        {
            string source = "using ConvGen;\n#pragma warning disable CG0011 // kernel 5x5 on 4x4 kept on purpose\n" + Broken + "#pragma warning restore CG0011\n";
            Diagnostic d = Run(GeneratorHarness.CreateCompilation(source)).Single();
            Assert.Equal("CG0011", d.Id);
            Assert.True(d.IsSuppressed, "a #pragma warning disable for a generator error marks it suppressed (the build does not fail on it)");
        }

        [Fact]
        public void PragmaForAnotherIdOrAfterRestoreDoesNotSuppress()
        {
            string other = "using ConvGen;\n#pragma warning disable CG0010\n" + Broken;
            string restored = "using ConvGen;\n#pragma warning disable CG0011\n#pragma warning restore CG0011\n" + Broken;
            Assert.False(Run(GeneratorHarness.CreateCompilation(other)).Single().IsSuppressed);
            Assert.False(Run(GeneratorHarness.CreateCompilation(restored)).Single().IsSuppressed);
        }

        [Theory]
        [InlineData(ReportDiagnostic.Suppress, null)]
        [InlineData(ReportDiagnostic.Warn, DiagnosticSeverity.Warning)]
        [InlineData(ReportDiagnostic.Info, DiagnosticSeverity.Info)]
        public void PerFileEditorConfigSeverityApplies(ReportDiagnostic configured, DiagnosticSeverity? expected)
        {
            // What `[*.cs] dotnet_diagnostic.CG0011.severity = none|warning|suggestion` in .editorconfig gives the compiler.
            CSharpCompilation c = GeneratorHarness.CreateCompilation("using ConvGen;\n" + Broken);
            c = c.WithOptions(c.Options.WithSyntaxTreeOptionsProvider(new PerFileSeverity("CG0011", configured)));
            AssertSeverity(Run(c), expected);
        }

        [Theory]
        [InlineData(ReportDiagnostic.Suppress, null)]
        [InlineData(ReportDiagnostic.Warn, DiagnosticSeverity.Warning)]
        public void ProjectWideSeverityApplies(ReportDiagnostic configured, DiagnosticSeverity? expected)
        {
            // What <NoWarn>CG0011</NoWarn> or a .globalconfig entry gives the compiler.
            CSharpCompilation c = GeneratorHarness.CreateCompilation("using ConvGen;\n" + Broken);
            c = c.WithOptions(c.Options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CG0011"] = configured }));
            AssertSeverity(Run(c), expected);
        }

        [Fact]
        public void SeverityOfAnotherIdLeavesTheErrorAlone()
        {
            CSharpCompilation c = GeneratorHarness.CreateCompilation("using ConvGen;\n" + Broken);
            c = c.WithOptions(c.Options.WithSyntaxTreeOptionsProvider(new PerFileSeverity("CG0010", ReportDiagnostic.Suppress)));
            AssertSeverity(Run(c), DiagnosticSeverity.Error);
        }

        private static void AssertSeverity(ImmutableArray<Diagnostic> diagnostics, DiagnosticSeverity? expected)
        {
            if (expected is null)
            {
                Assert.DoesNotContain(diagnostics, d => d.Id == "CG0011");
            }
            else
            {
                Diagnostic d = Assert.Single(diagnostics, d => d.Id == "CG0011");
                Assert.Equal(expected, d.Severity);
                Assert.False(d.IsSuppressed);
            }
        }

        private static ImmutableArray<Diagnostic> Run(CSharpCompilation compilation)
        {
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
            return diagnostics;
        }

        /// <summary>Per-syntax-tree severities, as the compiler builds them from .editorconfig sections.</summary>
        private sealed class PerFileSeverity : SyntaxTreeOptionsProvider
        {
            private readonly string _id;
            private readonly ReportDiagnostic _severity;

            public PerFileSeverity(string id, ReportDiagnostic severity)
            {
                _id = id;
                _severity = severity;
            }

            public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

            public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                severity = _severity;
                return diagnosticId == _id;
            }

            public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                severity = ReportDiagnostic.Default;
                return false;
            }
        }
    }
}
