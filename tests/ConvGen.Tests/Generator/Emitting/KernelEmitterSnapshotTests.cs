extern alias GeneratorAssembly;

using System.Linq;
using ConvGen.Tests.Generator.Planning;
using ConvGen.Tests.Infrastructure;
using GeneratorAssembly::ConvGen.Generator.Emitting;
using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Emitting
{
    using Activation = GeneratorAssembly::ConvGen.Activation;
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;

    /// <summary>
    /// One kernel class at a time, from a plan built directly (no compilation, no generator driver): snapshots under
    /// Generator/Emitting/Snapshots, accepted like <see cref="SnapshotTests"/>. Small layers, so each file shows one
    /// emitter's whole output: the summary, the class, the constants, Run.
    /// </summary>
    public class KernelEmitterSnapshotTests
    {
        [Fact]
        public void DenseWithFusedActivation() => Verify(Plans.Create(1, 1, 8,
            LayerSpec.Flatten(), LayerSpec.Dense(6), LayerSpec.ActivationLayer(Activation.ReLU)), "DenseLayer");

        [Fact]
        public void DenseWithSoftmaxPass() => Verify(Plans.Create(1, 1, 8,
            LayerSpec.Flatten(), LayerSpec.Dense(6, activation: Activation.Softmax)), "DenseLayer");

        [Fact]
        public void ActivationInRegisters() => Verify(Plans.Create(3, 3, 2,
            LayerSpec.MaxPool2D(1, 1), LayerSpec.ActivationLayer(Activation.ReLU)), "ActivationLayer");

        [Fact]
        public void ActivationAsPass() => Verify(Plans.Create(3, 3, 2,
            LayerSpec.MaxPool2D(1, 1), LayerSpec.ActivationLayer(Activation.Softmax)), "ActivationLayer");

        [Fact]
        public void StandaloneBatchNorm() => Verify(Plans.Create(3, 3, 6,
            LayerSpec.MaxPool2D(1, 1), LayerSpec.BatchNormalization()), "BatchNormalizationLayer");

        [Fact]
        public void GroupedConvolution() => Verify(Plans.Create(4, 4, 4,
            LayerSpec.Conv2D(6, 3, 3, groups: 2, activation: Activation.Tanh)), "Conv2dLayer");

        [Fact]
        public void PointwiseConvolutionHasARemark() => Verify(Plans.Create(2, 2, 4, LayerSpec.Conv2D(4, 1, 1)), "Conv2dLayer");

        [Fact]
        public void TransposedConvolution() => Verify(Plans.Create(2, 2, 3,
            LayerSpec.Conv2DTranspose(4, 2, 2, strideHeight: 2, strideWidth: 2, activation: Activation.ReLU)), "Conv2dTransposeLayer");

        [Fact]
        public void MaxPool() => Verify(Plans.Create(4, 4, 3, LayerSpec.MaxPool2D(2, 2)), "MaxPooling2dLayer");

        [Fact]
        public void GlobalAveragePooling() => Verify(Plans.Create(2, 2, 6, LayerSpec.GlobalAveragePooling2D()), "GlobalAveragePooling2dLayer");

        [Fact]
        public void Add() => Verify(Plans.Create(2, 2, 3,
            LayerSpec.MaxPool2D(1, 1) with { Name = "a" }, LayerSpec.MaxPool2D(1, 1), LayerSpec.Add("a", "max_pooling2d")), "AddLayer");

        [Fact]
        public void Concatenate() => Verify(Plans.Create(2, 2, 3,
            LayerSpec.MaxPool2D(1, 1) with { Name = "a" }, LayerSpec.MaxPool2D(1, 1), LayerSpec.Concatenate("a", "max_pooling2d")), "ConcatenateLayer");

        [Fact]
        public void ZeroPadding() => Verify(Plans.Create(2, 2, 3, LayerSpec.ZeroPadding2D(1, 0, 2, 1)), "ZeroPadding2dLayer");

        [Fact]
        public void Cropping() => Verify(Plans.Create(4, 4, 3, LayerSpec.Cropping2D(1, 0, 1, 1)), "Cropping2dLayer");

        [Fact]
        public void UpSamplingNearest() => Verify(Plans.Create(2, 2, 3, LayerSpec.UpSampling2D(2, 3)), "UpSampling2dLayer");

        /// <summary>Emits the step whose class is <paramref name="kernelClass"/> and compares it to its snapshot.</summary>
        private static void Verify(ExecutionPlan plan, string kernelClass, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
        {
            LayerPlan step = plan.Layers.Single(s => s.Method == kernelClass);
            var writer = new CodeWriter();
            KernelEmitters.Emit(writer, step);
            Snapshot.VerifySource(kernelClass + ".cs", writer.ToString(), testName: testName);
        }
    }
}
