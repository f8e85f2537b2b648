using System;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>Learning-rate schedules against Keras' formulas at several steps.</summary>
    public class ScheduleTests
    {
        private static void Near(double expected, float actual) => Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Abs(expected) + 1e-9, $"expected {expected}, got {actual}");

        [Fact]
        public void Constant_is_constant()
        {
            LearningRateSchedule s = LearningRateSchedule.Constant(0.3f);
            Assert.Equal(0.3f, s.At(0));
            Assert.Equal(0.3f, s.At(123456));
        }

        [Fact]
        public void Step_decay_halves_every_ten_steps()
        {
            LearningRateSchedule s = LearningRateSchedule.StepDecay(0.1f, 0.5f, 10);
            Near(0.1, s.At(0));
            Near(0.1, s.At(9));
            Near(0.05, s.At(10));
            Near(0.025, s.At(25));   // floor(25 / 10) = 2
            Near(0.1 * Math.Pow(0.5, 100), s.At(1000));
        }

        [Fact]
        public void Exponential_decay_is_continuous_unless_staircase()
        {
            LearningRateSchedule s = LearningRateSchedule.ExponentialDecay(0.1f, 10, 0.5f);
            Near(0.1, s.At(0));
            Near(0.1 * Math.Sqrt(0.5), s.At(5)); // 0.0707107
            Near(0.05, s.At(10));
            Near(0.1 * Math.Pow(0.5, 2.5), s.At(25));
            Near(0.025, LearningRateSchedule.ExponentialDecay(0.1f, 10, 0.5f, staircase: true).At(25));
        }

        [Fact]
        public void Cosine_decay_follows_half_a_cosine_to_alpha()
        {
            LearningRateSchedule s = LearningRateSchedule.CosineDecay(0.1f, 100, alpha: 0.1f);
            Near(0.1, s.At(0));
            Near(0.1 * (0.9 * 0.5 * (1 + Math.Cos(Math.PI / 4)) + 0.1), s.At(25)); // 0.0868198
            Near(0.1 * (0.9 * 0.5 + 0.1), s.At(50));                                 // 0.055
            Near(0.01, s.At(100));
            Near(0.01, s.At(250));                                                    // held at initial * alpha
            Near(0.0, LearningRateSchedule.CosineDecay(0.1f, 100).At(100));
        }

        [Fact]
        public void Bad_arguments_are_rejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(-1f));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0.1f, 0.5f, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0.1f, 0f, 10));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.ExponentialDecay(float.NaN, 10, 0.5f));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.CosineDecay(0.1f, 10, 1.5f));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(0.1f).At(-1));
        }
    }
}
