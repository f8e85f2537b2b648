using System.Linq;
using ConvGen.Cli.Import;
using ConvGen.Cli.Onnx;
using ConvGen.Cli.Verify;
using static ConvGen.ImportTests.HandMadeOnnx;

namespace ConvGen.ImportTests
{
    /// <summary>Graph shapes exporters rarely write, checked against ONNX Runtime.</summary>
    public class ImporterEdgeCaseTests
    {
        /// <summary>A convolution read by an activation through an Identity and also directly: the activation must not be fused into it.</summary>
        [Fact]
        public void AnActivationIsNotFusedIntoALayerSomethingElseReads()
        {
            byte[] onnx = Model(new[]
            {
                Node("Conv", new[] { "x", "w", "b" }, "c", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1)),
                Node("Identity", new[] { "c" }, "i"),
                Node("Relu", new[] { "i" }, "r"),
                Node("Add", new[] { "r", "c" }, "y"),
            }, new[] { Tensor("w", new long[] { 4, 3, 3, 3 }), Tensor("b", new long[] { 4 }) });
            ImportedModel model = OnnxImporter.Import(onnx, "edge");
            Assert.Equal(new[] { LayerKind.Conv2D, LayerKind.Activation, LayerKind.Add }, model.Spec.Layers.Select(l => l.Kind).ToArray());
            Assert.Equal(Activation.Linear, model.Spec.Layers[0].Activation);
            Assert.True(OnnxVerifier.LargestDifference(onnx, model) <= 1e-5);
        }

        /// <summary>--verify's measure sees a wrong import: the same declaration with one weight changed is far off.</summary>
        [Fact]
        public void TheVerifierSeesAWrongWeight()
        {
            byte[] onnx = System.IO.File.ReadAllBytes(System.IO.Path.Combine(PyTorchModels.Folder, "lenet5.onnx"));
            ImportedModel model = OnnxImporter.Import(onnx, "lenet5");
            Assert.True(OnnxVerifier.LargestDifference(onnx, model) <= 1e-5);
            float[] wrong = (float[])model.Parameters.Clone();
            wrong[0] += 1f;
            var tampered = new ImportedModel(model.Spec, wrong, model.LayerSources, model.InputLayout, model.OutputLayout, model.Source);
            Assert.True(OnnxVerifier.LargestDifference(onnx, tampered) > 1e-3);
        }

        /// <summary>An MLP on a [1, n] input: ConvGen's [1, 1, n] input and a Flatten, then MatMul + Add as one Dense.</summary>
        [Fact]
        public void MatMulPlusAddIsOneDenseOnAFlatInput()
        {
            byte[] onnx = Model(new[]
            {
                Node("MatMul", new[] { "x", "w" }, "m"),
                Node("Add", new[] { "m", "b" }, "y"),
            }, new[] { Tensor("w", new long[] { 10, 4 }), Tensor("b", new long[] { 4 }) }, inputDims: new object[] { 1L, 10L });
            ImportedModel model = OnnxImporter.Import(onnx, "mlp");
            Assert.Equal("[ConvNet(1, 1, 10)]\n[Flatten]\n[Dense(4)]", model.Spec.ToString());
            Assert.Equal(TensorLayout.Flat, model.InputLayout);
            Assert.True(OnnxVerifier.LargestDifference(onnx, model) <= 1e-5);
        }
    
        public static TheoryData<string, byte[], string> WindowCases() => new()
        {
            {
                "auto_pad SAME_UPPER is TF same",
                Model(new[] { Node("Conv", new[] { "x", "w" }, "y", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), new global::Onnx.AttributeProto { Name = "auto_pad", Type = global::Onnx.AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("SAME_UPPER") }) },
                    new[] { Tensor("w", new long[] { 4, 3, 3, 3 }) }),
                "[ConvNet(8, 8, 3)]\n[Conv2D(4, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]"
            },
            {
                "auto_pad SAME_LOWER puts the extra cell first: zero padding",
                Model(new[] { Node("Conv", new[] { "x", "w" }, "y", Ints("kernel_shape", 2, 2), new global::Onnx.AttributeProto { Name = "auto_pad", Type = global::Onnx.AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("SAME_LOWER") }) },
                    new[] { Tensor("w", new long[] { 4, 3, 2, 2 }) }),
                "[ConvNet(8, 8, 3)]\n[ZeroPadding2D(1, 0, 1, 0)]\n[Conv2D(4, 2, UseBias = false)]"
            },
            {
                "AveragePool count_include_pad = 1 with ceil_mode: counted zero padding, then TF same for the ceil cells",
                Model(new[] { Node("AveragePool", new[] { "x" }, "y", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Int("count_include_pad", 1), Int("ceil_mode", 1)) },
                    inputDims: new object[] { 1L, 3L, 7L, 7L }),
                "[ConvNet(7, 7, 3)]\n[ZeroPadding2D(1)]\n[AvgPool2D(3, Stride = 2)]"
            },
            {
                "MaxPool with PyTorch pads after ReLU: zero padding cannot win",
                Model(new[] { Node("Relu", new[] { "x" }, "r"), Node("MaxPool", new[] { "r" }, "y", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)) }),
                "[ConvNet(8, 8, 3)]\n[Activation(Activation.ReLU)]\n[ZeroPadding2D(1, 0, 1, 0)]\n[MaxPool2D(3, Stride = 2)]"
            },
            {
                "AveragePool count_include_pad = 0 with TF same pads",
                Model(new[] { Node("AveragePool", new[] { "x" }, "y", Ints("kernel_shape", 3, 3), Ints("strides", 1, 1), Ints("pads", 1, 1, 1, 1)) }),
                "[ConvNet(8, 8, 3)]\n[AvgPool2D(3, Stride = 1, Padding = Padding.Same)]"
            },
        };

        [Theory]
        [MemberData(nameof(WindowCases))]
        public void WindowPaddingMatchesOnnxRuntime(string what, byte[] onnx, string declaration)
        {
            ImportedModel model = OnnxImporter.Import(onnx, what);
            Assert.Equal(declaration, model.Spec.ToString());
            Assert.True(OnnxVerifier.LargestDifference(onnx, model) <= 1e-5, what);
        }
    }
}
