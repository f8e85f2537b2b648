using System;

namespace ConvGen
{
    /// <summary>Argument checks shared by the optimizers' <c>Apply</c>.</summary>
    internal static class OptimizerChecks
    {
        public static void Range(Training.OptimizerState state, Optimizer optimizer, Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length)
        {
            ArgumentNullException.ThrowIfNull(state);
            if (!ReferenceEquals(state.Owner, optimizer))
            {
                throw new ArgumentException("The optimizer state was created by another optimizer (use optimizer.CreateState).", nameof(state));
            }

            if (gradients.Length != parameters.Length)
            {
                throw new ArgumentException($"Expected {parameters.Length} gradients (one per parameter) but got {gradients.Length}.", nameof(gradients));
            }

            if (start < 0 || length < 0 || (long)start + length > parameters.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(start), start, $"The range [{start}, {start}+{length}) is outside the {parameters.Length} parameters.");
            }

            foreach (float[] slot in state.Slots)
            {
                if (slot.Length != parameters.Length)
                {
                    throw new ArgumentException($"The optimizer state holds {slot.Length} values per slot but there are {parameters.Length} parameters.", nameof(state));
                }
            }
        }
    }
}
