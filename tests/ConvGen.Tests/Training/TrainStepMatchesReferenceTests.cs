using System;
using System.Linq;
using ConvGen.Reference;
using ConvGen.Tests.Infrastructure;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>
    /// Whole training steps, not only gradients: after several generated TrainSteps (Adam with a schedule, batch norm
    /// in training mode, dropout, a frozen layer) every parameter, moving statistics included, equals the reference
    /// trainer's after the same steps.
    /// </summary>
    public class TrainStepMatchesReferenceTests
    {
        private const string Source = @"
using ConvGen;
namespace Steps
{
    [ConvNet(8, 8, 2, Training = true)]
    [Conv2D(4, 3, Padding = Padding.Same, UseBias = false)]
    [BatchNormalization(Momentum = 0.9f)]
    [Activation(Activation.ReLU)]
    [MaxPool2D(2)]
    [Conv2D(6, 3, Activation = Activation.Tanh, Trainable = false)]
    [Flatten]
    [Dropout(0.25f)]
    [Dense(3, Activation = Activation.Softmax)]
    public partial class Net { }
}";

        private const string Factory = "public static class StepsFactory { public static global::ConvGen.Training.ITrainer Create(float[] p, int batch, int seed) => new global::Steps.Net.Trainer(p, batch, seed); }";

        private static NetworkSpec Spec() => new NetworkSpec(8, 8, 2, new[]
        {
            LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same, useBias: false),
            LayerSpec.BatchNormalization(momentum: 0.9f),
            LayerSpec.ActivationLayer(Activation.ReLU),
            LayerSpec.MaxPool2D(2, 2),
            LayerSpec.Conv2D(6, 3, 3, activation: Activation.Tanh) with { Trainable = false },
            LayerSpec.Flatten(),
            LayerSpec.Dropout(0.25f),
            LayerSpec.Dense(3, activation: Activation.Softmax),
        });

        [Fact]
        public void Parameters_and_moving_statistics_match_the_reference_after_five_steps()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source, Factory);
            NetworkSpec spec = Spec();
            float[] initial = Initializers.Keras(spec, 4);
            const int batch = 6, seed = 9;
            var generated = (ITrainer)loaded.Assembly.GetType("StepsFactory")!.GetMethod("Create")!.Invoke(null, new object[] { initial, batch, seed })!;
            var reference = new ReferenceTrainer(spec, initial, seed);
            var random = new Random(10);
            var adamGenerated = new Adam(0.01f) { Schedule = LearningRateSchedule.ExponentialDecay(0.01f, 2, 0.5f) };
            var adamReference = new Adam(0.01f) { Schedule = LearningRateSchedule.ExponentialDecay(0.01f, 2, 0.5f) };
            for (int step = 0; step < 5; step++)
            {
                float[] inputs = TestData.Uniform(random, batch * 128);
                int[] labels = Enumerable.Range(0, batch).Select(_ => random.Next(3)).ToArray();
                float g = generated.TrainStep(inputs, labels, Loss.SparseCategoricalCrossentropy, adamGenerated);
                double r = reference.TrainStep(inputs, batch, labels, Loss.SparseCategoricalCrossentropy, adamReference);
                Assert.True(Math.Abs(g - r) < 1e-4 * Math.Max(1, Math.Abs(r)), $"step {step}: loss {g} vs reference {r}");
            }

            var actual = new float[initial.Length];
            generated.CopyParametersTo(actual);
            float[] expected = reference.Parameters.ToArray();
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                foreach (ParameterTensor tensor in layer.Parameters)
                {
                    for (int i = tensor.Offset; i < tensor.Offset + tensor.Length; i++)
                    {
                        Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])),
                            $"{layer.Name}/{tensor.Name}[{i - tensor.Offset}]: {actual[i]} vs reference {expected[i]}");
                    }
                }
            }

            // The frozen convolution did not move; the moving statistics did.
            ParameterTensor frozen = analysis.Layers[4].Parameters[0];
            Assert.True(actual.AsSpan(frozen.Offset, frozen.Length).SequenceEqual(initial.AsSpan(frozen.Offset, frozen.Length)));
            ParameterTensor movingMean = analysis.Layers[1].Parameters[2];
            Assert.Contains(actual.Skip(movingMean.Offset).Take(movingMean.Length), v => v != 0f);
        }
    }
}
