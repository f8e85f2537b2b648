using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen;
using ConvGen.Training;
using ConvGen.Vision;

namespace DetectionSample
{
    /// <summary>
    /// How the sample trains <see cref="Detector"/>: the detection loss as a custom loss (DetectionLoss.ForTrainer:
    /// objectness BCE, box regression, class cross-entropy; targets and masks packed per image so that shuffling keeps
    /// them together), Adam at 1e-3 decaying to 1/20 of it (cosine), batches of 16, the held-out loss after every epoch.
    /// </summary>
    public static class DetectionTraining
    {
        /// <summary>Adam's starting learning rate.</summary>
        public const float LearningRate = 0.001f;

        /// <summary>Images per step.</summary>
        public const int BatchSize = 16;

        /// <summary>
        /// Trains from <paramref name="parameters"/> (updated in place with the trained weights) on images with their
        /// encoded targets and masks (<see cref="Detector.HeadLayout"/>) and returns the loss per epoch.
        /// </summary>
        public static DetectionCurves Train(float[] parameters, float[] images, float[] targets, float[] masks, float[] heldOutImages, float[] heldOutTargets, float[] heldOutMasks, int epochs, int seed, IProgress<TrainingProgress>? progress = null)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            ArgumentNullException.ThrowIfNull(images);
            ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
            GridLayout layout = Detector.HeadLayout;
            var trainer = new Detector.Trainer(parameters, BatchSize, seed);
            int count = images.Length / Detector.InputLength;
            int steps = epochs * ((count + BatchSize - 1) / BatchSize);
            var adam = new Adam(LearningRate) { Schedule = LearningRateSchedule.CosineDecay(LearningRate, Math.Max(steps, 1), alpha: 0.05f) };
            var fit = new FitOptions
            {
                Epochs = epochs,
                Seed = seed,
                Validation = new TrainingData(heldOutImages, DetectionLoss.PackTargets(layout, heldOutTargets, heldOutMasks)),
            };
            TrainingHistory history = TrainingLoop.Fit(trainer, new TrainingData(images, DetectionLoss.PackTargets(layout, targets, masks)),
                DetectionLoss.ForTrainer(layout), adam, fit, progress);
            trainer.CopyParametersTo(parameters);
            return new DetectionCurves(history.Epochs.Select(e => e.Loss).ToArray(), history.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray());
        }
    }

    /// <summary>Loss per epoch, for the plot.</summary>
    public sealed record DetectionCurves(IReadOnlyList<double> TrainingLoss, IReadOnlyList<double> HeldOutLoss);
}
