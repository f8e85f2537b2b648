namespace ConvGen.Tests.Generated
{
    /// <summary>
    /// A network slow enough (a few milliseconds per image) that two threads calling it in a loop overlap at once,
    /// for the concurrent-use guard tests.
    /// </summary>
    [ConvNet(48, 48, 8)]
    [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [Conv2D(32, 3, Padding = Padding.Same)]
    public partial class SlowTestNet
    {
    }

    /// <summary>Same padding, input and output of one shape: the case where an output aliasing its input silently went wrong.</summary>
    [ConvNet(6, 6, 2)]
    [Conv2D(2, 3, Padding = Padding.Same)]
    public partial class SameShapeTestNet
    {
    }
}
