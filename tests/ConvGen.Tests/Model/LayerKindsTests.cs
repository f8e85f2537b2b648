using System;
using System.Linq;
using ConvGen.Reference;

namespace ConvGen.Tests.Model
{
    /// <summary>The kind descriptors: one per <see cref="LayerKind"/>, with the properties written out here by hand.</summary>
    public class LayerKindsTests
    {
        [Fact]
        public void EveryKindHasExactlyOneDescriptor()
        {
            LayerKind[] kinds = Enum.GetValues<LayerKind>();
            foreach (LayerKind kind in kinds)
            {
                LayerKindInfo? info = LayerKinds.For(kind);
                Assert.NotNull(info);
                Assert.Equal(kind, info!.Kind);
                Assert.Single(LayerKinds.All, i => i.Kind == kind);
            }

            Assert.Equal(kinds.Length, LayerKinds.All.Count);
        }

        [Fact]
        public void EveryKindHasAReference()
        {
            foreach (LayerKind kind in Enum.GetValues<LayerKind>())
            {
                Assert.True(ReferenceKind.Exists(kind), kind + " has no reference forward/backward");
                Assert.Equal(kind, ReferenceKind.For(kind).Kind);
            }
        }

        [Fact]
        public void UnknownKindsHaveNoDescriptorAndDoNotThrow()
        {
            Assert.Null(LayerKinds.For((LayerKind)999));
            Assert.Null(LayerKinds.For((LayerKind)(-1)));
            Assert.Equal("999", LayerText.TypeName((LayerKind)999));
            Assert.False(LayerKinds.HasActivation((LayerKind)999));
            Assert.Throws<NotSupportedException>(() => ReferenceKind.For((LayerKind)999));
        }

        // kind, type name, Keras stem, activation, folds BN, renames input, parameters (bias: the same as folding BN), several inputs
        [Theory]
        [InlineData(LayerKind.Conv2D, "Conv2D", "conv2d", true, true, false, true, false)]
        [InlineData(LayerKind.MaxPool2D, "MaxPool2D", "max_pooling2d", false, false, false, false, false)]
        [InlineData(LayerKind.AvgPool2D, "AvgPool2D", "average_pooling2d", false, false, false, false, false)]
        [InlineData(LayerKind.Flatten, "Flatten", "flatten", false, false, true, false, false)]
        [InlineData(LayerKind.Dense, "Dense", "dense", true, true, false, true, false)]
        [InlineData(LayerKind.Activation, "Activation", "activation", true, false, false, false, false)]
        [InlineData(LayerKind.DepthwiseConv2D, "DepthwiseConv2D", "depthwise_conv2d", true, true, false, true, false)]
        [InlineData(LayerKind.SeparableConv2D, "SeparableConv2D", "separable_conv2d", true, true, false, true, false)]
        [InlineData(LayerKind.BatchNormalization, "BatchNormalization", "batch_normalization", false, false, false, true, false)]
        [InlineData(LayerKind.GlobalAveragePooling2D, "GlobalAveragePooling2D", "global_average_pooling2d", false, false, false, false, false)]
        [InlineData(LayerKind.GlobalMaxPooling2D, "GlobalMaxPooling2D", "global_max_pooling2d", false, false, false, false, false)]
        [InlineData(LayerKind.ZeroPadding2D, "ZeroPadding2D", "zero_padding2d", false, false, false, false, false)]
        [InlineData(LayerKind.UpSampling2D, "UpSampling2D", "up_sampling2d", false, false, false, false, false)]
        [InlineData(LayerKind.Conv2DTranspose, "Conv2DTranspose", "conv2d_transpose", true, true, false, true, false)]
        [InlineData(LayerKind.Dropout, "Dropout", "dropout", false, false, true, false, false)]
        [InlineData(LayerKind.Add, "Add", "add", false, false, false, false, true)]
        [InlineData(LayerKind.Concatenate, "Concatenate", "concatenate", false, false, false, false, true)]
        [InlineData(LayerKind.Cropping2D, "Cropping2D", "cropping2d", false, false, false, false, false)]
        public void DescriptorMatchesTheTable(LayerKind kind, string typeName, string stem, bool activation, bool foldsBatchNorm, bool renames,
            bool parameters, bool severalInputs)
        {
            LayerKindInfo info = LayerKinds.For(kind)!;
            Assert.Equal(typeName, info.TypeName);
            Assert.Equal(typeName, LayerText.TypeName(kind));
            Assert.Equal(stem, info.KerasNameStem);
            Assert.Equal(stem, LayerText.KerasNameStem(kind));
            Assert.Equal(activation, info.HasActivation);
            Assert.Equal(activation, ShapeInference.HasActivation(kind));
            Assert.Equal(foldsBatchNorm, info.CanFoldBatchNorm);
            Assert.Equal(renames, info.OnlyRenamesInput);
            Assert.Equal(parameters, info.HasParameters);
            Assert.Equal(foldsBatchNorm, info.TakesBias);
            Assert.Equal(severalInputs, info.ReadsSeveralInputs);
            Assert.Equal(typeName + "Attribute", info.AttributeName);
            Assert.Same(info, LayerKinds.ForAttribute(typeName + "Attribute"));
        }

        [Fact]
        public void AttributeNamesAreTheRuntimeLayerAttributes()
        {
            Type[] attributes = typeof(LayerAttribute).Assembly.GetExportedTypes()
                .Where(t => !t.IsAbstract && typeof(LayerAttribute).IsAssignableFrom(t)).ToArray();
            Assert.Equal(attributes.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal),
                LayerKinds.All.Select(k => k.AttributeName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Null(LayerKinds.ForAttribute("ConvNetAttribute"));
        }

        [Fact]
        public void HasParametersAgreesWithShapeInference()
        {
            // One small network per kind that takes a spatial input; the analysis' parameter count must be 0 exactly for the kinds without parameters.
            var layers = new[]
            {
                LayerSpec.Conv2D(2, 1, 1), LayerSpec.DepthwiseConv2D(1, 1), LayerSpec.SeparableConv2D(2, 1, 1), LayerSpec.Conv2DTranspose(2, 1, 1),
                LayerSpec.BatchNormalization(), LayerSpec.MaxPool2D(1, 1), LayerSpec.AvgPool2D(1, 1), LayerSpec.GlobalAveragePooling2D(),
                LayerSpec.GlobalMaxPooling2D(), LayerSpec.ZeroPadding2D(1, 1, 1, 1), LayerSpec.Cropping2D(1, 0, 0, 1), LayerSpec.UpSampling2D(2, 2),
                LayerSpec.Flatten(), LayerSpec.Dropout(0.5f), LayerSpec.ActivationLayer(Activation.ReLU),
            };
            foreach (LayerSpec layer in layers)
            {
                NetworkAnalysis analysis = ShapeInference.Analyze(new NetworkSpec(4, 4, 2, new[] { layer }));
                Assert.False(analysis.HasErrors, layer.ToString());
                Assert.Equal(LayerKinds.For(layer.Kind)!.HasParameters, analysis.ParameterCount > 0);
            }

            NetworkAnalysis dense = ShapeInference.Analyze(new NetworkSpec(2, 2, 1, new[] { LayerSpec.Flatten(), LayerSpec.Dense(3) }));
            Assert.Equal(4 * 3 + 3, dense.ParameterCount);
        }
    }
}
