using System;

namespace ConvGen.Training
{
    /// <summary>A training step's loss was NaN or infinite; the parameters are those from before that step.</summary>
    public sealed class TrainingDivergedException : Exception
    {
        /// <summary>Creates the exception for <paramref name="epoch"/> and <paramref name="batch"/> (both 1-based).</summary>
        public TrainingDivergedException(int epoch, int batch, double loss)
            : base($"Training diverged: the loss of epoch {epoch}, batch {batch} is {loss}. The parameters are those from before that batch; " +
                "try a lower learning rate, check the data for NaN or infinite values, or use a FromLogits loss.")
        {
            Epoch = epoch;
            Batch = batch;
            Loss = loss;
        }

        /// <summary>The epoch, 1-based.</summary>
        public int Epoch { get; }

        /// <summary>The batch within the epoch, 1-based.</summary>
        public int Batch { get; }

        /// <summary>The loss that was not finite.</summary>
        public double Loss { get; }
    }
}
