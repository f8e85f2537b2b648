using System;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using ConvGen.Training;
using ConvGen.Vision;

namespace ConvGen.Tests.Training
{
    /// <summary>
    /// A loss of the user's own (CustomLoss) through a generated Trainer and TrainingLoop.Fit: the built-in loss written by
    /// hand gives the built-in gradients, the detection loss gives gradients that match finite differences, and misuse is
    /// rejected with a message.
    /// </summary>
    public class CustomLossTests
    {
        private const string Source = @"
using ConvGen;
namespace CustomLossNets
{
    [ConvNet(8, 8, 3, Training = true)]
    [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
    [AvgPool2D(2)]
    [Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
    [AvgPool2D(2)]
    [Conv2D(8, 1)]
    public partial class Head { }
}";

        private const string Factory = "public static class HeadFactory { public static global::ConvGen.Training.ITrainer Create(float[] p, int batch) => new global::CustomLossNets.Head.Trainer(p, batch); }";

        private static readonly GridLayout Layout = new GridLayout(8, 8, 2, 2, 3, new AnchorSize(4, 4));

        private static readonly NetworkSpec Spec = new NetworkSpec(8, 8, 3, new[]
        {
            LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same, activation: Activation.Tanh),
            LayerSpec.AvgPool2D(2, 2),
            LayerSpec.Conv2D(6, 3, 3, padding: Padding.Same, activation: Activation.Tanh),
            LayerSpec.AvgPool2D(2, 2),
            LayerSpec.Conv2D(8, 1, 1),
        });

        [Fact]
        public void Mean_squared_error_written_by_hand_gives_the_built_in_gradients()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source, Factory);
            var random = new Random(11);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(Spec));
            const int batch = 3;
            ITrainer trainer = Create(loaded, parameters, batch);
            float[] inputs = TestData.Uniform(random, batch * trainer.InputLength);
            float[] targets = TestData.Uniform(random, batch * trainer.OutputLength);

            var builtIn = new float[parameters.Length];
            float expectedLoss = trainer.ComputeGradients(inputs, targets, Loss.MeanSquaredError, builtIn);
            float[] seen = Array.Empty<float>();
            var custom = new float[parameters.Length];
            float loss = trainer.ComputeGradients(inputs, targets, (y, t, g) =>
            {
                seen = y.ToArray();
                double sum = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    float e = y[i] - t[i];
                    sum += e * e;
                    g[i] = 2f * e / y.Length;
                }

                return (float)(sum / y.Length);
            }, custom);

            Assert.Equal(expectedLoss, loss, 5);
            double largest = builtIn.Max(Math.Abs);
            Assert.True(largest > 1e-3, $"largest gradient {largest}");
            for (int i = 0; i < custom.Length; i++)
            {
                Assert.True(Math.Abs(custom[i] - builtIn[i]) <= 1e-5 * largest, $"parameter {i}: custom {custom[i]}, built-in {builtIn[i]}");
            }

            // The loss saw the training-mode outputs, which Outputs still holds, and (no dropout or batch norm) Predict agrees.
            Assert.Equal(batch * trainer.OutputLength, seen.Length);
            Assert.Equal(seen, trainer.Outputs.ToArray());
            var predicted = new float[seen.Length];
            trainer.Predict(inputs, predicted);
            TestData.AssertClose(seen, predicted, 1e-6, "Predict vs the outputs the loss saw");
        }

        [Fact]
        public void Detection_loss_gradients_match_finite_differences()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source, Factory);
            var random = new Random(12);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(Spec));
            const int batch = 2;
            ITrainer trainer = Create(loaded, parameters, batch);
            float[] inputs = TestData.Uniform(random, batch * trainer.InputLength);
            float[] packed = DetectionTargets(random, batch);
            CustomLoss loss = DetectionLoss.ForTrainer(Layout);

            var gradients = new float[parameters.Length];
            float value = trainer.ComputeGradients(inputs, packed, loss, gradients);
            Assert.True(float.IsFinite(value) && value > 0, $"loss {value}");
            double largest = gradients.Max(Math.Abs);
            Assert.True(largest > 1e-3, $"largest gradient {largest}");

            var failures = new System.Collections.Generic.List<string>();
            var scratch = new float[parameters.Length];
            for (int p = 0; p < parameters.Length; p += 3)
            {
                const float h = 1e-3f;
                float[] plus = (float[])parameters.Clone(), minus = (float[])parameters.Clone();
                plus[p] += h;
                minus[p] -= h;
                trainer.SetParameters(plus);
                float lp = trainer.ComputeGradients(inputs, packed, loss, scratch);
                trainer.SetParameters(minus);
                float lm = trainer.ComputeGradients(inputs, packed, loss, scratch);
                double numeric = (lp - (double)lm) / (2 * h);
                if (!(Math.Abs(numeric - gradients[p]) < 2e-3 * largest + 1e-3 * Math.Abs(numeric)))
                {
                    failures.Add($"parameter {p}: analytic {gradients[p]}, numeric {numeric}");
                }
            }

            Assert.True(failures.Count == 0, $"largest {largest}\n" + string.Join("\n", failures));
        }

        [Fact]
        public void Fit_with_a_custom_loss_lowers_it_and_reports_no_accuracy()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source, Factory);
            var random = new Random(13);
            const int images = 24;
            ITrainer trainer = Create(loaded, Initializers.Keras(Spec, 3), 8);
            var data = new TrainingData(TestData.Uniform(random, images * trainer.InputLength), DetectionTargets(random, images));
            TrainingHistory history = TrainingLoop.Fit(trainer, data, DetectionLoss.ForTrainer(Layout), new Adam(0.01f),
                new FitOptions { Epochs = 30, Seed = 1, Validation = data });

            Assert.Equal(30, history.Epochs.Count);
            Assert.True(double.IsNaN(history.Epochs[0].Accuracy));
            Assert.True(history.Epochs[^1].Loss < 0.7 * history.Epochs[0].Loss, $"loss {history.Epochs[0].Loss} -> {history.Epochs[^1].Loss}");
            double evaluated = TrainingLoop.Evaluate(trainer, data, DetectionLoss.ForTrainer(Layout));
            Assert.Equal(history.Epochs[^1].ValidationLoss!.Value, evaluated, 6);
        }

        [Fact]
        public void Misuse_is_an_exception_that_says_what_is_wrong()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source, Factory);
            var random = new Random(14);
            ITrainer trainer = Create(loaded, TestData.Parameters(random, ShapeInference.Analyze(Spec)), 2);
            float[] inputs = TestData.Uniform(random, 2 * trainer.InputLength);
            var gradients = new float[trainer.ParameterCount];
            CustomLoss loss = DetectionLoss.ForTrainer(Layout);

            var uneven = Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(inputs, new float[7], loss, gradients));
            Assert.Contains("same number of target floats", uneven.Message);
            Assert.Throws<ArgumentNullException>(() => trainer.ComputeGradients(inputs, new float[8], (CustomLoss)null!, gradients));
            var packing = Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(inputs, new float[2 * Layout.OutputLength], loss, gradients));
            Assert.Contains("PackTargets", packing.Message);
            var labels = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(trainer, new TrainingData(inputs, new[] { 0, 1 }), loss, new Adam(), new FitOptions()));
            Assert.Contains("labels", labels.Message);
        }

        private static ITrainer Create(LoadedAssembly loaded, float[] parameters, int batch) =>
            (ITrainer)loaded.Assembly.GetType("HeadFactory")!.GetMethod("Create")!.Invoke(null, new object[] { parameters, batch })!;

        /// <summary>Random but valid detection targets: objectness = mask, offsets in [0, 1], log sizes in [-1, 1], a one-hot class.</summary>
        private static float[] DetectionTargets(Random random, int images)
        {
            var targets = new float[images * Layout.OutputLength];
            var masks = new float[images * Layout.MaskLength];
            for (int cell = 0; cell < masks.Length; cell++)
            {
                float m = random.Next(2);
                masks[cell] = m;
                Span<float> t = targets.AsSpan(cell * Layout.ChannelsPerAnchor, Layout.ChannelsPerAnchor);
                t[0] = m;
                t[1] = (float)random.NextDouble();
                t[2] = (float)random.NextDouble();
                t[3] = (float)(random.NextDouble() * 2 - 1);
                t[4] = (float)(random.NextDouble() * 2 - 1);
                t[5 + random.Next(3)] = 1f;
            }

            return DetectionLoss.PackTargets(Layout, targets, masks);
        }
    }
}
