using System.Collections.Generic;
using System.IO;
using ConvGen.Cli.Commands;
using ConvGen.Cli.Import;
using ConvGen.Cli.Onnx;
using ConvGen.Cli.Verify;
using static ConvGen.ImportTests.HandMadeOnnx;

namespace ConvGen.ImportTests
{
    /// <summary>ONNX Slice of an image's height and width is a Cropping2D (checked against ONNX Runtime); other slices are refused.</summary>
    public class SliceImportTests
    {
        private static byte[] SliceModel(long[] starts, long[] ends, long[] axes, long[]? steps = null)
        {
            var initializers = new List<global::Onnx.TensorProto> { Longs("starts", starts), Longs("ends", ends), Longs("axes", axes) };
            var inputs = new List<string> { "r", "starts", "ends", "axes" };
            if (steps is not null)
            {
                initializers.Add(Longs("steps", steps));
                inputs.Add("steps");
            }

            return Model(new[] { Node("Relu", new[] { "x" }, "r"), Node("Slice", inputs.ToArray(), "y") }, initializers.ToArray());
        }

        public static TheoryData<string, byte[], string> Cases() => new()
        {
            // 8x8: rows [1, 8 - 1) and columns [0, 7): top 1, bottom 1, left 0, right 1.
            { "negative end", SliceModel(new long[] { 1, 0 }, new long[] { -1, 7 }, new long[] { 2, 3 }), "[Cropping2D(1, 1, 0, 1)]" },
            // PyTorch's x[..., 2:]: end INT64_MAX clamped to the width; axis -1 is W.
            { "open end on axis -1", SliceModel(new long[] { 2 }, new long[] { long.MaxValue }, new long[] { -1 }), "[Cropping2D(0, 0, 2, 0)]" },
            // Batch and channels kept whole (0 to their size) and step 1 written out.
            { "whole batch and channels", SliceModel(new long[] { 0, 0, 3, 1 }, new long[] { 1, 3, 8, 5 }, new long[] { 0, 1, 2, 3 }, new long[] { 1, 1, 1, 1 }), "[Cropping2D(3, 0, 1, 3)]" },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void HeightAndWidthSlicesAreCroppingAndMatchOnnxRuntime(string what, byte[] onnx, string cropping)
        {
            ImportedModel model = OnnxImporter.Import(onnx, what);
            Assert.Equal("[ConvNet(8, 8, 3)]\n[Activation(Activation.ReLU)]\n" + cropping, model.Spec.ToString());
            Assert.True(OnnxVerifier.LargestDifference(onnx, model) <= 1e-6, what);
        }

        public static TheoryData<string, byte[], string> Refused() => new()
        {
            { "channels", SliceModel(new long[] { 0 }, new long[] { 2 }, new long[] { 1 }), "Slice 'slice_node': starts = [0], ends = [2], axes = [1]: ConvGen crops height and width only" },
            { "step 2", SliceModel(new long[] { 0 }, new long[] { 8 }, new long[] { 2 }, new long[] { 2 }), "Slice 'slice_node': steps = [2]: ConvGen crops with step 1 only" },
            { "nothing left", SliceModel(new long[] { 5 }, new long[] { 5 }, new long[] { 3 }), "Slice 'slice_node': starts = [5], ends = [5], axes = [3]: leaves no rows or no columns" },
        };

        [Theory]
        [MemberData(nameof(Refused))]
        public void OtherSlicesAreRefusedWithTheReason(string what, byte[] onnx, string message)
        {
            using var cli = new Cli();
            string path = cli.File("model.onnx", onnx);
            Assert.Equal(ExitCodes.Unsupported, cli.Run("import", path, "--class", "Net", "--output", Path.Combine(cli.Folder, "out")));
            Assert.True(cli.Error.Contains(message, System.StringComparison.Ordinal), $"{what}: {cli.Error}");
            Assert.Empty(cli.Written("out"));
        }
    }
}
