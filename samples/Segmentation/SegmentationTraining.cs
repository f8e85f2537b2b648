using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen;
using ConvGen.Samples.Vision.Data;
using ConvGen.Training;

namespace SegmentationSample
{
    /// <summary>
    /// How the sample trains <see cref="UNet"/>: sparse categorical cross-entropy per pixel (the softmax head gives
    /// probabilities, one label per output pixel), Adam at <see cref="LearningRate"/> decaying to 1/20 of it (cosine),
    /// batches of 16, the held-out set scored after every epoch.
    /// </summary>
    public static class SegmentationTraining
    {
        /// <summary>Adam's starting learning rate (3e-3 learned faster than Keras' default 1e-3 in pilot runs).</summary>
        public const float LearningRate = 0.003f;

        /// <summary>Images per step.</summary>
        public const int BatchSize = 16;

        /// <summary>
        /// Trains from <paramref name="parameters"/> (updated in place with the trained weights) for
        /// <paramref name="epochs"/> epochs and returns the loss per epoch, training and held-out. With
        /// <paramref name="checkpointPath"/> the weights are saved after every epoch ("{epoch}" in it is replaced).
        /// </summary>
        public static SegmentationCurves Train(float[] parameters, SegmentationSet train, SegmentationSet heldOut, int epochs, int seed, IProgress<TrainingProgress>? progress = null, string? checkpointPath = null)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            ArgumentNullException.ThrowIfNull(train);
            ArgumentNullException.ThrowIfNull(heldOut);
            ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
            var trainer = new UNet.Trainer(parameters, BatchSize, seed);
            int steps = epochs * ((train.Count + BatchSize - 1) / BatchSize);
            var adam = new Adam(LearningRate) { Schedule = LearningRateSchedule.CosineDecay(LearningRate, Math.Max(steps, 1), alpha: 0.05f) };
            var fit = new FitOptions { Epochs = epochs, Seed = seed, Validation = new TrainingData(heldOut.Images, heldOut.Masks), CheckpointPath = checkpointPath, Network = UNet.Network };
            TrainingHistory history = TrainingLoop.Fit(trainer, new TrainingData(train.Images, train.Masks), Loss.SparseCategoricalCrossentropy, adam, fit, progress);
            trainer.CopyParametersTo(parameters);
            return new SegmentationCurves(history.Epochs.Select(e => e.Loss).ToArray(), history.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray());
        }
    }

    /// <summary>Loss per epoch, for the plot.</summary>
    public sealed record SegmentationCurves(IReadOnlyList<double> TrainingLoss, IReadOnlyList<double> HeldOutLoss);
}
