namespace Mnist;

/// <summary>One epoch of training: mean training loss and accuracy, then loss and accuracy on the test set, and its duration.</summary>
public sealed record EpochRecord(double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds);
