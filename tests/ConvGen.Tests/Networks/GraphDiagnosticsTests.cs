using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ConvGen.Tests.Networks
{
    /// <summary>
    /// The new diagnostics: each bad declaration gets its id on the offending attribute (or argument), the class gets no
    /// code, and a valid class in the same compilation still does.
    /// </summary>
    public class GraphDiagnosticsTests
    {
        private const string Valid = "[ConvNet(4, 4, 8)]\n[Conv2D(4, 1, Name = \"a\")]\n[Conv2D(4, 1, Input = \"input\")]\n[Add(\"a\", \"conv2d\")]\npublic partial class Fine { }\n";

        private static Diagnostic Single(string declaration, string id, string expectedSpan)
        {
            string source = "using ConvGen;\n" + declaration + Valid;
            GeneratorResult result = GeneratorHarness.Run(source);
            Diagnostic diagnostic = Assert.Single(result.ConvGenDiagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Equal(expectedSpan, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
            // The broken class gets no network, only a stub whose members throw.
            Assert.All(result.Sources.Where(s => s.Key.StartsWith("Bad", System.StringComparison.Ordinal)),
                s => Assert.Contains("so no network is generated", s.Value, System.StringComparison.Ordinal));
            Assert.Contains("Fine.g.cs", result.Sources.Keys);
            return diagnostic;
        }

        [Fact]
        public void AddOfDifferentShapesNamesBothShapes()
        {
            Diagnostic d = Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1, Name = \"a\")]\n[Conv2D(16, 1, Input = \"input\", Name = \"b\")]\n[Add(\"a\", \"b\")]\npublic partial class Bad { }\n",
                "CG0023", "Add(\"a\", \"b\")");
            string message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains("'a' [4, 4, 8]", message);
            Assert.Contains("'b' [4, 4, 16]", message);
        }

        [Fact]
        public void UnknownLayerName() =>
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1)]\n[Conv2D(4, 1, Input = \"nope\")]\npublic partial class Bad { }\n", "CG0020", "Input = \"nope\"");

        [Fact]
        public void UnknownNameInAMergeMarksTheAttribute() =>
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1, Name = \"a\")]\n[Concatenate(\"a\", \"b\")]\npublic partial class Bad { }\n", "CG0020", "Concatenate(\"a\", \"b\")");

        [Fact]
        public void DuplicateLayerName() =>
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1, Name = \"a\")]\n[Conv2D(4, 1, Name = \"a\")]\npublic partial class Bad { }\n", "CG0021", "Name = \"a\"");

        [Fact]
        public void NameEqualToAnAutomaticNameIsADuplicate() =>
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1)]\n[Conv2D(4, 1, Name = \"conv2d\")]\npublic partial class Bad { }\n", "CG0021", "Name = \"conv2d\"");

        [Fact]
        public void InputIsTheReservedNameOfTheNetworkInput() =>
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1, Name = \"input\")]\npublic partial class Bad { }\n", "CG0021", "Name = \"input\"");

        [Fact]
        public void NamesMustBeIdentifierLike() =>
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1, Name = \"stem-conv\")]\npublic partial class Bad { }\n", "CG0016", "Name = \"stem-conv\"");

        [Fact]
        public void ForwardReference() =>
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1, Input = \"later\")]\n[Conv2D(4, 1, Name = \"later\")]\npublic partial class Bad { }\n", "CG0022", "Input = \"later\"");

        [Fact]
        public void SelfReferenceIsACycle() =>
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(8, 1, Name = \"me\", Input = \"me\")]\npublic partial class Bad { }\n", "CG0022", "Input = \"me\"");

        [Fact]
        public void ConcatenateOfDifferentSpatialSizes()
        {
            Diagnostic d = Single("[ConvNet(8, 8, 2)]\n[MaxPool2D(2, Name = \"half\")]\n[Concatenate(\"input\", \"half\")]\npublic partial class Bad { }\n",
                "CG0024", "Concatenate(\"input\", \"half\")");
            Assert.Contains("[8, 8, 2]", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("[4, 4, 2]", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        [Fact]
        public void GroupsMustDivideInputChannelsAndFilters()
        {
            Single("[ConvNet(4, 4, 8)]\n[Conv2D(6, 3, Groups = 4)]\npublic partial class Bad { }\n", "CG0017", "Groups = 4");
            Single("[ConvNet(4, 4, 6)]\n[Conv2D(8, 3, Groups = 4)]\npublic partial class Bad { }\n", "CG0017", "Groups = 4");
        }

        [Fact]
        public void ActivationOnALayerWithoutOneIsRejectedByTheSharedRules()
        {
            // Not reachable from attributes (BatchNormalization has no Activation argument), but a spec built in code is checked the same way.
            var spec = new NetworkSpec(2, 2, 1, new[] { LayerSpec.BatchNormalization() with { Activation = Activation.ReLU } });
            SpecDiagnostic problem = Assert.Single(ShapeInference.Analyze(spec).Diagnostics);
            Assert.Equal(DiagnosticIds.InvalidArgument, problem.Id);
        }
    }
}
