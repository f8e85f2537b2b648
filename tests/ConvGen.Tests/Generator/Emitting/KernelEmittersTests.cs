extern alias GeneratorAssembly;

using System;
using GeneratorAssembly::ConvGen.Generator.Emitting;

namespace ConvGen.Tests.Generator.Emitting
{
    using LayerKind = GeneratorAssembly::ConvGen.LayerKind;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;

    /// <summary>The registry that finds a step's kernel emitter by the kind of layer it computes.</summary>
    public class KernelEmittersTests
    {
        [Theory]
        [InlineData(LayerKind.Conv2D, "ConvolutionEmitter")]
        [InlineData(LayerKind.DepthwiseConv2D, "DepthwiseEmitter")]
        [InlineData(LayerKind.Conv2DTranspose, "TransposedConvolutionEmitter")]
        [InlineData(LayerKind.Dense, "DenseEmitter")]
        [InlineData(LayerKind.BatchNormalization, "BatchNormEmitter")]
        [InlineData(LayerKind.MaxPool2D, "PoolingEmitter")]
        [InlineData(LayerKind.AvgPool2D, "PoolingEmitter")]
        [InlineData(LayerKind.GlobalAveragePooling2D, "GlobalPoolingEmitter")]
        [InlineData(LayerKind.GlobalMaxPooling2D, "GlobalPoolingEmitter")]
        [InlineData(LayerKind.ZeroPadding2D, "ZeroPadding2DEmitter")]
        [InlineData(LayerKind.Cropping2D, "Cropping2DEmitter")]
        [InlineData(LayerKind.UpSampling2D, "UpSampling2DEmitter")]
        [InlineData(LayerKind.Add, "MergeEmitter")]
        [InlineData(LayerKind.Concatenate, "MergeEmitter")]
        [InlineData(LayerKind.Activation, "ActivationLayerEmitter")]
        public void EachComputedKindHasItsFamilysEmitter(LayerKind kind, string emitter)
        {
            Assert.Equal(emitter, KernelEmitters.For(new LayerSpec { Kind = kind }).GetType().Name);
        }

        [Fact]
        public void AGroupedConvolutionHasAnEmitterOfItsOwn()
        {
            Assert.Equal("GroupedConvolutionEmitter", KernelEmitters.For(LayerSpec.Conv2D(4, 3, 3, groups: 2)).GetType().Name);
            Assert.Equal("ConvolutionEmitter", KernelEmitters.For(LayerSpec.Conv2D(4, 3, 3)).GetType().Name);
        }

        [Theory]
        [InlineData(LayerKind.Flatten)]
        [InlineData(LayerKind.Dropout)]
        [InlineData(LayerKind.SeparableConv2D)]
        public void KindsThePlanRewritesHaveNone(LayerKind kind)
        {
            // The plan renames Flatten and Dropout and splits SeparableConv2D, so no step ever computes them.
            var error = Assert.Throws<InvalidOperationException>(() => KernelEmitters.For(new LayerSpec { Kind = kind }));
            Assert.Equal($"No emitter for {kind}.", error.Message);
        }

        [Fact]
        public void EveryKindIsComputedOrRewritten()
        {
            // A new LayerKind needs an emitter (or a rewrite in the plan): this lists the kinds without one.
            var missing = new System.Collections.Generic.List<LayerKind>();
            foreach (LayerKind kind in Enum.GetValues<LayerKind>())
            {
                if (kind is LayerKind.Flatten or LayerKind.Dropout or LayerKind.SeparableConv2D)
                {
                    continue;
                }

                try
                {
                    KernelEmitters.For(new LayerSpec { Kind = kind });
                }
                catch (InvalidOperationException)
                {
                    missing.Add(kind);
                }
            }

            Assert.Empty(missing);
        }
    }
}
