using System;

namespace ConvGen
{
    /// <summary>
    /// Keras 3 <c>SGD</c>. Without momentum: w -= lr * g. With momentum: m = momentum * m - lr * g, then w += m, or with
    /// Nesterov w += momentum * m - lr * g (the new m). Computed in float, in Keras' operation order.
    /// </summary>
    public sealed class Sgd : Optimizer
    {
        /// <summary>Creates the optimizer (Keras defaults: learning rate 0.01, no momentum).</summary>
        /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite learning rate, or a momentum outside [0, 1].</exception>
        public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
            : base(learningRate)
        {
            if (!(momentum >= 0 && momentum <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The SGD momentum must be in [0, 1] (Keras).");
            }

            Momentum = momentum;
            Nesterov = nesterov;
        }

        /// <summary>The momentum factor (0: plain gradient descent).</summary>
        public float Momentum { get; }

        /// <summary>Whether the Nesterov form is used.</summary>
        public bool Nesterov { get; }

        /// <inheritdoc />
        public override int StateSlots => Momentum == 0 ? 0 : 1;

        /// <inheritdoc />
        public override void Apply(Training.OptimizerState state, Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length, float learningRate)
        {
            OptimizerChecks.Range(state, this, parameters, gradients, start, length);
            Span<float> w = parameters.Slice(start, length);
            ReadOnlySpan<float> g = gradients.Slice(start, length);
            if (Momentum == 0)
            {
                for (int k = 0; k < w.Length; k++)
                {
                    w[k] -= g[k] * learningRate;
                }

                return;
            }

            Span<float> m = state.Slots[0].AsSpan(start, length);
            float momentum = Momentum;
            for (int k = 0; k < w.Length; k++)
            {
                m[k] = m[k] * momentum - g[k] * learningRate;
                w[k] += Nesterov ? m[k] * momentum - g[k] * learningRate : m[k];
            }
        }
    }
}
