using System;
using System.Diagnostics;
using ConvGen.Training;

namespace ConvGen.Samples.Vision.Training
{
    /// <summary>
    /// The vision samples' progress: one line per epoch with the training and held-out loss (and, for losses that have
    /// one, the pixel accuracy), the speed and the time so far.
    /// </summary>
    public sealed class EpochPrinter : IProgress<TrainingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly bool _accuracy;

        /// <summary>Prints accuracies too when <paramref name="accuracy"/> (built-in classification losses).</summary>
        public EpochPrinter(bool accuracy) => _accuracy = accuracy;

        /// <inheritdoc/>
        public void Report(TrainingProgress p)
        {
            ArgumentNullException.ThrowIfNull(p);
            if (p.Batch != p.Batches)
                return;
            string train = _accuracy ? $"loss {p.Loss:F4}, pixel accuracy {p.Accuracy:P1}" : $"loss {p.Loss:F4}";
            string heldOut = _accuracy ? $"held-out loss {p.ValidationLoss:F4}, pixel accuracy {p.ValidationAccuracy:P1}" : $"held-out loss {p.ValidationLoss:F4}";
            Console.WriteLine($"epoch {p.Epoch}/{p.Epochs}: {train}; {heldOut} ({p.ImagesPerSecond:F0} images/s, {_clock.Elapsed.TotalSeconds:F0} s)");
        }
    }
}
