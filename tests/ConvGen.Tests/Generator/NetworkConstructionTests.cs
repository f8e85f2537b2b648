using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generator
{
    /// <summary>
    /// The generated <c>Network</c> (written by NetworkEmitter.LayerConstruction) is the declaration: every <see cref="LayerSpec"/>
    /// field set away from its default somewhere below comes back equal to the spec built with the factories.
    /// </summary>
    public class NetworkConstructionTests
    {
        private const string Declaration = """
            using ConvGen;
            namespace Construction
            {
                [ConvNet(8, 8, 2)]
                [Conv2D(4, 3, 2, StrideHeight = 2, Padding = Padding.Same, UseBias = false, Activation = Activation.ELU, Alpha = 0.5f, Groups = 2, Name = "c", Trainable = false)]
                [BatchNormalization(Epsilon = 0.01f, Momentum = 0.9f, Name = "bn")]
                [DepthwiseConv2D(3, DepthMultiplier = 2, Dilation = 2, Padding = Padding.Same, Activation = Activation.LeakyReLU, NegativeSlope = 0.1f)]
                [ZeroPadding2D(1, 2, 3, 4)]
                [Cropping2D(1, 2, 3, 4)]
                [UpSampling2D(2, 1, Interpolation = Interpolation.Bilinear)]
                [AvgPool2D(2, Stride = 1)]
                [Add("c", "bn")]
                [Flatten]
                [Dropout(0.25f)]
                [Dense(3, Activation = Activation.Softmax)]
                public partial class EveryField { }
            }
            """;

        [Fact]
        public void GeneratedNetworkEqualsTheDeclaration()
        {
            var expected = new NetworkSpec(8, 8, 2, new[]
            {
                LayerSpec.Conv2D(4, 3, 2, strideHeight: 2, padding: Padding.Same, useBias: false, activation: Activation.ELU, negativeSlope: 0.5f, groups: 2)
                    with { Name = "c", Trainable = false },
                LayerSpec.BatchNormalization(0.01f, 0.9f) with { Name = "bn" },
                LayerSpec.DepthwiseConv2D(3, 3, 2, padding: Padding.Same, dilationHeight: 2, dilationWidth: 2, activation: Activation.LeakyReLU, negativeSlope: 0.1f),
                LayerSpec.ZeroPadding2D(1, 2, 3, 4),
                LayerSpec.Cropping2D(1, 2, 3, 4),
                LayerSpec.UpSampling2D(2, 1, Interpolation.Bilinear),
                LayerSpec.AvgPool2D(2, 2, 1, 1),
                LayerSpec.Add("c", "bn"),
                LayerSpec.Flatten(),
                LayerSpec.Dropout(0.25f),
                LayerSpec.Dense(3, activation: Activation.Softmax),
            });
            NetworkAnalysis analysis = ShapeInference.Analyze(expected);
            Assert.False(analysis.HasErrors);

            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Declaration, GeneratorHarness.FactorySource(new[] { "Construction.EveryField" }));
            NetworkSpec actual = loaded.Network("Construction.EveryField", new float[analysis.ParameterCount]).Spec;
            Assert.Equal(expected.Layers.Count, actual.Layers.Count);
            for (int i = 0; i < expected.Layers.Count; i++)
            {
                Assert.Equal(expected.Layers[i], actual.Layers[i]);
            }

            Assert.Equal(expected, actual);
        }
    }
}
