using System;
using System.IO;
using System.Linq;
using ConvGen.Cli.Commands;
using static ConvGen.ImportTests.HandMadeOnnx;

namespace ConvGen.ImportTests
{
    /// <summary>Every kind of rejection: a clear message naming the node and value at fault, the documented exit code, and no file written.</summary>
    public class RejectionTests
    {
        private static string Rejected(string name) => Path.Combine(AppContext.BaseDirectory, "PyTorchRejected", name + ".onnx");

        public static TheoryData<string, string> PyTorchRejections() => new()
        {
            { "upsample_align_corners", "Resize '/1/Resize': coordinate_transformation_mode = align_corners: TF2's bilinear resize uses half-pixel centers" },
            { "maxpool_pads_signed_input", "MaxPool '/1/MaxPool': pads = [1, 1, 1, 1]: max pooling with padding that is not TF 'same' is only imported after a non-negative activation" },
            { "dynamic_batch", "input 'input': shape [batch, 3, 8, 8]: dynamic shapes are not supported" },
        };

        [Theory]
        [MemberData(nameof(PyTorchRejections))]
        public void UnsupportedPyTorchExportsAreRefusedWithTheReason(string name, string message)
        {
            using var cli = new Cli();
            Assert.Equal(ExitCodes.Unsupported, cli.Run("import", Rejected(name), "--class", "Net", "--output", Path.Combine(cli.Folder, "out")));
            Assert.Contains(message, cli.Error);
            Assert.Empty(cli.Written("out"));
            Assert.Equal(ExitCodes.Unsupported, cli.Run("inspect", Rejected(name)));
            Assert.Contains(message, cli.Error);
        }

        [Fact]
        public void InspectListsEveryUnsupportedNodeAtOnce()
        {
            using var cli = new Cli();
            Assert.Equal(ExitCodes.Unsupported, cli.Run("inspect", Rejected("two_unsupported_nodes")));
            Assert.Contains("Softplus '/1/Softplus': this operator is not supported by ConvGen", cli.Error);
            Assert.Contains("Mul '/2/Mul': ConvGen has no element-wise arithmetic layer", cli.Error);
        }

        public static TheoryData<string, byte[], string> UnsupportedValues() => new()
        {
            {
                "HardSigmoid alpha 0.2 (Keras 2)",
                Model(new[] { Node("HardSigmoid", new[] { "x" }, "y", Float("alpha", 0.2f)) }),
                "HardSigmoid 'hardsigmoid_node': alpha = 0.2, beta = 0.5: ConvGen's HardSigmoid is Keras 3's relu6(x + 3) / 6"
            },
            {
                "Softmax over the width",
                Model(new[] { Node("Softmax", new[] { "x" }, "y", Int("axis", -1)) }),
                "Softmax 'softmax_node': axis = -1: ConvGen's Softmax runs over the channels only"
            },
            {
                "opset 9",
                Model(new[] { Node("Relu", new[] { "x" }, "y") }, opset: 9),
                "model 'handmade': opset 9: opsets 11 to 20 are supported"
            },
            {
                "an operator ConvGen lacks",
                Model(new[] { Node("LpNormalization", new[] { "x" }, "y") }),
                "LpNormalization 'lpnormalization_node': this operator is not supported by ConvGen"
            },
            {
                "Gemm with transA",
                Model(new[] { Node("Flatten", new[] { "x" }, "f"), Node("Gemm", new[] { "f", "w" }, "y", Int("transA", 1)) }, new[] { Tensor("w", new long[] { 192, 4 }) }),
                "Gemm 'gemm_node': transA = 1: the input must be the left operand as is"
            },
            {
                "a dilated transposed convolution",
                Model(new[] { Node("ConvTranspose", new[] { "x", "w" }, "y", Ints("dilations", 2, 2)) }, new[] { Tensor("w", new long[] { 3, 2, 3, 3 }) }),
                "ConvTranspose 'convtranspose_node': dilations = [2, 2]: ConvGen's Conv2DTranspose supports dilation 1 only"
            },
            {
                "output_padding past the end pads of a transposed convolution with kernel >= stride",
                Model(new[] { Node("ConvTranspose", new[] { "x", "w" }, "y", Ints("strides", 2, 2), Ints("output_padding", 1, 1)) }, new[] { Tensor("w", new long[] { 3, 2, 3, 3 }) }),
                "ConvTranspose 'convtranspose_node': pads = [0, 0, 0, 0], output_padding = [1, 1]: gives output 18x18 from top/left crop 0/0, which does not lie within the 17x17 output"
            },
            {
                "reflection padding",
                Model(new[] { Node("Pad", new[] { "x", "p" }, "y", new global::Onnx.AttributeProto { Name = "mode", Type = global::Onnx.AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("reflect") }) },
                    new[] { ConvGen.Cli.Onnx.OnnxTensors.Float("p", new long[] { 8 }, new float[] { 0, 0, 1, 1, 0, 0, 1, 1 }) }),
                "Pad 'pad_node': mode = reflect: ConvGen pads with zeros only"
            },
            {
                "a dynamic height",
                Model(new[] { Node("Relu", new[] { "x" }, "y") }, inputDims: new object[] { 1L, 3L, "height", 8L }),
                "input 'x': shape [1, 3, height, 8]: dynamic shapes are not supported"
            },
            {
                "batch 4",
                Model(new[] { Node("Relu", new[] { "x" }, "y") }, inputDims: new object[] { 4L, 3L, 8L, 8L }),
                "input 'x': shape [4, 3, 8, 8]: ConvGen takes one image"
            },
        };

        [Theory]
        [MemberData(nameof(UnsupportedValues))]
        public void UnsupportedOperatorsAndValuesExitWithCode2(string what, byte[] model, string message)
        {
            using var cli = new Cli();
            string path = cli.File("model.onnx", model);
            Assert.Equal(ExitCodes.Unsupported, cli.Run("import", path, "--class", "Net", "--output", Path.Combine(cli.Folder, "out")));
            Assert.True(cli.Error.Contains(message, StringComparison.Ordinal), $"{what}: {cli.Error}");
            Assert.Empty(cli.Written("out"));
        }

        public static TheoryData<string, string, string> BadFiles()
        {
            byte[] lenet = File.ReadAllBytes(Path.Combine(PyTorchModels.Folder, "lenet5.onnx"));
            var garbage = new byte[4000];
            new Random(3).NextBytes(garbage);
            garbage[0] = 0x08; // looks like ONNX's first field, then noise
            return new TheoryData<string, string, string>
            {
                { "truncated.onnx", Convert.ToBase64String(lenet.AsSpan(0, lenet.Length / 2).ToArray()), "is not a readable ONNX model (truncated or corrupt protobuf" },
                { "corrupt.onnx", Convert.ToBase64String(garbage), "corrupt.onnx is not" },
                { "picture.onnx", Convert.ToBase64String(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }), "picture.onnx is not a model this tool reads: expected ONNX (.onnx), Keras JSON" },
                { "notes.txt", Convert.ToBase64String("hello, model"u8.ToArray()), "notes.txt is not a model this tool reads" },
                { "empty.onnx", string.Empty, "empty.onnx is empty" },
            };
        }

        [Theory]
        [MemberData(nameof(BadFiles))]
        public void UnreadableFilesExitWithCode1(string name, string base64, string message)
        {
            using var cli = new Cli();
            string path = cli.File(name, Convert.FromBase64String(base64));
            Assert.Equal(ExitCodes.BadFile, cli.Run("import", path, "--class", "Net", "--output", Path.Combine(cli.Folder, "out")));
            Assert.Contains(message, cli.Error);
            Assert.Empty(cli.Written("out"));
            Assert.Equal(ExitCodes.BadFile, cli.Run("inspect", path));
            Assert.Contains(message, cli.Error);
        }

        [Fact]
        public void AMissingFileOrABadClassNameExitWithCode1()
        {
            using var cli = new Cli();
            Assert.Equal(ExitCodes.BadFile, cli.Run("inspect", Path.Combine(cli.Folder, "nope.onnx")));
            Assert.Contains("nope.onnx does not exist", cli.Error);
            Assert.Equal(ExitCodes.BadFile, cli.Run("import", Path.Combine(PyTorchModels.Folder, "lenet5.onnx"), "--class", "1Net", "--output", Path.Combine(cli.Folder, "out")));
            Assert.Contains("--class '1Net' is not a valid C# identifier", cli.Error);
            Assert.Empty(cli.Written("out"));
        }
    }
}
