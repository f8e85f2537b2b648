namespace ConvGen.Training
{
    /// <summary>A learning rate as a function of the step count (Keras <c>LearningRateSchedule</c>).</summary>
    public abstract class LearningRateSchedule
    {
        /// <summary>The learning rate for the update at 0-based step <paramref name="step"/>.</summary>
        public abstract float At(long step);
    }
}
