using System;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>Every misuse of a generated Trainer is an exception that names what is wrong, and leaves the trainer usable.</summary>
    public class TrainerMisuseTests
    {
        private const string Source = @"
using ConvGen;
namespace Misuse
{
    [ConvNet(6, 6, 1, Training = true)]
    [Conv2D(2, 3, Activation = Activation.ReLU)]
    [Flatten]
    [Dense(3, Activation = Activation.Softmax)]
    public partial class Net { }
}";

        private const string Factory = "public static class MisuseFactory { public static global::ConvGen.Training.ITrainer Create(float[] p, int batch) => new global::Misuse.Net.Trainer(p, batch); }";

        private const int Parameters = (3 * 3 * 1 * 2) + 2 + (32 * 3) + 3;

        [Fact]
        public void Wrong_sizes_labels_and_losses_are_rejected_with_a_message()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source, Factory);
            float[] initial = Enumerable.Range(0, Parameters).Select(i => (i % 7 - 3) * 0.1f).ToArray();
            ITrainer trainer = Create(loaded, initial, 2);
            float[] inputs = new float[2 * 36];
            var gradients = new float[Parameters];
            const Loss sparse = Loss.SparseCategoricalCrossentropy;
            var adam = new Adam();
            Assert.Throws<ArgumentOutOfRangeException>(() => trainer.TrainStep(inputs, new[] { 0, 3 }, sparse, adam));
            Assert.Throws<ArgumentException>(() => trainer.TrainStep(inputs, new[] { 0 }, sparse, adam));

            Assert.Contains("Expected 1 to 2 images", Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(new float[3 * 36], new[] { 0, 1, 2 }, sparse, gradients)).Message);
            Assert.Contains("Expected 1 to 2 images", Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(new float[35], new[] { 0 }, sparse, gradients)).Message);
            Assert.Contains("Expected 2 labels", Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(inputs, new[] { 0 }, sparse, gradients)).Message);
            Assert.Contains("Label 1 is 3, outside [0, 3)", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.ComputeGradients(inputs, new[] { 0, 3 }, sparse, gradients)).Message);
            Assert.Contains("takes integer labels", Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(inputs, new float[6], sparse, gradients)).Message);
            Assert.Contains("takes target tensors", Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(inputs, new[] { 0, 1 }, Loss.MeanSquaredError, gradients)).Message);
            Assert.Contains("Expected 6 target floats", Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(inputs, new float[5], Loss.MeanSquaredError, gradients)).Message);
            Assert.Contains("gradient floats", Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(inputs, new[] { 0, 1 }, sparse, new float[Parameters - 1])).Message);
            Assert.Throws<ArgumentNullException>(() => trainer.TrainStep(inputs, new[] { 0, 1 }, sparse, null!));
            Assert.Contains("No layer is named 'conv'", Assert.Throws<ArgumentException>(() => trainer.SetTrainable("conv", false)).Message);
            Assert.Contains("parameters", Assert.Throws<ArgumentException>(() => trainer.SetParameters(new float[Parameters + 1])).Message);
            Exception batchSize = Assert.Throws<System.Reflection.TargetInvocationException>(() => Create(loaded, new float[Parameters], 0)).InnerException!;
            Assert.IsType<ArgumentOutOfRangeException>(batchSize);
            Assert.Contains("batch size", batchSize.Message);
            Exception count = Assert.Throws<System.Reflection.TargetInvocationException>(() => Create(loaded, new float[3], 1)).InnerException!;
            Assert.IsType<ArgumentException>(count);
            Assert.Contains($"Expected {Parameters} parameters", count.Message);

            // Nothing changed, and the trainer is still usable.
            var after = new float[Parameters];
            trainer.CopyParametersTo(after);
            Assert.Equal(initial, after);
            trainer.SetParameters(new float[Parameters]);
            float loss = trainer.ComputeGradients(inputs, new[] { 0, 1 }, sparse, gradients);
            Assert.Equal(MathF.Log(3), loss, 4); // zero weights: uniform probabilities
        }

        [Fact]
        public void A_call_while_another_runs_is_an_InvalidOperationException()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source, Factory);
            ITrainer trainer = Create(loaded, new float[Parameters], 2);
            float[] inputs = new float[2 * 36];
            var gradients = new float[Parameters];
            InvalidOperationException? inner = null;

            // The custom loss runs inside the call: calling the trainer from there is the overlap a second thread would make.
            trainer.ComputeGradients(inputs, new float[6], (y, t, g) =>
            {
                inner = Assert.Throws<InvalidOperationException>(() => trainer.Predict(new float[36], new float[3]));
                g.Clear();
                return 0f;
            }, gradients);

            Assert.NotNull(inner);
            Assert.Contains("use one per thread", inner!.Message);
            trainer.Predict(new float[36], new float[3]); // released afterwards
        }

        private static ITrainer Create(LoadedAssembly loaded, float[] parameters, int batch) =>
            (ITrainer)loaded.Assembly.GetType("MisuseFactory")!.GetMethod("Create")!.Invoke(null, new object[] { parameters, batch })!;
    }
}
