using System;

namespace ConvGen.Training
{
    /// <summary>
    /// A data set for <c>TrainingLoop.Fit</c>: NHWC images one after the other, with either integer labels (the sparse
    /// losses: one per image, or one per output pixel for an [H, W, classes] output) or target tensors (one output's worth per image; for a CustomLoss, any fixed number of floats per image).
    /// The arrays are used as they are, not copied; training never writes to them.
    /// </summary>
    public sealed class TrainingData
    {
        /// <summary>Images with integer class labels.</summary>
        public TrainingData(float[] inputs, int[] labels)
        {
            Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
            Labels = labels ?? throw new ArgumentNullException(nameof(labels));
        }

        /// <summary>Images with target tensors.</summary>
        public TrainingData(float[] inputs, float[] targets)
        {
            Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
            Targets = targets ?? throw new ArgumentNullException(nameof(targets));
        }

        /// <summary>The images, NHWC.</summary>
        public float[] Inputs { get; }

        /// <summary>The labels, or null when the data has targets.</summary>
        public int[]? Labels { get; }

        /// <summary>The targets, or null when the data has labels.</summary>
        public float[]? Targets { get; }

        /// <summary>Images in the data set for a custom loss: whole images, and targets (not labels) that divide evenly among them.</summary>
        internal int CountForCustomLoss(ITrainer trainer, string name)
        {
            ArgumentNullException.ThrowIfNull(trainer);
            if (Inputs.Length == 0 || Inputs.Length % trainer.InputLength != 0)
            {
                throw new ArgumentException($"The {name} inputs hold {Inputs.Length} floats: not a whole number (at least 1) of {trainer.InputLength}-float images.", name);
            }

            int images = Inputs.Length / trainer.InputLength;
            if (Targets is null)
            {
                throw new ArgumentException($"A custom loss takes target floats but the {name} data has labels.", name);
            }

            if (Targets.Length % images != 0)
            {
                throw new ArgumentException($"The {name} data has {images} images but {Targets.Length} target floats: not the same number for each image.", name);
            }

            return images;
        }

        /// <summary>Images in the data set for a network of <paramref name="trainer"/>'s shapes; throws when the arrays do not fit it.</summary>
        /// <exception cref="ArgumentException">The lengths do not match the network, or labels/targets do not suit <paramref name="loss"/>.</exception>
        internal int Count(ITrainer trainer, Loss loss, string name)
        {
            ArgumentNullException.ThrowIfNull(trainer);
            if (Inputs.Length == 0 || Inputs.Length % trainer.InputLength != 0)
            {
                throw new ArgumentException($"The {name} inputs hold {Inputs.Length} floats: not a whole number (at least 1) of {trainer.InputLength}-float images.", name);
            }

            int images = Inputs.Length / trainer.InputLength;
            if (LossFunctions.IsSparse(loss) != (Labels is not null))
            {
                throw new ArgumentException(Labels is null
                    ? $"{loss} takes integer labels but the {name} data has targets."
                    : $"{loss} takes target tensors but the {name} data has labels.", name);
            }

            int perImage = Labels is not null ? trainer.OutputLength / trainer.OutputChannels : trainer.OutputLength;
            int actual = Labels?.Length ?? Targets!.Length;
            if (actual != images * perImage)
            {
                throw new ArgumentException(
                    $"The {name} data has {images} images, so {images * perImage} {(Labels is null ? "target values" : "labels")} ({perImage} per image), but holds {actual}.", name);
            }

            if (Labels is not null)
            {
                LossFunctions.CheckLabels(Labels, trainer.OutputChannels);
            }

            return images;
        }
    }
}
