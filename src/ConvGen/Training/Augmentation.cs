namespace ConvGen.Training
{
    /// <summary>
    /// Changes a mini-batch's images in place before the training step (flips, crops, noise...): <paramref name="images"/> is a
    /// copy of <paramref name="count"/> NHWC images (the data set is never modified); <paramref name="random"/> is the fit's
    /// seeded generator, so an augmented run is reproducible.
    /// </summary>
    public delegate void Augmentation(System.Span<float> images, int count, SeededRandom random);
}
