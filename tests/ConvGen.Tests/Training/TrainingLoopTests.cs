using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>TrainingLoop.Fit over the reference trainer (through the ITrainer contract) and a scripted trainer.</summary>
    public class TrainingLoopTests
    {
        private static readonly NetworkSpec Classifier = new NetworkSpec(4, 4, 1, new[] { LayerSpec.Flatten(), LayerSpec.Dense(2) }, training: true);

        /// <summary>Class 0: the top half brighter; class 1: the bottom half; plus noise. Linearly separable.</summary>
        private static TrainingData Halves(int count, ulong seed)
        {
            var random = new SeededRandom(seed);
            var inputs = new float[count * 16];
            var labels = new int[count];
            for (int n = 0; n < count; n++)
            {
                labels[n] = n % 2;
                for (int k = 0; k < 16; k++)
                {
                    bool top = k < 8;
                    inputs[n * 16 + k] = (top == (labels[n] == 0) ? 1f : 0f) + random.NextSingle(-0.3f, 0.3f);
                }
            }

            return new TrainingData(inputs, labels);
        }

        /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
        private sealed class Recorder : IProgress<TrainingProgress>
        {
            private readonly Action<TrainingProgress>? _then;

            public Recorder(Action<TrainingProgress>? then = null) => _then = then;

            public List<TrainingProgress> Reports { get; } = new List<TrainingProgress>();

            public void Report(TrainingProgress value)
            {
                Reports.Add(value);
                _then?.Invoke(value);
            }
        }

        [Fact]
        public void Learns_a_separable_problem_to_full_accuracy_with_a_partial_last_batch()
        {
            var trainer = new ReferenceTrainerAdapter(Classifier, Initializers.Keras(Classifier, 1), batchSize: 8);
            var recorder = new Recorder();
            TrainingHistory history = TrainingLoop.Fit(trainer, Halves(42, 1), Loss.SparseCategoricalCrossentropyFromLogits, new Adam(0.05f),
                new FitOptions { Epochs = 8, Validation = Halves(20, 2), Seed = 3 }, recorder);

            Assert.Equal(8, history.Epochs.Count);
            Assert.Equal(1.0, history.Epochs[^1].ValidationAccuracy);
            Assert.Equal(1.0, history.Epochs[^1].Accuracy);
            Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss / 3, $"loss {history.Epochs[0].Loss} -> {history.Epochs[^1].Loss}");
            Assert.False(history.StoppedEarly);

            // 42 images in batches of 8: 5 full batches and one of 2, every epoch.
            Assert.Equal(8 * 6, trainer.Batches.Count);
            Assert.Equal(new[] { 8, 8, 8, 8, 8, 2 }, trainer.Batches.Take(6).Select(b => b.Length / 16));
            Assert.Equal(48, recorder.Reports.Count);
            Assert.All(recorder.Reports, r => Assert.Equal(6, r.Batches));
            Assert.Equal(Enumerable.Range(1, 6), recorder.Reports.Take(6).Select(r => r.Batch));
            Assert.All(recorder.Reports.Where(r => r.Batch < 6), r => Assert.Null(r.ValidationLoss));
            Assert.All(recorder.Reports.Where(r => r.Batch == 6), r => Assert.NotNull(r.ValidationLoss));
            TrainingProgress last = recorder.Reports[^1];
            Assert.Equal((8, 8), (last.Epoch, last.Epochs));
            Assert.Equal(TimeSpan.Zero, last.EstimatedRemaining);
            Assert.True(last.ImagesPerSecond > 0);
            Assert.Equal(history.Epochs[^1].Loss, last.Loss);
        }

        [Fact]
        public void Shuffling_is_seeded_and_optional()
        {
            List<float[]> Run(bool shuffle, int seed)
            {
                var trainer = new ReferenceTrainerAdapter(Classifier, Initializers.Keras(Classifier, 1), batchSize: 4);
                TrainingLoop.Fit(trainer, Halves(10, 1), Loss.SparseCategoricalCrossentropyFromLogits, new Sgd(0.01f),
                    new FitOptions { Epochs = 2, Shuffle = shuffle, Seed = seed, TrainingAccuracy = false });
                return trainer.Batches;
            }

            List<float[]> a = Run(true, 1), b = Run(true, 1), c = Run(true, 2), plain = Run(false, 1);
            Assert.Equal(a, b);
            Assert.NotEqual(a.Select(x => x[0]), c.Select(x => x[0]));
            Assert.NotEqual(a[0], a[3]); // the second epoch's order differs from the first's

            // Unshuffled: the images in order, every epoch.
            float[] all = Halves(10, 1).Inputs;
            Assert.Equal(all.Take(64), plain[0]);
            Assert.Equal(all.Skip(128), plain[2]);
            Assert.Equal(plain[0], plain[3]);
        }

        [Fact]
        public void Early_stopping_waits_patience_epochs_and_restores_the_best_weights()
        {
            // One step per epoch (batch 2, 2 images); losses 1, 0.5, 0.7, 0.8, 0.9, ...: best at epoch 2, stop after epoch 4.
            var trainer = new ScriptedTrainer(2, 1f, 0.5f, 0.7f, 0.8f, 0.9f, 1f, 1.1f);
            var data = new TrainingData(new float[2], new[] { 0, 1 });
            TrainingHistory history = TrainingLoop.Fit(trainer, data, Loss.SparseCategoricalCrossentropy, new Sgd(),
                new FitOptions { Epochs = 10, EarlyStoppingPatience = 2, RestoreBestWeights = true });
            Assert.True(history.StoppedEarly);
            Assert.Equal(4, history.Epochs.Count);
            Assert.Equal(2, history.BestEpoch);
            Assert.Equal(2f, trainer.Parameter); // the parameters after epoch 2's step

            var keep = new ScriptedTrainer(2, 1f, 0.5f, 0.7f, 0.8f, 0.9f);
            TrainingLoop.Fit(keep, data, Loss.SparseCategoricalCrossentropy, new Sgd(), new FitOptions { Epochs = 10, EarlyStoppingPatience = 2 });
            Assert.Equal(4f, keep.Parameter); // without restore_best_weights the last ones stay
        }

        [Fact]
        public void A_non_finite_loss_stops_training_naming_epoch_and_batch()
        {
            var scripted = new ScriptedTrainer(1, 1f, 1f, 1f, 1f, float.NaN);
            var data = new TrainingData(new float[3], new[] { 0, 1, 0 });
            var ex = Assert.Throws<TrainingDivergedException>(() =>
                TrainingLoop.Fit(scripted, data, Loss.SparseCategoricalCrossentropy, new Sgd(), new FitOptions { Epochs = 3 }));
            Assert.Equal((2, 2), (ex.Epoch, ex.Batch));
            Assert.Contains("epoch 2, batch 2", ex.Message);
            Assert.Equal(4f, scripted.Parameter);

            // The reference trainer keeps its parameters when an image holds NaN.
            float[] initial = Initializers.Keras(Classifier, 4);
            var trainer = new ReferenceTrainerAdapter(Classifier, initial, batchSize: 4);
            TrainingData bad = Halves(8, 5);
            bad.Inputs[4 * 16 + 3] = float.NaN;
            var diverged = Assert.Throws<TrainingDivergedException>(() => TrainingLoop.Fit(trainer, bad, Loss.SparseCategoricalCrossentropyFromLogits,
                new Adam(), new FitOptions { Shuffle = false }));
            Assert.Equal((1, 2), (diverged.Epoch, diverged.Batch));
            var after = new float[trainer.ParameterCount];
            trainer.CopyParametersTo(after);
            Assert.NotEqual(initial, after); // batch 1 trained
            Assert.All(after, v => Assert.True(float.IsFinite(v)));
        }

        [Fact]
        public void Cancellation_stops_before_the_next_step()
        {
            using var cts = new CancellationTokenSource();
            var recorder = new Recorder(r =>
            {
                if (r.Batch == 3)
                {
                    cts.Cancel();
                }
            });
            var scripted = new ScriptedTrainer(1, 1f);
            Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Fit(scripted, new TrainingData(new float[10], new int[10]),
                Loss.SparseCategoricalCrossentropy, new Sgd(), new FitOptions { Epochs = 2 }, recorder, cts.Token));
            Assert.Equal(3f, scripted.Parameter);
        }

        [Fact]
        public void Checkpoints_and_augmentation()
        {
            string directory = Path.Combine(Path.GetTempPath(), "convgen-fit-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                var trainer = new ReferenceTrainerAdapter(Classifier, Initializers.Keras(Classifier, 1), batchSize: 4);
                TrainingData data = Halves(6, 7);
                float[] original = (float[])data.Inputs.Clone();
                int calls = 0;
                var options = new FitOptions
                {
                    Epochs = 2,
                    Network = Classifier,
                    CheckpointPath = Path.Combine(directory, "epoch{epoch}.safetensors"),
                    Augment = (images, count, random) =>
                    {
                        calls++;
                        Assert.Equal(count * 16, images.Length);
                        images[0] += random.NextSingle(); // changes the copy only
                    },
                };
                TrainingLoop.Fit(trainer, data, Loss.SparseCategoricalCrossentropyFromLogits, new Sgd(0.1f), options);

                Assert.Equal(4, calls);
                Assert.Equal(original, data.Inputs);
                Assert.NotEqual(original.Take(16), trainer.Batches.SelectMany(b => b.Take(16)).Take(16)); // augmented copy reached the step
                var now = new float[trainer.ParameterCount];
                trainer.CopyParametersTo(now);
                Assert.Equal(now, ConvGen.Weights.SafeTensors.LoadParameters(Classifier, Path.Combine(directory, "epoch2.safetensors")));
                Assert.True(File.Exists(Path.Combine(directory, "epoch1.safetensors")));

                Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(trainer, data, Loss.SparseCategoricalCrossentropyFromLogits, new Sgd(),
                    new FitOptions { CheckpointPath = Path.Combine(directory, "x.safetensors") }));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void Bad_data_and_options_are_rejected()
        {
            var trainer = new ReferenceTrainerAdapter(Classifier, Initializers.Keras(Classifier, 1), batchSize: 4);
            Loss loss = Loss.SparseCategoricalCrossentropyFromLogits;
            var ex = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(trainer, new TrainingData(new float[17], new int[1]), loss, new Sgd(), new FitOptions()));
            Assert.Contains("16-float images", ex.Message);
            Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(trainer, new TrainingData(new float[32], new int[3]), loss, new Sgd(), new FitOptions()));
            Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(trainer, new TrainingData(new float[32], new float[4]), loss, new Sgd(), new FitOptions()));
            Assert.Throws<ArgumentOutOfRangeException>(() => TrainingLoop.Fit(trainer, new TrainingData(new float[32], new[] { 0, 2 }), loss, new Sgd(), new FitOptions()));
            Assert.Throws<ArgumentOutOfRangeException>(() => TrainingLoop.Fit(trainer, Halves(4, 1), loss, new Sgd(), new FitOptions { BatchSize = 5 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => TrainingLoop.Fit(trainer, Halves(4, 1), loss, new Sgd(), new FitOptions { Epochs = 0 }));
        }
    }
}
