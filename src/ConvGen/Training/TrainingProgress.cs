using System;

namespace ConvGen.Training
{
    /// <summary>Reported after every training step of <c>TrainingLoop.Fit</c>.</summary>
    public sealed record TrainingProgress
    {
        /// <summary>The epoch, 1-based.</summary>
        public int Epoch { get; init; }

        /// <summary>Epochs planned.</summary>
        public int Epochs { get; init; }

        /// <summary>The batch within the epoch, 1-based.</summary>
        public int Batch { get; init; }

        /// <summary>Batches per epoch (the last one may be partial).</summary>
        public int Batches { get; init; }

        /// <summary>Mean training loss of the epoch so far (weighted by batch size, as Keras).</summary>
        public double Loss { get; init; }

        /// <summary>Training accuracy of the epoch so far (NaN when not measured).</summary>
        public double Accuracy { get; init; }

        /// <summary>Training images per second in this epoch.</summary>
        public double ImagesPerSecond { get; init; }

        /// <summary>Time since Fit started.</summary>
        public TimeSpan Elapsed { get; init; }

        /// <summary>Estimated time to the last planned step (from the mean step time so far; validation not counted).</summary>
        public TimeSpan EstimatedRemaining { get; init; }

        /// <summary>On the last batch of an epoch with validation data: the validation loss; otherwise null.</summary>
        public double? ValidationLoss { get; init; }

        /// <summary>On the last batch of an epoch with validation data: the validation accuracy; otherwise null.</summary>
        public double? ValidationAccuracy { get; init; }
    }
}
