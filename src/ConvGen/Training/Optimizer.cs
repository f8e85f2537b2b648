using System;

namespace ConvGen
{
    /// <summary>
    /// A Keras 3 optimizer: the update rule and its hyper-parameters. The state it needs (moments, step count) lives in
    /// an <see cref="Training.OptimizerState"/> owned by each trainer, so one optimizer object can drive several trainers.
    /// </summary>
    public abstract class Optimizer
    {
        private float _learningRate;

        /// <summary>Sets the learning rate.</summary>
        protected Optimizer(float learningRate)
        {
            LearningRate = learningRate;
        }

        /// <summary>The learning rate used when <see cref="Schedule"/> is null; may change between steps.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Negative, NaN or infinite.</exception>
        public float LearningRate
        {
            get => _learningRate;
            set => _learningRate = float.IsFinite(value) && value >= 0
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite number >= 0.");
        }

        /// <summary>A learning-rate schedule evaluated at the step count before each update (Keras); null for the constant <see cref="LearningRate"/>.</summary>
        public Training.LearningRateSchedule? Schedule { get; set; }

        /// <summary>Floats of state per parameter (0 for plain SGD, 1 for momentum, 2 for Adam's moments).</summary>
        public abstract int StateSlots { get; }

        /// <summary>The learning rate of the update at step <paramref name="iteration"/> (0-based count of updates so far).</summary>
        public float LearningRateAt(long iteration) => Schedule?.At(iteration) ?? LearningRate;

        /// <summary>Fresh state (zero moments, step 0) for <paramref name="parameterCount"/> parameters.</summary>
        public Training.OptimizerState CreateState(int parameterCount) => new Training.OptimizerState(this, parameterCount, StateSlots);

        /// <summary>
        /// Updates <paramref name="parameters"/>[start..start+length) from the same range of <paramref name="gradients"/>
        /// and of the state slots, as step <see cref="Training.OptimizerState.Iterations"/> (not advanced here: the
        /// trainer advances it once per step, after every trainable range).
        /// </summary>
        public abstract void Apply(Training.OptimizerState state, Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length, float learningRate);
    }
}
