using System.IO;
using System.Linq;
using ConvGen.Cli.Import;
using ConvGen.Cli.Onnx;
using ConvGen.Cli.Verify;
using static ConvGen.ImportTests.HandMadeOnnx;

namespace ConvGen.ImportTests
{
    /// <summary>
    /// ONNX ConvTranspose with pads (and output_padding) that are neither Keras' valid nor same: Conv2DTranspose valid,
    /// then Cropping2D keeping ONNX's window, checked against ONNX Runtime. ONNX: out = s * (in - 1) + output_padding + k
    /// - pad_begin - pad_end, the cell o being the full output's cell o + pad_begin; Keras valid: in * s + max(k - s, 0).
    /// </summary>
    public class ConvTransposeCroppingTests
    {
        public static TheoryData<string, byte[], string> Cases() => new()
        {
            {
                // H and W: valid 8 * 2 + 1 = 17; ONNX 7 * 2 + 1 + 3 - 1 - 1 = 16 from cell 1: crop 1 above, 17 - 1 - 16 = 0 below.
                "PyTorch ConvTranspose2d(3, 4, 3, stride 2, padding 1, output_padding 1)",
                Model(new[] { Node("ConvTranspose", new[] { "x", "w", "b" }, "y", Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Ints("output_padding", 1, 1)) },
                    new[] { Tensor("w", new long[] { 3, 4, 3, 3 }), Tensor("b", new long[] { 4 }) }),
                "[ConvNet(8, 8, 3)]\n[Conv2DTranspose(4, 3, Stride = 2)]\n[Cropping2D(1, 0, 1, 0)]"
            },
            {
                // Valid 8 + 2 = 10; ONNX 7 + 3 - 4 = 6 from cell 2: crop 2 on every side.
                "pads larger than same, stride 1",
                Model(new[] { Node("ConvTranspose", new[] { "x", "w" }, "y", Ints("pads", 2, 2, 2, 2)) }, new[] { Tensor("w", new long[] { 3, 2, 3, 3 }) }),
                "[ConvNet(8, 8, 3)]\n[Conv2DTranspose(2, 3, UseBias = false)]\n[Cropping2D(2)]"
            },
            {
                // pads [h_begin, w_begin, h_end, w_end] = [0, 1, 2, 0], k 4, s 2: valid 18; H 14 + 4 - 2 = 16 from 0 (2 below);
                // W 14 + 4 - 1 = 17 from 1 (0 on the right).
                "asymmetric pads",
                Model(new[] { Node("ConvTranspose", new[] { "x", "w", "b" }, "y", Ints("strides", 2, 2), Ints("pads", 0, 1, 2, 0)) },
                    new[] { Tensor("w", new long[] { 3, 2, 4, 4 }), Tensor("b", new long[] { 2 }) }),
                "[ConvNet(8, 8, 3)]\n[Conv2DTranspose(2, 4, Stride = 2)]\n[Cropping2D(0, 2, 1, 0)]"
            },
            {
                // k 2 < s 3: valid 8 * 3 = 24 (the last cell bias only); ONNX 21 + 2 + 2 - 1 - 1 = 23 from cell 1: 0 below.
                "kernel smaller than the stride with output_padding",
                Model(new[] { Node("ConvTranspose", new[] { "x", "w", "b" }, "y", Ints("strides", 3, 3), Ints("pads", 1, 1, 1, 1), Ints("output_padding", 2, 2)) },
                    new[] { Tensor("w", new long[] { 3, 2, 2, 2 }), Tensor("b", new long[] { 2 }) }),
                "[ConvNet(8, 8, 3)]\n[Conv2DTranspose(2, 2, Stride = 3)]\n[Cropping2D(1, 0, 1, 0)]"
            },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void ImportsAsValidThenCroppingAndMatchesOnnxRuntime(string what, byte[] onnx, string declaration)
        {
            ImportedModel model = OnnxImporter.Import(onnx, what);
            Assert.Equal(declaration, model.Spec.ToString());
            Assert.True(OnnxVerifier.LargestDifference(onnx, model) <= 1e-5, what);
        }

        /// <summary>The PyTorch export that was refused before Cropping2D (Conv2d, then ConvTranspose2d(4, 2, 3, 2, 1, output_padding=1)).</summary>
        [Fact]
        public void ThePyTorchOutputPaddingExportImports()
        {
            string path = Path.Combine(System.AppContext.BaseDirectory, "PyTorchOrtChecked", "conv_transpose_output_padding.onnx");
            byte[] onnx = File.ReadAllBytes(path);
            ImportedModel model = OnnxImporter.Import(onnx, path);
            Assert.Equal(new[] { LayerKind.Conv2D, LayerKind.Conv2DTranspose, LayerKind.Cropping2D }, model.Spec.Layers.Select(l => l.Kind).ToArray());
            LayerSpec crop = model.Spec.Layers[2];
            Assert.Equal((1, 0, 1, 0), (crop.PadTop, crop.PadBottom, crop.PadLeft, crop.PadRight));
            Assert.True(OnnxVerifier.LargestDifference(onnx, model, runs: 2, seed: 3) <= 1e-5);
        }
    }
}
