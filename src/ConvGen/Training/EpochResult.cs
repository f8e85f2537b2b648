namespace ConvGen.Training
{
    /// <summary>One epoch of a <see cref="TrainingHistory"/>.</summary>
    /// <param name="Epoch">1-based.</param>
    /// <param name="Loss">Mean training loss, weighted by batch size.</param>
    /// <param name="Accuracy">Training accuracy (inference mode, measured before each step); NaN when not measured.</param>
    /// <param name="ValidationLoss">Validation loss after the epoch; null without validation data.</param>
    /// <param name="ValidationAccuracy">Validation accuracy after the epoch; null without validation data.</param>
    /// <param name="Seconds">Wall time of the epoch, validation included.</param>
    public sealed record EpochResult(int Epoch, double Loss, double Accuracy, double? ValidationLoss, double? ValidationAccuracy, double Seconds);
}
