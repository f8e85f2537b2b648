namespace ConvGen.Training
{
    /// <summary>One learning rate for every step (<see cref="LearningRateSchedule.Constant"/>).</summary>
    public sealed class ConstantSchedule : LearningRateSchedule
    {
        internal ConstantSchedule(float learningRate)
        {
            LearningRate = CheckRate(learningRate, nameof(learningRate));
        }

        /// <summary>The rate.</summary>
        public float LearningRate { get; }

        /// <inheritdoc />
        public override float At(long step)
        {
            CheckStep(step);
            return LearningRate;
        }
    }
}
