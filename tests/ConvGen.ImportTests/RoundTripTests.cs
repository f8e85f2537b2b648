using System;
using System.Linq;
using ConvGen.Cli.Import;
using ConvGen.Cli.Onnx;
using ConvGen.Onnx;
using ConvGen.Reference;
using ConvGen.Tests.Generated;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.ImportTests
{
    /// <summary>
    /// ConvGen's own test ONNX writer (tests/Shared/ConvGen.TestSupport.Onnx: NHWC input behind a Transpose, NCHW inside, TF pads written
    /// out) translates declarations to ONNX; importing them gives the declaration back, or for random networks one
    /// that computes the same function.
    /// </summary>
    public class RoundTripTests
    {
        public static TheoryData<string> Declarations() => new(SameDeclarations.Keys);

        private static readonly System.Collections.Generic.Dictionary<string, NetworkSpec> SameDeclarations = new()
        {
            ["lenet"] = new NetworkSpec(28, 28, 1, new[]
            {
                LayerSpec.Conv2D(6, 5, 5, padding: Padding.Same, activation: Activation.Tanh), LayerSpec.AvgPool2D(2, 2),
                LayerSpec.Conv2D(16, 5, 5, activation: Activation.ReLU), LayerSpec.MaxPool2D(2, 2), LayerSpec.Flatten(),
                LayerSpec.Dense(32, activation: Activation.Swish), LayerSpec.BatchNormalization(), LayerSpec.Dense(10, activation: Activation.Softmax),
            }),
            ["mobile"] = new NetworkSpec(17, 15, 3, new[]
            {
                LayerSpec.Conv2D(8, 3, 3, 2, 2, Padding.Same, useBias: false), LayerSpec.BatchNormalization(0.001f), LayerSpec.ActivationLayer(Activation.ReLU6),
                LayerSpec.DepthwiseConv2D(3, 3, 2, 1, 1, Padding.Same, activation: Activation.HardSwish), LayerSpec.Conv2D(8, 1, 1, groups: 2, activation: Activation.GELUErf),
                LayerSpec.Conv2DTranspose(4, 3, 3, 2, 2, Padding.Same, activation: Activation.LeakyReLU, negativeSlope: 0.1f),
                LayerSpec.UpSampling2D(2, 2, Interpolation.Bilinear), LayerSpec.ZeroPadding2D(1, 0, 2, 1), LayerSpec.Cropping2D(0, 1, 2, 0),
                LayerSpec.MaxPool2D(3, 3, 2, 2, Padding.Same),
                LayerSpec.Conv2D(5, 3, 3, dilationHeight: 2, dilationWidth: 2, activation: Activation.ELU, negativeSlope: 0.5f),
                LayerSpec.GlobalMaxPooling2D(), LayerSpec.Dense(3, useBias: false, activation: Activation.HardSigmoid),
            }),
            ["graph"] = new NetworkSpec(12, 12, 4, new[]
            {
                LayerSpec.Conv2D(6, 3, 3, padding: Padding.Same, activation: Activation.ReLU),
                LayerSpec.Conv2D(6, 3, 3, padding: Padding.Same, activation: Activation.Sigmoid),
                LayerSpec.Conv2D(6, 1, 1) with { Inputs = new[] { "conv2d" } },
                LayerSpec.Add("conv2d_1", "conv2d_2"),
                LayerSpec.Conv2D(3, 1, 1, activation: Activation.Tanh) with { Inputs = new[] { "input" } },
                LayerSpec.Concatenate("add", "conv2d_3"),
                LayerSpec.AvgPool2D(3, 3, 2, 2, Padding.Same), LayerSpec.UpSampling2D(2, 2),
                LayerSpec.GlobalAveragePooling2D(),
            }),
        };

        [Theory]
        [MemberData(nameof(Declarations))]
        public void ImportGivesTheDeclarationBack(string name)
        {
            NetworkSpec spec = SameDeclarations[name];
            float[] parameters = TestData.Parameters(new Random(11), ShapeInference.Analyze(spec));
            ImportedModel model = OnnxImporter.Import(OnnxModelBuilder.Build(spec, parameters), name);
            Assert.Equal(spec.ToString(), model.Spec.ToString());
            Assert.Equal(spec, model.Spec);
            Assert.Equal(parameters, model.Parameters);
            Assert.Equal(TensorLayout.Nhwc, model.InputLayout);
        }

        /// <summary>Random networks over every layer kind: the import computes the same function (Dropout disappears, SeparableConv2D becomes depthwise + 1x1, activations fuse).</summary>
        [Fact]
        public void RandomNetworksComputeTheSameFunction()
        {
            var random = new Random(4242);
            int checkedCount = 0;
            for (int i = 0; i < 60; i++)
            {
                NetworkSpec spec = RandomNetworks.Draw(random);
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                float[] parameters = TestData.Parameters(new Random(i), analysis);
                ImportedModel model = OnnxImporter.Import(OnnxModelBuilder.Build(spec, parameters), "random" + i);
                float[] input = TestData.Uniform(new Random(100 + i), (int)analysis.InputShape.Length);
                float[] expected = new ReferenceInterpreter(spec, parameters).Run(input);
                float[] actual = new ReferenceInterpreter(model.Spec, model.Parameters).Run(input);
                double difference = Layouts.RelativeDifference(actual, expected);
                Assert.True(difference <= 1e-5, $"network {i}: {difference:E3}\noriginal:\n{spec}\nimported:\n{model.Spec}");
                checkedCount++;
            }

            Assert.Equal(60, checkedCount);
        }
    }
}
