using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ConvGen.Tests.Diagnostics
{
    /// <summary>
    /// Every ConvGen diagnostic id: the declaration that triggers it, where it is reported (line and column, 1-based as
    /// the compiler prints them, and the exact source text under the squiggle) and the offending values in the message.
    /// Each broken class generates no network (at most a stub); a valid class in the same compilation still generates.
    /// </summary>
    public class DiagnosticTests
    {
        private const string Valid = "\n[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\npublic partial class StillValid { }\n";

        [Fact]
        public void CG0001_NonPartialClass()
        {
            Expect("using ConvGen;\n[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\npublic class NotPartial { }\n",
                "CG0001", line: 2, column: 2, text: "ConvNet(8, 8, 1)", "'NotPartial' must be declared 'partial'");
        }

        [Fact]
        public void CG0002_LayersWithoutConvNet()
        {
            Expect("using ConvGen;\n[Conv2D(2, 3)]\n[Dense(3)]\npublic partial class Orphan { }\n",
                "CG0002", line: 2, column: 2, text: "Conv2D(2, 3)", "'Orphan' has layer attributes but no [ConvNet(height, width, channels)]");
        }

        [Fact]
        public void CG0003_LayersOnSeveralPartialDeclarations()
        {
            Expect("using ConvGen;\n[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\npublic partial class Split { }\n\n[MaxPool2D(2)]\npublic partial class Split { }\n",
                "CG0003", line: 6, column: 2, text: "MaxPool2D(2)", "the layers of 'Split' are declared on more than one partial declaration");
        }

        [Fact]
        public void ConvNetOnTwoPartialDeclarationsIsTheCompilersErrorAndDoesNotCrash()
        {
            // Found by the fuzz test: each declaration saw both attributes and the network was emitted twice (CS8785).
            GeneratorResult result = GeneratorHarness.Run("using ConvGen;\nnamespace N;\n[ConvNet(5, 13, 16)]\n[Flatten]\npublic partial class F { }\n[ConvNet(4, 4, 1)]\npublic partial class F { }\n");
            Assert.Null(result.RunResult.Results.Single().Exception);
            Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "CS8785");
            Assert.Contains(result.Compilation.GetDiagnostics(), d => d.Id == "CS0579");
            Assert.Equal(new[] { "N.F.g.cs" }, result.Sources.Keys);
            Assert.Contains("public const int InputLength = 1040;", result.Sources["N.F.g.cs"], StringComparison.Ordinal); // 5 * 13 * 16, the first [ConvNet]
        }

        [Fact]
        public void LayersOnTheOtherPartialDeclarationThanConvNetAreFine()
        {
            GeneratorResult result = GeneratorHarness.Run("using ConvGen;\n[ConvNet(8, 8, 1)]\npublic partial class Apart { }\n[Conv2D(2, 3)]\n[MaxPool2D(2)]\npublic partial class Apart { }\n");
            Assert.Empty(result.ConvGenDiagnostics);
            Assert.Contains("Apart.g.cs", result.Sources.Keys);
        }

        [Theory]
        [InlineData("public partial struct S { }", "'S' is not a class")]
        [InlineData("public partial record R { }", "'R' is not a class")]
        [InlineData("public partial record struct RS { }", "'RS' is not a class")]
        [InlineData("public static partial class St { }", "'St' is static")]
        [InlineData("public partial class G<T> { }", "'G' is generic")]
        public void CG0004_UnsupportedType(string declaration, string message)
        {
            Expect("using ConvGen;\n[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\n" + declaration + "\n", "CG0004", line: 2, column: 2, text: "ConvNet(8, 8, 1)", message);
        }

        [Theory]
        [InlineData("public partial class Outer<T>", "nested in 'Outer', which must be a non-generic partial class or struct")]
        [InlineData("public class Outer", "nested in 'Outer', which must be a non-generic partial class or struct")]
        [InlineData("public partial record Outer", "nested in 'Outer', which must be a non-generic partial class or struct")]
        public void CG0004_UnsupportedContainingType(string outer, string message)
        {
            Expect("using ConvGen;\n" + outer + "\n{\n    [ConvNet(8, 8, 1)]\n    [Conv2D(2, 3)]\n    public partial class Inner { }\n}\n",
                "CG0004", line: 4, column: 6, text: "ConvNet(8, 8, 1)", message);
        }

        [Fact]
        public void NestedInPartialClassesAndStructsGenerates()
        {
            GeneratorResult result = GeneratorHarness.Run("using ConvGen;\nnamespace N;\npublic partial class Outer\n{\n    partial struct Middle\n    {\n        [ConvNet(8, 8, 1)]\n        [Conv2D(2, 3)]\n        public partial class Inner { }\n    }\n}\n");
            Assert.Empty(result.ConvGenDiagnostics);
            Assert.Contains("N.Outer.Middle.Inner.g.cs", result.Sources.Keys);
            Assert.Empty(result.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }

        [Fact]
        public void CG0005_NoLayers()
        {
            Expect("using ConvGen;\n[ConvNet(8, 8, 1)]\npublic partial class Empty { }\n",
                "CG0005", line: 2, column: 2, text: "ConvNet(8, 8, 1)", "the network declares no layers");
        }

        [Theory]
        [InlineData("[ConvNet(0, 8, 1)]\n[Conv2D(2, 3)]", 2, 10, "0", "input height must be positive, not 0")]
        [InlineData("[ConvNet(8, 8, -3)]\n[Conv2D(2, 3)]", 2, 16, "-3", "input channels must be positive, not -3")]
        [InlineData("[ConvNet(8, 8, 1)]\n[Conv2D(0, 3)]", 3, 9, "0", "layer 1 (Conv2D) filters must be positive, not 0")]
        [InlineData("[ConvNet(8, 8, 1)]\n[Conv2D(2, 3, 0)]", 3, 15, "0", "layer 1 (Conv2D) kernel width must be positive, not 0")]
        [InlineData("[ConvNet(8, 8, 1)]\n[Conv2D(2, 3, Stride = -1)]", 3, 15, "Stride = -1", "layer 1 (Conv2D) stride height must be positive, not -1")]
        [InlineData("[ConvNet(8, 8, 1)]\n[Conv2D(2, 3, Stride = 2, StrideWidth = 0)]", 3, 27, "StrideWidth = 0", "layer 1 (Conv2D) stride width must be positive, not 0")]
        [InlineData("[ConvNet(8, 8, 1)]\n[Conv2D(2, 3, DilationHeight = 0)]", 3, 15, "DilationHeight = 0", "dilation height must be positive, not 0")]
        [InlineData("[ConvNet(8, 8, 1)]\n[MaxPool2D(2, Stride = 0)]", 3, 15, "Stride = 0", "layer 1 (MaxPool2D) stride height must be positive, not 0")]
        [InlineData("[ConvNet(8, 8, 1)]\n[AvgPool2D(-2)]", 3, 12, "-2", "layer 1 (AvgPool2D) pool height must be positive, not -2")]
        [InlineData("[ConvNet(8, 8, 1)]\n[AvgPool2D(2, -2)]", 3, 15, "-2", "layer 1 (AvgPool2D) pool width must be positive, not -2")]
        [InlineData("[ConvNet(8, 8, 1)]\n[Flatten]\n[Dense(0)]", 4, 8, "0", "layer 2 (Dense) units must be positive, not 0")]
        [InlineData("[ConvNet(8, 8, 1)]\n[Cropping2D(0, 0, 0, -1)]", 3, 22, "-1", "layer 1 (Cropping2D) right cropping must not be negative, not -1")]
        [InlineData("[ConvNet(4, 8, 1)]\n[Cropping2D(2, 1)]", 3, 13, "2", "layer 1 (Cropping2D) removes 4 of 4 rows (top 2, bottom 2); at least one row must remain")]
        [InlineData("[ConvNet(4, 8, 1)]\n[Cropping2D(0, 0, 5, 3)]", 3, 19, "5", "layer 1 (Cropping2D) removes 8 of 8 columns (left 5, right 3); at least one column must remain")]
        public void CG0010_NonPositiveSize(string attributes, int line, int column, string text, string message)
        {
            Expect("using ConvGen;\n" + attributes + "\npublic partial class Sizes { }\n", "CG0010", line, column, text, message);
        }

        [Fact]
        public void CG0011_KernelLargerThanValidInput()
        {
            // 11x11 -> 3x3 valid -> 9x9 -> 3x3 valid -> 7x7; a 5x5 kernel dilated by 2 spans 2*(5-1)+1 = 9 rows.
            Expect("using ConvGen;\n[ConvNet(11, 11, 1)]\n[Conv2D(4, 3)]\n[Conv2D(4, 3)]\n[Conv2D(2, 5, Dilation = 2)]\npublic partial class Dilated { }\n",
                "CG0011", line: 5, column: 12, text: "5",
                "kernel 5x5 with dilation 2 needs at least 9x9 input with Padding.Valid, layer 3 (Conv2D) receives 7x7");
        }

        [Fact]
        public void CG0011_RectangularKernelPointsAtTheHeight()
        {
            Expect("using ConvGen;\n[ConvNet(4, 9, 1)]\n[Conv2D(4, 5, 3)]\npublic partial class Tall { }\n",
                "CG0011", line: 3, column: 12, text: "5", "kernel 5x3 needs at least 5x3 input with Padding.Valid, layer 1 (Conv2D) receives 4x9");
        }

        [Fact]
        public void CG0011_PoolLargerThanValidInput()
        {
            Expect("using ConvGen;\n[ConvNet(3, 3, 2)]\n[MaxPool2D(4)]\npublic partial class BigPool { }\n",
                "CG0011", line: 3, column: 12, text: "4", "pool 4x4 needs at least 4x4 input with Padding.Valid, layer 1 (MaxPool2D) receives 3x3");
        }

        [Fact]
        public void SameKernelLargerThanInputIsFine()
        {
            GeneratorResult result = GeneratorHarness.Run("using ConvGen;\n[ConvNet(3, 3, 1)]\n[Conv2D(2, 5, Padding = Padding.Same)]\npublic partial class SameBig { }\n");
            Assert.Empty(result.ConvGenDiagnostics);
            Assert.Single(result.Sources);
        }

        [Fact]
        public void CG0012_DenseOn3DWithoutFlatten()
        {
            Expect("using ConvGen;\n[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\n[Dense(10)]\npublic partial class NoFlatten { }\n",
                "CG0012", line: 4, column: 2, text: "Dense(10)", "layer 2 (Dense) needs a flat input but receives [6, 6, 2]; add [Flatten] before it");
        }

        [Fact]
        public void CG0013_ConvolutionAfterFlatten()
        {
            Expect("using ConvGen;\n[ConvNet(8, 8, 1)]\n[Flatten]\n[Conv2D(2, 3)]\npublic partial class FlatConv { }\n",
                "CG0013", line: 4, column: 2, text: "Conv2D(2, 3)", "layer 2 (Conv2D) needs an [height, width, channels] input but receives the flat [64]");
        }

        [Theory]
        [InlineData("[Conv2D(2, 3, Padding = (Padding)7)]", 15, "Padding = (Padding)7", "layer 1 (Conv2D): 7 is not a Padding value")]
        [InlineData("[Conv2D(2, 3, Activation = (Activation)42)]", 15, "Activation = (Activation)42", "layer 1 (Conv2D): 42 is not an Activation value")]
        [InlineData("[MaxPool2D(2, Padding = (Padding)(-1))]", 15, "Padding = (Padding)(-1)", "layer 1 (MaxPool2D): -1 is not a Padding value")]
        [InlineData("[Activation((Activation)99)]", 13, "(Activation)99", "layer 1 (Activation): 99 is not an Activation value")]
        public void CG0014_UnknownEnumValue(string layer, int column, string text, string message)
        {
            Expect("using ConvGen;\n[ConvNet(8, 8, 1)]\n" + layer + "\npublic partial class Enums { }\n", "CG0014", 3, column, text, message);
        }

        [Theory]
        [InlineData("[ConvNet(70000, 8, 1)]\n[Conv2D(2, 3)]", 2, 10, "70000", "input height is 70000; at most 65536 is supported")]
        [InlineData("[ConvNet(8, 8, 1)]\n[Conv2D(2147483647, 3)]", 3, 9, "2147483647", "layer 1 (Conv2D) filters is 2147483647; at most 65536 is supported")]
        [InlineData("[ConvNet(65536, 65536, 65536)]\n[Conv2D(2, 3)]", 2, 2, "ConvNet(65536, 65536, 65536)", "the input [65536, 65536, 65536] has 281474976710656 floats; at most 268435456 are supported")]
        [InlineData("[ConvNet(64, 64, 2)]\n[Flatten]\n[Dense(65536)]", 4, 2, "Dense(65536)", "layer 2 (Dense) kernel needs 536870912 floats")]
        [InlineData("[ConvNet(4096, 4096, 1)]\n[Conv2D(64, 1)]", 3, 2, "Conv2D(64, 1)", "layer 1 (Conv2D) output [4096, 4096, 64] has 1073741824 floats")]
        public void CG0015_SizeTooLarge(string attributes, int line, int column, string text, string message)
        {
            Expect("using ConvGen;\n" + attributes + "\npublic partial class Huge { }\n", "CG0015", line, column, text, message);
        }

        [Fact]
        public void LimitsAreTheDocumentedOnes()
        {
            // Hand-written: 2^16 per dimension, 2^28 floats (1 GiB) per tensor or parameter vector.
            Assert.Equal(65536, ShapeInference.MaxDimension);
            Assert.Equal(268435456L, ShapeInference.MaxTensorLength);
        }

        [Fact]
        public void LimitsAreInclusive()
        {
            // 65536 is accepted, 65537 rejected; a 2^14 x 2^14 x 1 input (2^28 floats) is accepted, one row more is not.
            static string[] Ids(int h, int w, int c, LayerSpec layer) => ShapeInference.Analyze(new NetworkSpec(h, w, c, new[] { layer })).Diagnostics.Select(d => d.Id).ToArray();
            Assert.Empty(Ids(1, 1, 65536, LayerSpec.Flatten()));
            Assert.Equal(new[] { "CG0015" }, Ids(1, 1, 65537, LayerSpec.Flatten()));
            Assert.Empty(Ids(16384, 16384, 1, LayerSpec.Flatten()));
            Assert.Equal(new[] { "CG0015" }, Ids(16385, 16384, 1, LayerSpec.Flatten()));
        }

        [Fact]
        public void CG0016_NonFiniteSlope()
        {
            Expect("using ConvGen;\n[ConvNet(8, 8, 1)]\n[Conv2D(2, 3, Activation = Activation.LeakyReLU, NegativeSlope = float.NaN)]\npublic partial class Slope { }\n",
                "CG0016", line: 3, column: 50, text: "NegativeSlope = float.NaN", "layer 1 (Conv2D): NegativeSlope must be a finite number, not NaN");
        }

        [Fact]
        public void BrokenClassesGenerateNoNetworkAndValidOnesStillGenerate()
        {
            string broken = string.Join("\n",
                "[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\npublic class B1 { }",
                "[Dense(3)]\npublic partial class B2 { }",
                "[ConvNet(4, 4, 1)]\n[Conv2D(2, 5)]\npublic partial class B3 { }",
                "[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\n[Dense(4)]\npublic partial class B4 { }",
                "[ConvNet(8, 8, 1)]\n[Conv2D(0, 3)]\npublic partial class B5 { }",
                "[ConvNet(8, 8, 1)]\n[Conv2D(2, 3)]\npublic partial class B6 { }\n[MaxPool2D(2)]\npublic partial class B6 { }");
            GeneratorResult result = GeneratorHarness.Run("using ConvGen;\n" + broken + Valid);

            Assert.Equal(new[] { "CG0001", "CG0002", "CG0003", "CG0010", "CG0011", "CG0012" }, result.ConvGenDiagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
            // Classes that can hold code (partial classes) get a stub whose members throw; the others nothing.
            Assert.Equal(new[] { "B3.g.cs", "B4.g.cs", "B5.g.cs", "B6.g.cs", "StillValid.g.cs" }, result.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.All(result.Sources.Where(s => s.Key != "StillValid.g.cs"), s => Assert.DoesNotContain("const int", s.Value, StringComparison.Ordinal));
            Assert.Empty(result.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("CG", StringComparison.Ordinal)));
        }

        [Fact]
        public void AttributesThatDoNotBindLeaveTheErrorToTheCompiler()
        {
            // Wrong argument types: the compiler reports CS1503; ConvGen adds nothing and generates nothing for the class.
            GeneratorResult result = GeneratorHarness.Run("using ConvGen;\n[ConvNet(8, 8, 1)]\n[Conv2D(\"16\", 3)]\npublic partial class Typo { }\n" + Valid);
            Assert.Empty(result.ConvGenDiagnostics);
            Assert.Equal(new[] { "StillValid.g.cs", "Typo.g.cs" }, result.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Contains("so no network is generated", result.Sources["Typo.g.cs"], StringComparison.Ordinal); // a stub
            Assert.Contains(result.Compilation.GetDiagnostics(), d => d.Id == "CS1503");
        }

        [Fact]
        public void EveryDiagnosticIsAnErrorWithTitleCategoryAndHelpText()
        {
            GeneratorResult result = GeneratorHarness.Run("using ConvGen;\n[ConvNet(4, 4, 1)]\n[Conv2D(2, 5)]\npublic partial class B { }\n");
            DiagnosticDescriptor d = result.ConvGenDiagnostics.Single().Descriptor;
            Assert.Equal("Window larger than its input", d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("ConvGen", d.Category);
            Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.Equal("Explained with an example and a fix in docs/diagnostics.md#cg0011 (in the ConvGen package and repository).", d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private static void Expect(string source, string id, int line, int column, string text, string message)
        {
            GeneratorResult result = GeneratorHarness.Run(source + Valid);
            Assert.True(result.RunResult.Results.All(r => r.Exception is null), "the generator threw");
            IReadOnlyList<Diagnostic> diagnostics = result.ConvGenDiagnostics;
            Diagnostic d = Assert.Single(diagnostics);
            Assert.Equal(id, d.Id);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            FileLinePositionSpan span = d.Location.GetLineSpan();
            Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
            Assert.Equal(text, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
            string rendered = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(message, rendered, StringComparison.Ordinal);

            // The valid class in the same compilation generates; the broken one at most a stub (members that throw), never a network.
            Assert.Contains("StillValid.g.cs", result.Sources.Keys);
            Assert.All(result.Sources.Where(s => s.Key != "StillValid.g.cs"), s => Assert.Contains("so no network is generated", s.Value, StringComparison.Ordinal));
        }
    }
}
