using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using ConvGen;
using ConvGen.Samples.Vision.Data;
using ConvGen.Training;

namespace SegmentationSample
{
    /// <summary>
    /// How the sample trains <see cref="UNet"/>: sparse categorical cross-entropy per pixel (the softmax head gives
    /// probabilities, one label per output pixel), Adam at <see cref="LearningRate"/> decaying to 1/20 of it (cosine),
    /// batches of 16, fresh images every epoch, the held-out set scored after every epoch.
    /// </summary>
    public static class SegmentationTraining
    {
        /// <summary>Adam's starting learning rate (3e-3 learned faster than Keras' default 1e-3 in pilot runs).</summary>
        public const float LearningRate = 0.003f;

        /// <summary>Images per step.</summary>
        public const int BatchSize = 16;

        /// <summary>
        /// Trains from <paramref name="parameters"/> (updated in place with the trained weights) for
        /// <paramref name="epochs"/> epochs of <paramref name="imagesPerEpoch"/> images each and returns the loss per
        /// epoch, training and held-out. Every epoch draws new images: epoch e (1-based) trains on images
        /// (e - 1) * <paramref name="imagesPerEpoch"/> onwards of <see cref="SegmentationSet"/>'s sequence for
        /// <paramref name="seed"/>, so no image is seen twice and the network cannot learn the training set by heart
        /// (with one fixed set the held-out loss stopped falling after 7 or 8 epochs). <paramref name="heldOut"/> must
        /// come from another seed. With <paramref name="checkpointPath"/> the weights are saved after every epoch
        /// ("{epoch}" in it is replaced).
        /// </summary>
        public static SegmentationCurves Train(float[] parameters, int imagesPerEpoch, SegmentationSet heldOut, int epochs, int seed,
            IProgress<TrainingProgress>? progress = null, string? checkpointPath = null)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            ArgumentNullException.ThrowIfNull(heldOut);
            ArgumentOutOfRangeException.ThrowIfLessThan(imagesPerEpoch, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan((long)imagesPerEpoch * epochs, int.MaxValue, nameof(imagesPerEpoch));
            var trainer = new UNet.Trainer(parameters, BatchSize, seed);
            int batches = (imagesPerEpoch + BatchSize - 1) / BatchSize;
            var adam = new Adam(LearningRate) { Schedule = LearningRateSchedule.CosineDecay(LearningRate, batches * epochs, alpha: 0.05f) };
            var validation = new TrainingData(heldOut.Images, heldOut.Masks);
            var training = new double[epochs];
            var held = new double[epochs];
            var clock = Stopwatch.StartNew();
            TimeSpan dataTime = TimeSpan.Zero;
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                // One Fit per epoch on that epoch's images: the trainer keeps the weights, BatchNormalization's moving
                // statistics and Adam's moments and step count (so the cosine schedule runs over all epochs).
                TimeSpan before = clock.Elapsed;
                SegmentationSet train = SegmentationSet.Generate(imagesPerEpoch, seed, firstIndex: (epoch - 1) * imagesPerEpoch);
                dataTime += clock.Elapsed - before;
                var fit = new FitOptions
                {
                    Epochs = 1,
                    Seed = unchecked(seed * 1_000_003 + epoch),
                    Validation = validation,
                    CheckpointPath = checkpointPath?.Replace("{epoch}", epoch.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                    Network = UNet.Network,
                };
                IProgress<TrainingProgress>? report = progress is null ? null : new EpochOf(progress, epoch, epochs, batches, clock);
                TrainingHistory history = TrainingLoop.Fit(trainer, new TrainingData(train.Images, train.Masks), Loss.SparseCategoricalCrossentropy, adam, fit, report);
                training[epoch - 1] = history.Epochs[0].Loss;
                held[epoch - 1] = history.Epochs[0].ValidationLoss ?? double.NaN;
            }

            trainer.CopyParametersTo(parameters);
            return new SegmentationCurves(training, held, clock.Elapsed.TotalSeconds, dataTime.TotalSeconds);
        }

        /// <summary>Reports a one-epoch fit as epoch <c>epoch</c> of <c>epochs</c>, with the time of the whole training.</summary>
        private sealed class EpochOf(IProgress<TrainingProgress> inner, int epoch, int epochs, int batches, Stopwatch clock) : IProgress<TrainingProgress>
        {
            public void Report(TrainingProgress value)
            {
                long done = (long)(epoch - 1) * batches + value.Batch, planned = (long)epochs * batches;
                inner.Report(value with
                {
                    Epoch = epoch,
                    Epochs = epochs,
                    Elapsed = clock.Elapsed,
                    EstimatedRemaining = TimeSpan.FromTicks(clock.Elapsed.Ticks / done * (planned - done)),
                });
            }
        }
    }

    /// <summary>Loss per epoch, for the plot; the whole training's wall-clock seconds and those spent making training images.</summary>
    public sealed record SegmentationCurves(IReadOnlyList<double> TrainingLoss, IReadOnlyList<double> HeldOutLoss, double Seconds, double DataSeconds);
}
