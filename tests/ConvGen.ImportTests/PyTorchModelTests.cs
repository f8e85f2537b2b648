using System;
using System.Linq;
using ConvGen.Cli.Import;
using ConvGen.Cli.Onnx;
using ConvGen.Cli.Verify;
using ConvGen.Reference;
using Xunit.Abstractions;

namespace ConvGen.ImportTests
{
    /// <summary>
    /// Every committed PyTorch export imports, and the imported declaration run by the reference interpreter matches
    /// PyTorch's own output (computed by PyTorch when the model was exported) and ONNX Runtime's, within 1e-4 relative.
    /// </summary>
    public class PyTorchModelTests
    {
        public const double Tolerance = 1e-4;

        private readonly ITestOutputHelper _output;

        public PyTorchModelTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<string> Names() => new(PyTorchModels.All.Select(e => e.Name));

        [Theory]
        [MemberData(nameof(Names))]
        public void ImportsAndMatchesPyTorch(string name)
        {
            PyTorchModels.Entry entry = PyTorchModels.Get(name);
            byte[] onnx = System.IO.File.ReadAllBytes(entry.OnnxPath);
            ImportedModel model = OnnxImporter.Import(onnx, entry.OnnxPath);
            var interpreter = new ReferenceInterpreter(model.Spec, model.Parameters);
            float[] input = Layouts.ToConvGen(entry.InputData, model.InputLayout, interpreter.Analysis.InputShape);
            float[] expected = Layouts.ToConvGen(entry.OutputData, model.OutputLayout, interpreter.Analysis.OutputShape);
            Assert.Equal(entry.Output.Aggregate(1, (a, b) => a * b), expected.Length);
            float[] actual = interpreter.Run(input);
            double toPyTorch = Layouts.RelativeDifference(actual, expected);
            double toOrt = OnnxVerifier.LargestDifference(onnx, model, runs: 1, seed: 5);
            _output.WriteLine($"{name}: vs PyTorch {toPyTorch:E2}, vs ONNX Runtime {toOrt:E2}\n{model.Spec}");
            Assert.True(toPyTorch <= Tolerance, $"{name}: {toPyTorch:E3} relative difference to PyTorch\n{model.Spec}");
            Assert.True(toOrt <= Tolerance, $"{name}: {toOrt:E3} relative difference to ONNX Runtime\n{model.Spec}");
        }

        /// <summary>The committed set is what the issue asks for: at least 100 models, the named architectures, every listed construct.</summary>
        [Fact]
        public void TheModelsCoverTheListedConstructs()
        {
            var all = PyTorchModels.All;
            Assert.True(all.Count >= 100, $"{all.Count} models");
            foreach (string named in new[] { "lenet5", "resnet_basic", "mobilenet_v2", "unet_transpose" })
            {
                Assert.Contains(all, e => e.Name == named);
            }

            var constructs = all.SelectMany(e => e.Constructs).ToHashSet();
            foreach (string c in new[]
            {
                "conv", "conv_explicit_pads", "conv_pads_equal_same", "conv_dilation", "conv_stride", "depthwise", "depthwise_multiplier", "grouped", "conv_transpose",
                "maxpool", "maxpool_pads", "maxpool_ceil", "avgpool", "avgpool_pads_count_include_pad", "avgpool_pads_exclude_pad",
                "gap", "gmp", "mean", "dense_after_flatten", "dense_after_view", "gemm", "batchnorm", "batchnorm1d", "softmax", "dropout",
                "upsample_nearest", "upsample_bilinear", "concat", "add_branches", "zeropad",
                "act:relu", "act:leaky", "act:elu", "act:sigmoid", "act:tanh", "act:relu6", "act:silu", "act:swish", "act:hardswish", "act:hardswish_hand", "act:hardsigmoid", "act:gelu",
            })
            {
                Assert.True(constructs.Contains(c), $"no model uses {c}");
            }
        }
    }
}
