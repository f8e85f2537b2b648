using System;
using System.Linq;
using ConvGen.Reference;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>The reference trainer's training-mode behaviour: batch statistics, moving statistics, dropout, frozen layers, steps.</summary>
    public class ReferenceTrainerTests
    {
        private static float[] Random(int count, ulong seed, float low = -1, float high = 1)
        {
            var r = new SeededRandom(seed);
            return Enumerable.Range(0, count).Select(_ => r.NextSingle(low, high)).ToArray();
        }

        private static readonly NetworkSpec BatchNormNet = new NetworkSpec(2, 2, 2, new[]
        {
            LayerSpec.BatchNormalization(epsilon: 0.001f, momentum: 0.9f),
            LayerSpec.Flatten(),
            LayerSpec.Dense(2),
        }, training: true);

        [Fact]
        public void Batch_norm_trains_with_batch_statistics_and_updates_moving_ones()
        {
            // gamma [2, 1], beta [0.5, 0], moving mean [0.1, -0.1], moving variance [1, 2], then a Dense kernel and bias.
            float[] p = new float[] { 2, 1, 0.5f, 0, 0.1f, -0.1f, 1, 2 }.Concat(Random(8 * 2 + 2, 1)).ToArray();
            var trainer = new ReferenceTrainer(BatchNormNet, p);

            // Two images; channel 0 takes 1,2,3,4 then 5,6,7,8: mean 4.5, biased variance (3.5^2+2.5^2+1.5^2+0.5^2)*2/8 = 5.25.
            // Channel 1 takes 0 everywhere except one 8: mean 1, variance (7 * 1 + 49) / 8 = 7.
            float[] x = { 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 8 };
            var expectedNormalized = new double[16];
            for (int k = 0; k < 16; k++)
            {
                expectedNormalized[k] = k % 2 == 0 ? 2 * (x[k] - 4.5) / Math.Sqrt(5.25 + 0.001) + 0.5 : (x[k] - 1) / Math.Sqrt(7 + 0.001);
            }

            // The gradient of an MSE on the Dense output only exists through the batch-normalized values: check via the bias gradient.
            var targets = new float[4];
            var g = new double[trainer.ParameterCount];
            trainer.ComputeGradients(x, 2, targets, Loss.MeanSquaredError, g);
            Assert.Equal(0, g[4]); // moving statistics never get a gradient
            Assert.Equal(0, g[7]);

            double[] dense = p.Skip(8).Select(v => (double)v).ToArray();
            double biasGradient0 = 0;
            for (int n = 0; n < 2; n++)
            {
                double y0 = dense[16];
                for (int i = 0; i < 8; i++)
                {
                    y0 += expectedNormalized[n * 8 + i] * dense[i * 2];
                }

                biasGradient0 += 2 * y0 / 2 / 2; // d mean((y - 0)^2) over 2 channels and 2 images
            }

            Assert.Equal(biasGradient0, g[8 + 16], 10);

            trainer.TrainStep(x, 2, targets, Loss.MeanSquaredError, new Sgd(0f));
            float[] after = new float[trainer.ParameterCount];
            trainer.CopyParametersTo(after);
            Assert.Equal((float)(0.1 * 0.9 + 4.5 * 0.1), after[4], 6);
            Assert.Equal((float)(-0.1 * 0.9 + 1 * 0.1), after[5], 6);
            Assert.Equal((float)(1 * 0.9 + 5.25 * 0.1), after[6], 6);
            Assert.Equal((float)(2 * 0.9 + 7 * 0.1), after[7], 6);
            Assert.Equal(1, trainer.Step);
        }

        [Fact]
        public void Frozen_batch_norm_uses_moving_statistics_and_never_changes()
        {
            float[] p = new float[] { 2, 1, 0.5f, 0, 0.1f, -0.1f, 1, 2 }.Concat(Random(18, 2)).ToArray();
            var frozenSpec = new NetworkSpec(2, 2, 2, BatchNormNet.Layers.Select((l, i) => i == 0 ? l with { Trainable = false } : l), training: true);
            var trainer = new ReferenceTrainer(frozenSpec, p);
            float[] x = Random(16, 3, 0, 4);
            var optimizer = new Adam(0.05f);
            for (int step = 0; step < 20; step++)
            {
                trainer.TrainStep(x, 2, Random(4, (ulong)step), Loss.MeanSquaredError, optimizer);
            }

            Assert.Equal(p.Take(8).ToArray(), trainer.Parameters.Slice(0, 8).ToArray());
            Assert.NotEqual(p.Skip(8).ToArray(), trainer.Parameters.Slice(8).ToArray());

            // Inference mode in training: the same outputs as the interpreter's with these parameters.
            float[] now = trainer.Parameters.ToArray();
            var interpreter = new ReferenceInterpreter(frozenSpec, now);
            var predicted = new float[2];
            trainer.Predict(x.AsSpan(0, 8), predicted);
            float[] expected = interpreter.Run(x.AsSpan(0, 8));
            Assert.Equal(expected[0], predicted[0], 5);
            Assert.Equal(expected[1], predicted[1], 5);
        }

        [Fact]
        public void Frozen_layer_is_bit_identical_after_many_steps_and_set_trainable_switches_mid_training()
        {
            var spec = new NetworkSpec(4, 4, 2, new[]
            {
                LayerSpec.Conv2D(3, 3, 3, padding: Padding.Same, activation: Activation.ReLU),
                LayerSpec.Flatten(),
                LayerSpec.Dense(3),
            }, training: true);
            float[] p = Initializers.Keras(spec, 5);
            var trainer = new ReferenceTrainer(spec, p);
            Assert.Equal(new[] { "conv2d", "flatten", "dense" }, trainer.LayerNames);
            trainer.SetTrainable("conv2d", false);
            Assert.False(trainer.IsTrainable("conv2d"));
            int conv = 2 * 9 * 3 + 3;
            float[] x = Random(2 * 32, 6);
            int[] labels = { 0, 2 };
            var optimizer = new AdamW(0.01f);
            for (int step = 0; step < 25; step++)
            {
                trainer.TrainStep(x, 2, labels, Loss.SparseCategoricalCrossentropyFromLogits, optimizer);
            }

            Assert.Equal(p.Take(conv).ToArray(), trainer.Parameters.Slice(0, conv).ToArray());
            float[] denseBefore = trainer.Parameters.Slice(conv).ToArray();
            Assert.NotEqual(p.Skip(conv).ToArray(), denseBefore);

            trainer.SetTrainable("conv2d", true);
            trainer.SetTrainable("dense", false);
            trainer.TrainStep(x, 2, labels, Loss.SparseCategoricalCrossentropyFromLogits, optimizer);
            Assert.NotEqual(p.Take(conv).ToArray(), trainer.Parameters.Slice(0, conv).ToArray());
            Assert.Equal(denseBefore, trainer.Parameters.Slice(conv).ToArray());
            Assert.Equal(26, trainer.OptimizerState!.Iterations);

            var ex = Assert.Throws<ArgumentException>(() => trainer.SetTrainable("conv9", true));
            Assert.Contains("conv2d, flatten, dense", ex.Message);
        }

        [Fact]
        public void Dropout_masks_are_deterministic_per_seed_and_step()
        {
            var spec = new NetworkSpec(4, 4, 4, new[] { LayerSpec.Dropout(0.5f) }, training: true);
            float[] x = Enumerable.Repeat(1f, 2 * 64).ToArray();
            double[] Output(ulong seed, long step)
            {
                var t = new ReferenceTrainer(spec, Array.Empty<float>(), seed) { Step = step };

                // MSE against 0 with one value per position: d loss / d x = 2 * y * scale / count, so the input gradient shows the mask.
                var gx = new double[x.Length];
                t.ComputeGradients(Array.Empty<double>(), x.Select(v => (double)v).ToArray(), 2, new double[x.Length], Loss.MeanSquaredError, default, gx);
                return gx;
            }

            double[] a = Output(1, 0), b = Output(1, 0), c = Output(1, 1), d = Output(2, 0);
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.NotEqual(a, d);

            // Kept values are scaled by 1 / (1 - 0.5) = 2 and match DropoutMask.Keep with index image * 64 + element, layer 0.
            for (int k = 0; k < a.Length; k++)
            {
                Assert.Equal(DropoutMask.Keep(1, 0, 0, k, 0.5f), a[k] != 0);
            }

            double kept = a.First(v => v != 0);
            Assert.Equal(2.0 * 2 / (4 * 32) * 2, kept, 12); // y = 2, dL/dy = 2y / 4 / 32, times the scale 2
            Assert.InRange(a.Count(v => v != 0), 40, 88);  // about half of 128
        }

        [Theory]
        [InlineData(LayerKind.MaxPool2D)]
        [InlineData(LayerKind.GlobalMaxPooling2D)]
        public void Max_pooling_gradient_goes_to_the_first_maximum(LayerKind kind)
        {
            LayerSpec pool = kind == LayerKind.MaxPool2D ? LayerSpec.MaxPool2D(2, 2) : LayerSpec.GlobalMaxPooling2D();
            var spec = new NetworkSpec(2, 2, 1, new[] { pool }, training: true);
            var trainer = new ReferenceTrainer(spec, Array.Empty<float>());

            // Ties at 1 in cells 1 and 2 (scan order y, x): all of dL/dy = 2 (y - 0) = 2 goes to cell 1.
            var gx = new double[4];
            trainer.ComputeGradients(Array.Empty<double>(), new double[] { 0, 1, 1, -3 }, 1, new double[] { 0 }, Loss.MeanSquaredError, default, gx);
            Assert.Equal(new double[] { 0, 2, 0, 0 }, gx);
        }

        [Fact]
        public void Padding_is_never_a_max_candidate_and_never_counted_in_an_average()
        {
            // One row [-1, -2]; a 2x2 'same' window (stride 2) covers it and a padded row: max -1 (not the padding's 0), mean -1.5.
            var max = new ReferenceTrainer(new NetworkSpec(1, 2, 1, new[] { LayerSpec.MaxPool2D(2, 2, padding: Padding.Same) }, training: true), Array.Empty<float>());
            var gx = new double[2];
            double loss = max.ComputeGradients(Array.Empty<double>(), new double[] { -1, -2 }, 1, new double[] { 0 }, Loss.MeanSquaredError, default, gx);
            Assert.Equal(1.0, loss);
            Assert.Equal(new double[] { -2, 0 }, gx);

            var avg = new ReferenceTrainer(new NetworkSpec(1, 2, 1, new[] { LayerSpec.AvgPool2D(2, 2, padding: Padding.Same) }, training: true), Array.Empty<float>());
            loss = avg.ComputeGradients(Array.Empty<double>(), new double[] { -1, -2 }, 1, new double[] { 0 }, Loss.MeanSquaredError, default, gx);
            Assert.Equal(2.25, loss);
            Assert.Equal(new double[] { -1.5, -1.5 }, gx); // dL/dy = 2 * -1.5 = -3, shared by the 2 in-bounds cells
        }

        [Fact]
        public void Non_finite_loss_changes_nothing()
        {
            var spec = new NetworkSpec(1, 1, 2, new[] { LayerSpec.Flatten(), LayerSpec.Dense(2) }, training: true);
            float[] p = { 1, 0, 0, 1, 0, 0 };
            var trainer = new ReferenceTrainer(spec, p);
            double loss = trainer.TrainStep(new[] { float.NaN, 1f }, 1, new[] { 0f, 0f }, Loss.MeanSquaredError, new Sgd(0.1f));
            Assert.True(double.IsNaN(loss));
            Assert.Equal(p, trainer.Parameters.ToArray());
            Assert.Equal(0, trainer.Step);
            Assert.Null(trainer.OptimizerState);
        }

        [Fact]
        public void Train_step_applies_the_optimizer_to_the_gradients()
        {
            var spec = new NetworkSpec(1, 1, 2, new[] { LayerSpec.Flatten(), LayerSpec.Dense(1) }, training: true);
            float[] p = { 0.5f, -0.25f, 0.1f };
            var trainer = new ReferenceTrainer(spec, p);
            float[] x = { 1, 2 };

            // y = 0.5 - 0.5 + 0.1 = 0.1; MSE against 1: dL/dy = 2 (0.1 - 1) = -1.8; dk = x * -1.8, db = -1.8.
            var g = new float[3];
            double loss = trainer.ComputeGradients(x, 1, new[] { 1f }, Loss.MeanSquaredError, g);
            Assert.Equal(0.81, loss, 6);
            Assert.Equal(new[] { -1.8f, -3.6f, -1.8f }, g);
            trainer.TrainStep(x, 1, new[] { 1f }, Loss.MeanSquaredError, new Sgd(0.1f));
            
            // w -= g * lr, in float as Keras.
            Assert.Equal(new[] { 0.5f - -1.8f * 0.1f, -0.25f - -3.6f * 0.1f, 0.1f - -1.8f * 0.1f }, trainer.Parameters.ToArray());
        }

        [Fact]
        public void Train_step_takes_the_learning_rate_from_the_schedule_at_the_iteration_count()
        {
            var spec = new NetworkSpec(1, 1, 1, new[] { LayerSpec.Flatten(), LayerSpec.Dense(1, useBias: false) }, training: true);
            var trainer = new ReferenceTrainer(spec, new[] { 0f });
            var sgd = new Sgd(1f) { Schedule = LearningRateSchedule.StepDecay(0.1f, 0.5f, 1) };

            // y = w * 1, MSE against 1: dL/dw = 2 (w - 1). Step 0 at lr 0.1: w = 0 + 0.2 = 0.2. Step 1 at lr 0.05: w = 0.2 + 0.05 * 1.6 = 0.28.
            trainer.TrainStep(new[] { 1f }, 1, new[] { 1f }, Loss.MeanSquaredError, sgd);
            Assert.Equal(0.2f, trainer.Parameters[0], 6);
            trainer.TrainStep(new[] { 1f }, 1, new[] { 1f }, Loss.MeanSquaredError, sgd);
            Assert.Equal(0.28f, trainer.Parameters[0], 6);
            Assert.Equal(2, trainer.OptimizerState!.Iterations);
        }

        [Fact]
        public void Bad_arguments_are_rejected()
        {
            var spec = new NetworkSpec(1, 1, 2, new[] { LayerSpec.Flatten(), LayerSpec.Dense(3) }, training: true);
            var trainer = new ReferenceTrainer(spec, new float[9]);
            var g = new double[9];
            Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(new float[3], 1, new float[3], Loss.MeanSquaredError, g));
            Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(new float[2], 1, new float[2], Loss.MeanSquaredError, g));
            Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(new float[2], 1, new float[3], Loss.SparseCategoricalCrossentropy, g));
            Assert.Throws<ArgumentException>(() => trainer.ComputeGradients(new float[2], 1, new[] { 1 }, Loss.MeanSquaredError, g));
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.ComputeGradients(new float[4], 2, new[] { 1, 3 }, Loss.SparseCategoricalCrossentropy, g));
            Assert.Contains("Label 1 is 3, outside [0, 3)", ex.Message);
            Assert.Throws<ArgumentException>(() => new ReferenceTrainer(spec, new float[8]));
        }
    }
}
