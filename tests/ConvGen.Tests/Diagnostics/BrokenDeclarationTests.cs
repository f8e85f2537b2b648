using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ConvGen.Tests.Diagnostics
{
    /// <summary>
    /// A broken declaration yields exactly its ConvGen diagnostics: no errors inside generated code (an abstract class, a
    /// member that the generated code also declares), and no cascade of "does not contain a definition" errors in code
    /// that uses the class (a stub with the members' signatures is generated instead).
    /// </summary>
    public class BrokenDeclarationTests
    {
        /// <summary>Code using every generated member, as an app would.</summary>
        private const string Uses = @"
public static class App
{
    public static void Use(float[] parameters, float[] input, float[] output)
    {
        var net = new Net(parameters);
        net.Run(input, output);
        net.Run(input.AsMemory(), output.AsMemory(), 2);
        int sizes = Net.InputLength + Net.OutputLength + Net.ParameterCount + Net.InputHeight + Net.OutputChannels;
        ConvGen.IConvNet any = net;
        ConvGen.NetworkSpec spec = Net.Network;
        System.Console.WriteLine(sizes + any.OutputLength + spec.Layers.Count);
    }
}
";

        [Theory]
        [InlineData("[Conv2D(0, 3)]", "CG0010")]
        [InlineData("[Dense(3)]", "CG0012")]
        [InlineData("[Conv2D(2, 3, Name = \"a\")]\n[Add(\"a\", \"b\")]", "CG0020")]
        [InlineData("", "CG0005")]
        public void ABrokenDeclarationGivesOnlyItsDiagnostic(string layers, string id)
        {
            IReadOnlyList<Diagnostic> errors = Errors($"[ConvNet(8, 8, 1)]\n{layers}\npublic partial class Net {{ }}\n" + Uses);
            Assert.Equal(new[] { id }, errors.Select(e => e.Id));
        }

        [Fact]
        public void AnAbstractClassIsAConvGenErrorNotBrokenGeneratedCode()
        {
            IReadOnlyList<Diagnostic> errors = Errors("[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\npublic abstract partial class Net { }\n");
            Diagnostic error = Assert.Single(errors);
            Assert.Equal("CG0004", error.Id);
            Assert.Contains("'Net' is abstract", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("public const int InputLength = 3;", "a member named 'InputLength'", "InputLength = 3")]
        [InlineData("public void Run(ReadOnlySpan<float> input, Span<float> output) { }", "the method 'Net.Run(ReadOnlySpan<float>, Span<float>)'", "public void Run(ReadOnlySpan<float> input, Span<float> output) { }")]
        [InlineData("public Net(ReadOnlySpan<float> p) { }", "the constructor 'Net.Net(ReadOnlySpan<float>)'", "public Net(ReadOnlySpan<float> p) { }")]
        [InlineData("private static NetworkSpec Network => null!;", "a member named 'Network'", "private static NetworkSpec Network => null!;")]
        public void AMemberTheGeneratorAlsoDeclaresIsNamedOnTheUsersCode(string member, string named, string squiggled)
        {
            IReadOnlyList<Diagnostic> errors = Errors($"[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\npublic partial class Net\n{{\n    {member}\n}}\n");
            Diagnostic error = Assert.Single(errors);
            Assert.Equal("CG0030", error.Id);
            Assert.Contains(named, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Equal(squiggled, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        }

        [Fact]
        public void OtherRunOverloadsAndMembersAreFine()
        {
            IReadOnlyList<Diagnostic> errors = Errors("[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\npublic partial class Net\n{\n    public float[] Run(float[] input) { var o = new float[OutputLength]; Run(input, o); return o; }\n    public int Extra => InputLength;\n}\n");
            Assert.Empty(errors);
        }

        [Fact]
        public void TheStubThrowsAndHasNoShapeConstants()
        {
            GeneratorResult result = GeneratorHarness.Run("using ConvGen;\n[ConvNet(8, 8, 1)]\n[Conv2D(0, 3)]\npublic partial class Net { }\n");
            string stub = Assert.Single(result.Sources).Value;
            Assert.DoesNotContain("const int", stub, StringComparison.Ordinal);
            Assert.Contains("public static int InputLength => throw Broken();", stub, StringComparison.Ordinal);
            Assert.Contains("public void Run(global::System.ReadOnlySpan<float> input, global::System.Span<float> output) => throw Broken();", stub, StringComparison.Ordinal);
        }

        /// <summary>Every error of the compilation (ConvGen's and the compiler's, in user and generated code).</summary>
        private static IReadOnlyList<Diagnostic> Errors(string source)
        {
            GeneratorResult result = GeneratorHarness.Run("using System;\nusing ConvGen;\n" + source);
            Assert.True(result.RunResult.Results.All(r => r.Exception is null), "the generator threw");
            return result.GeneratorDiagnostics.Concat(result.Compilation.GetDiagnostics())
                .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        }
    }
}
