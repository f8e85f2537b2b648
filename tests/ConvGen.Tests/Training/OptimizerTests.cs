using System;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>The optimizers' update rules against Keras 3's formulas worked out by hand.</summary>
    public class OptimizerTests
    {
        /// <summary>Runs <paramref name="optimizer"/> on one parameter through the given gradients, returning the parameter after each step.</summary>
        private static float[] Steps(Optimizer optimizer, float start, params float[] gradients)
        {
            var w = new[] { start };
            OptimizerState state = optimizer.CreateState(1);
            var after = new float[gradients.Length];
            for (int s = 0; s < gradients.Length; s++)
            {
                optimizer.Apply(state, w, new[] { gradients[s] }, 0, 1, optimizer.LearningRateAt(state.Iterations));
                state.Iterations++;
                after[s] = w[0];
            }

            return after;
        }

        private static void Near(double expected, float actual) => Assert.True(Math.Abs(expected - actual) <= 3e-7 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

        [Fact]
        public void Sgd_without_momentum_subtracts_the_scaled_gradient()
        {
            float[] w = Steps(new Sgd(0.1f), 1f, 0.5f, -2f);
            Near(1 - 0.1 * 0.5, w[0]);             // 0.95
            Near(0.95 - 0.1 * -2, w[1]);           // 1.15
            Assert.Equal(0, new Sgd().StateSlots);
            Assert.Equal(0.01f, new Sgd().LearningRate);
        }

        [Fact]
        public void Sgd_momentum_over_three_steps()
        {
            // Keras: m = momentum * m - lr * g; w += m.
            float[] w = Steps(new Sgd(0.1f, 0.9f), 0f, 1f, -2f, 0.5f);
            double m1 = -0.1 * 1, w1 = m1;                 // -0.1
            double m2 = 0.9 * m1 - 0.1 * -2, w2 = w1 + m2; // 0.11, 0.01
            double m3 = 0.9 * m2 - 0.1 * 0.5, w3 = w2 + m3; // 0.049, 0.059
            Near(w1, w[0]);
            Near(w2, w[1]);
            Near(w3, w[2]);
        }

        [Fact]
        public void Sgd_nesterov_over_three_steps()
        {
            // Keras: m = momentum * m - lr * g; w += momentum * m - lr * g (with the new m).
            float[] w = Steps(new Sgd(0.1f, 0.9f, nesterov: true), 0f, 1f, -2f, 0.5f);
            double m1 = -0.1, w1 = 0.9 * m1 - 0.1;                          // -0.19
            double m2 = 0.9 * m1 + 0.2, w2 = w1 + 0.9 * m2 + 0.2;            // m2 0.11, w2 0.109
            double m3 = 0.9 * m2 - 0.05, w3 = w2 + 0.9 * m3 - 0.05;          // m3 0.049, w3 0.1031
            Near(w1, w[0]);
            Near(w2, w[1]);
            Near(w3, w[2]);
        }

        [Fact]
        public void Adam_bias_correction_at_steps_1_and_2()
        {
            float[] w = Steps(new Adam(0.1f), 1f, 0.5f, -1f);

            // Keras computes beta^t in float32: beta2 = float32(0.999) = 0.99900001287, so 1 - beta2 = 0.00099998713 (not 0.001),
            // while the moments use 1 - beta = 0.001f and 0.1f exactly (see Adam_moments_use_keras_one_minus_beta).
            double b1 = 0.9f, b2 = 0.999f;

            // Step 1 (t = 1): alpha = 0.1 * sqrt(1 - b2) / (1 - b1) = 0.0316226; m = 0.5 * 0.1 = 0.05; v = 0.25 * 0.001 = 0.00025.
            double alpha1 = 0.1 * Math.Sqrt(1 - b2) / (1 - b1);
            double m1 = 0.05, v1 = 0.00025;
            double w1 = 1 - m1 * alpha1 / (Math.Sqrt(v1) + 1e-7);   // 1 - 0.0999987 = 0.9000013
            Near(w1, w[0]);
            Assert.InRange(w[0], 0.9000010f, 0.9000016f);

            // Step 2 (t = 2): alpha = 0.1 * sqrt(1 - b2^2) / (1 - b1^2); m = 0.05 + (-1 - 0.05) * 0.1 = -0.055; v = 0.00025 + (1 - 0.00025) * 0.001.
            double alpha2 = 0.1 * Math.Sqrt(1 - b2 * b2) / (1 - b1 * b1);
            double m2 = -0.055, v2 = 0.00025 + (1 - 0.00025) * 0.001;
            double w2 = w1 - m2 * alpha2 / (Math.Sqrt(v2) + 1e-7);
            Near(w2, w[1]);
        }

        [Fact]
        public void Adam_moments_use_keras_one_minus_beta()
        {
            // Keras: m += (g - m) * (1 - beta_1) with 1 - 0.9 computed in Python double, then float32: exactly 0.1f (1 - 0.9f in float is 0.100000024f).
            var adam = new Adam();
            OptimizerState state = adam.CreateState(1);
            adam.Apply(state, new[] { 0f }, new[] { 1f }, 0, 1, 0.001f);
            Assert.Equal(0.1f, state.Slots[0][0]);
            Assert.Equal(0.001f, state.Slots[1][0]);
        }

        [Fact]
        public void One_minus_follows_the_written_decimal()
        {
            Assert.Equal(0.1f, KerasFloat.OneMinus(0.9f));
            Assert.Equal(0.01f, KerasFloat.OneMinus(0.99f));
            Assert.Equal(0.001f, KerasFloat.OneMinus(0.999f));
            Assert.NotEqual(0.1f, 1 - 0.9f); // what float arithmetic would give (0.100000024f)
            Assert.Equal(0f, KerasFloat.OneMinus(1f));
        }

        [Fact]
        public void AdamW_decays_the_weight_before_the_adam_step()
        {
            float[] w = Steps(new AdamW(0.1f, weightDecay: 0.5f), 2f, 0.5f);

            // w = 2 - 2 * 0.5 * 0.1 = 1.9, then the Adam step of 0.0999987 as above.
            double alpha = 0.1 * Math.Sqrt(1 - (double)0.999f) / (1 - (double)0.9f);
            double expected = 1.9 - 0.05 * alpha / (Math.Sqrt(0.00025) + 1e-7);
            Near(expected, w[0]);

            // With a zero gradient only the decay acts: 1 - 1 * 0.004 * 0.001.
            Near(1 - 0.004 * 0.001, Steps(new AdamW(), 1f, 0f)[0]);
        }

        [Fact]
        public void Apply_touches_only_its_range()
        {
            var adam = new Adam(0.1f);
            OptimizerState state = adam.CreateState(4);
            var w = new float[] { 1, 1, 1, 1 };
            adam.Apply(state, w, new float[] { 1, 1, 1, 1 }, 1, 2, 0.1f);
            Assert.Equal(1f, w[0]);
            Assert.Equal(1f, w[3]);
            Assert.NotEqual(1f, w[1]);
            Assert.Equal(0f, state.Slots[0][0]);
            Assert.Throws<ArgumentOutOfRangeException>(() => adam.Apply(state, w, new float[4], 3, 2, 0.1f));
            Assert.Throws<ArgumentException>(() => new Sgd(0.1f, 0.5f).Apply(state, w, new float[4], 0, 4, 0.1f));
        }

        [Fact]
        public void Schedule_drives_the_learning_rate()
        {
            var sgd = new Sgd(1f) { Schedule = LearningRateSchedule.StepDecay(0.1f, 0.5f, 1) };
            float[] w = Steps(sgd, 0f, 1f, 1f, 1f);
            Near(-0.1, w[0]);
            Near(-0.1 - 0.05, w[1]);
            Near(-0.1 - 0.05 - 0.025, w[2]);
        }

        [Fact]
        public void Bad_hyper_parameters_are_rejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-0.1f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(float.NaN));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, -0.1f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, 1.5f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: -0.1f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: 0f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: -1f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: float.PositiveInfinity));
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { LearningRate = float.NaN });
            Assert.Contains("learning rate", ex.Message);
        }
    }
}
