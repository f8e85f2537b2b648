using System.Collections.Generic;

namespace ConvGen.Training
{
    /// <summary>What <c>TrainingLoop.Fit</c> returns: one entry per epoch run (Keras <c>History</c>).</summary>
    public sealed class TrainingHistory
    {
        internal TrainingHistory(IReadOnlyList<EpochResult> epochs, bool stoppedEarly, int bestEpoch)
        {
            Epochs = epochs;
            StoppedEarly = stoppedEarly;
            BestEpoch = bestEpoch;
        }

        /// <summary>The epochs run, in order.</summary>
        public IReadOnlyList<EpochResult> Epochs { get; }

        /// <summary>Whether early stopping ended training before the planned epochs.</summary>
        public bool StoppedEarly { get; }

        /// <summary>The 1-based epoch with the lowest monitored loss (validation loss when there is validation data).</summary>
        public int BestEpoch { get; }
    }
}
