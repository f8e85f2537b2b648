using System;

namespace ConvGen.Training
{
    /// <summary>Keras <c>ExponentialDecay</c> (<see cref="LearningRateSchedule.ExponentialDecay"/>, <see cref="LearningRateSchedule.StepDecay"/>).</summary>
    public sealed class ExponentialDecaySchedule : LearningRateSchedule
    {
        internal ExponentialDecaySchedule(float initialLearningRate, int decaySteps, float decayRate, bool staircase)
        {
            InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
            DecaySteps = CheckSteps(decaySteps, nameof(decaySteps));
            DecayRate = float.IsFinite(decayRate) && decayRate > 0
                ? decayRate
                : throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, "The decay rate must be a finite number > 0.");
            Staircase = staircase;
        }

        /// <summary>The rate at step 0.</summary>
        public float InitialLearningRate { get; }

        /// <summary>Steps per factor of <see cref="DecayRate"/>.</summary>
        public int DecaySteps { get; }

        /// <summary>The factor applied every <see cref="DecaySteps"/> steps.</summary>
        public float DecayRate { get; }

        /// <summary>Whether the exponent is floored (a step function).</summary>
        public bool Staircase { get; }

        /// <inheritdoc />
        public override float At(long step)
        {
            CheckStep(step);

            // Keras computes in float32: p = step / decay_steps (floored for staircase), initial * decay_rate^p.
            float p = Staircase ? step / DecaySteps : (float)step / DecaySteps;
            return InitialLearningRate * MathF.Pow(DecayRate, p);
        }
    }
}
