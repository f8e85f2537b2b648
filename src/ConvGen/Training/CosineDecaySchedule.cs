using System;

namespace ConvGen.Training
{
    /// <summary>Keras <c>CosineDecay</c> without warm-up (<see cref="LearningRateSchedule.CosineDecay"/>).</summary>
    public sealed class CosineDecaySchedule : LearningRateSchedule
    {
        private readonly float _oneMinusAlpha;

        internal CosineDecaySchedule(float initialLearningRate, int decaySteps, float alpha)
        {
            InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
            DecaySteps = CheckSteps(decaySteps, nameof(decaySteps));
            Alpha = alpha >= 0 && alpha <= 1
                ? alpha
                : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha (the final fraction of the initial rate) must be in [0, 1].");
            _oneMinusAlpha = KerasFloat.OneMinus(alpha);
        }

        /// <summary>The rate at step 0.</summary>
        public float InitialLearningRate { get; }

        /// <summary>Steps over which the rate falls to <see cref="Alpha"/> * initial.</summary>
        public int DecaySteps { get; }

        /// <summary>The final rate as a fraction of the initial one.</summary>
        public float Alpha { get; }

        /// <inheritdoc />
        public override float At(long step)
        {
            CheckStep(step);
            float fraction = (float)Math.Min(step, DecaySteps) / DecaySteps;
            float cosine = 0.5f * (1f + MathF.Cos(MathF.PI * fraction));
            return InitialLearningRate * (_oneMinusAlpha * cosine + Alpha);
        }
    }
}
