using System;

namespace ConvGen
{
    /// <summary>
    /// Keras 3 <c>AdamW</c>: Adam with decoupled weight decay applied first to every trainable parameter (biases and
    /// batch-norm gamma/beta included, as Keras without <c>exclude_from_weight_decay</c>): w -= w * weightDecay * lr, then the Adam step.
    /// </summary>
    public sealed class AdamW : Adam
    {
        /// <summary>Creates the optimizer with Keras' defaults (weight decay 0.004).</summary>
        /// <exception cref="ArgumentOutOfRangeException">A weight decay that is negative or not finite, or an Adam hyper-parameter out of range.</exception>
        public AdamW(float learningRate = 0.001f, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
            : base(learningRate, beta1, beta2, epsilon)
        {
            WeightDecay = float.IsFinite(weightDecay) && weightDecay >= 0
                ? weightDecay
                : throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay must be a finite number >= 0.");
        }

        /// <summary>The decoupled weight-decay factor (multiplied by the learning rate).</summary>
        public float WeightDecay { get; }

        /// <inheritdoc />
        private protected override void BeforeAdam(Span<float> parameters, float learningRate)
        {
            float decay = WeightDecay;
            for (int k = 0; k < parameters.Length; k++)
            {
                parameters[k] -= parameters[k] * decay * learningRate;
            }
        }
    }
}
