using System;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    public class TrainerSmokeTests
    {
        internal const string Source = @"
using ConvGen;
namespace Smoke
{
    [ConvNet(12, 12, 2, Training = true)]
    [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
    [AvgPool2D(2)]
    [Conv2D(5, 3, Stride = 2, Activation = Activation.Tanh)]
    [Flatten]
    [Dense(7, Activation = Activation.Tanh)]
    [Dense(3, Activation = Activation.Softmax)]
    public partial class Net { }
}";

        internal static string Factory => "public static class TrainerFactory { public static global::ConvGen.Training.ITrainer Create(float[] p, int batch) => new global::Smoke.Net.Trainer(p, batch); }";

        [Fact]
        public void GradientsMatchFiniteDifferences()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source, Factory);
            var random = new Random(5);
            NetworkAnalysis analysis = ShapeInference.Analyze(Spec());
            float[] parameters = TestData.Parameters(random, analysis);
            int batch = 3;
            float[] inputs = TestData.Uniform(random, batch * (int)analysis.InputShape.Length);
            int[] labels = { 0, 2, 1 };
            var trainer = (ITrainer)loaded.Assembly.GetType("TrainerFactory")!.GetMethod("Create")!.Invoke(null, new object[] { parameters, batch })!;
            var gradients = new float[parameters.Length];
            float loss = trainer.ComputeGradients(inputs, labels, Loss.SparseCategoricalCrossentropy, gradients);
            Assert.True(float.IsFinite(loss));
            double largest = gradients.Max(g => Math.Abs(g));
            Assert.True(largest > 0);
            int checkedCount = 0;
            var failures = new System.Collections.Generic.List<string>();
            for (int p = 0; p < parameters.Length; p += 7)
            {
                float h = 1e-3f;
                float[] plus = (float[])parameters.Clone(), minus = (float[])parameters.Clone();
                plus[p] += h;
                minus[p] -= h;
                trainer.SetParameters(plus);
                float lp = trainer.ComputeGradients(inputs, labels, Loss.SparseCategoricalCrossentropy, new float[parameters.Length]);
                trainer.SetParameters(minus);
                float lm = trainer.ComputeGradients(inputs, labels, Loss.SparseCategoricalCrossentropy, new float[parameters.Length]);
                double numeric = (lp - (double)lm) / (2 * h);
                if (!(Math.Abs(numeric - gradients[p]) < 2e-3 * largest + 1e-3 * Math.Abs(numeric)))
                {
                    failures.Add($"parameter {p}: analytic {gradients[p]}, numeric {numeric}");
                }

                checkedCount++;
            }

            Assert.True(failures.Count == 0, $"largest {largest}\n" + string.Join("\n", failures));
            Assert.True(checkedCount > 10);
        }

        internal static NetworkSpec Spec() => new NetworkSpec(12, 12, 2, new[]
        {
            LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same, activation: Activation.Tanh),
            LayerSpec.AvgPool2D(2, 2),
            LayerSpec.Conv2D(5, 3, 3, 2, 2, activation: Activation.Tanh),
            LayerSpec.Flatten(),
            LayerSpec.Dense(7, activation: Activation.Tanh),
            LayerSpec.Dense(3, activation: Activation.Softmax),
        });
    }
}
