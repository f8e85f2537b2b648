namespace ConvGen.Training
{
    /// <summary>How <c>TrainingLoop.Fit</c> trains (Keras <c>fit</c> arguments and the usual callbacks).</summary>
    public sealed class FitOptions
    {
        /// <summary>Passes over the training data (default 1).</summary>
        public int Epochs { get; init; } = 1;

        /// <summary>Images per step; null for the trainer's <see cref="ITrainer.BatchSize"/>. The last batch of an epoch may be smaller.</summary>
        public int? BatchSize { get; init; }

        /// <summary>Whether the images are shuffled before every epoch (default true, as Keras).</summary>
        public bool Shuffle { get; init; } = true;

        /// <summary>Seeds the shuffling and the generator handed to <see cref="Augment"/>.</summary>
        public int Seed { get; init; }

        /// <summary>Data evaluated (inference mode) after every epoch: validation loss and accuracy.</summary>
        public TrainingData? Validation { get; init; }

        /// <summary>
        /// Keras <c>EarlyStopping(patience)</c> on the validation loss (the training loss without validation data): training stops
        /// once this many epochs have passed without a lower value; null never stops early.
        /// </summary>
        public int? EarlyStoppingPatience { get; init; }

        /// <summary>With early stopping: when it stops, the parameters go back to those of the best epoch (Keras <c>restore_best_weights</c>).</summary>
        public bool RestoreBestWeights { get; init; }

        /// <summary>A safetensors file written after every epoch (Keras <c>ModelCheckpoint</c>); "{epoch}" in the path is replaced by the 1-based epoch. Needs <see cref="Network"/>.</summary>
        public string? CheckpointPath { get; init; }

        /// <summary>Writes the checkpoint only when the monitored loss improved (Keras <c>save_best_only</c>).</summary>
        public bool CheckpointBestOnly { get; init; }

        /// <summary>The trained network's declaration (<c>Net.Network</c>), needed to name the tensors of a checkpoint.</summary>
        public NetworkSpec? Network { get; init; }

        /// <summary>Called on a copy of every mini-batch before its step.</summary>
        public Augmentation? Augment { get; init; }

        /// <summary>
        /// Whether the training accuracy is measured (default true): as Keras' training metric, from each step's own
        /// training-mode outputs (<see cref="ITrainer.Outputs"/>, before the update), so it costs no extra pass.
        /// </summary>
        public bool TrainingAccuracy { get; init; } = true;
    }
}
