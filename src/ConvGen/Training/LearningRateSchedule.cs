using System;

namespace ConvGen.Training
{
    /// <summary>A learning rate as a function of the step count (Keras <c>LearningRateSchedule</c>).</summary>
    public abstract class LearningRateSchedule
    {
        /// <summary>The learning rate for the update at 0-based step <paramref name="step"/>.</summary>
        public abstract float At(long step);

        /// <summary>The same rate at every step.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite rate.</exception>
        public static LearningRateSchedule Constant(float learningRate) => new ConstantSchedule(learningRate);

        /// <summary>
        /// initial * decayRate^floor(step / decaySteps): the rate drops by <paramref name="decayRate"/> every
        /// <paramref name="decaySteps"/> updates (Keras <c>ExponentialDecay(..., staircase=True)</c>).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite rate, a decay rate that is not a finite number &gt; 0, or decaySteps &lt; 1.</exception>
        public static LearningRateSchedule StepDecay(float initialLearningRate, float decayRate, int decaySteps)
            => new ExponentialDecaySchedule(initialLearningRate, decaySteps, decayRate, staircase: true);

        /// <summary>
        /// initial * decayRate^(step / decaySteps), or with <paramref name="staircase"/> the exponent floored
        /// (Keras <c>ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase)</c>, same argument order).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">As <see cref="StepDecay"/>.</exception>
        public static LearningRateSchedule ExponentialDecay(float initialLearningRate, int decaySteps, float decayRate, bool staircase = false)
            => new ExponentialDecaySchedule(initialLearningRate, decaySteps, decayRate, staircase);

        /// <summary>
        /// Keras <c>CosineDecay</c> without warm-up: with s = min(step, decaySteps),
        /// initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha); from decaySteps on, initial * alpha.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite rate, decaySteps &lt; 1, or alpha outside [0, 1].</exception>
        public static LearningRateSchedule CosineDecay(float initialLearningRate, int decaySteps, float alpha = 0f)
            => new CosineDecaySchedule(initialLearningRate, decaySteps, alpha);

        /// <summary>Checks a learning rate argument.</summary>
        private protected static float CheckRate(float rate, string name) => float.IsFinite(rate) && rate >= 0
            ? rate
            : throw new ArgumentOutOfRangeException(name, rate, "The learning rate must be a finite number >= 0.");

        /// <summary>Checks a step-count argument.</summary>
        private protected static int CheckSteps(int steps, string name) => steps >= 1
            ? steps
            : throw new ArgumentOutOfRangeException(name, steps, "The number of decay steps must be at least 1.");

        /// <summary>Checks the step argument of <see cref="At"/>.</summary>
        private protected static long CheckStep(long step) => step >= 0
            ? step
            : throw new ArgumentOutOfRangeException(nameof(step), step, "The step count must be >= 0.");
    }
}
