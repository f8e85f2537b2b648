using System;

namespace ConvGen.Training
{
    /// <summary>
    /// A loss of your own for a Trainer (a detection head's objectness + box + class loss, a weighted or masked loss...):
    /// given the network's outputs for the step's images (<c>count * OutputLength</c> floats, training mode) and the
    /// targets exactly as passed to the trainer, return the loss and write its gradient d(loss)/d(output) into
    /// <paramref name="outputGradient"/> (same length as <paramref name="outputs"/>; every element must be written).
    /// The trainer back-propagates that gradient through the whole network, the last layer's activation included.
    /// Check a new loss's gradient against finite differences of the value it returns.
    /// </summary>
    public delegate float CustomLoss(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> outputGradient);
}
