namespace ConvGen.Tests.Data
{
    /// <summary>
    /// Tests that read or set CONVGEN_CACHE (the default cache folder) run one after another: one of them changes the
    /// variable for the whole process for a moment.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class MnistCacheCollection
    {
        public const string Name = "MNIST cache environment";
    }
}
