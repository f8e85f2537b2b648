using System.Collections.Generic;

namespace ConvGen.Data
{
    /// <summary>One file of the MNIST data set and its exact size in bytes (the uncompressed IDX file).</summary>
    public sealed record MnistFile(string Name, long Length)
    {
        /// <summary>Training images, [60000, 28, 28].</summary>
        public static MnistFile TrainImages { get; } = new("train-images-idx3-ubyte", 47_040_016);

        /// <summary>Training labels, [60000].</summary>
        public static MnistFile TrainLabels { get; } = new("train-labels-idx1-ubyte", 60_008);

        /// <summary>Test images, [10000, 28, 28].</summary>
        public static MnistFile TestImages { get; } = new("t10k-images-idx3-ubyte", 7_840_016);

        /// <summary>Test labels, [10000].</summary>
        public static MnistFile TestLabels { get; } = new("t10k-labels-idx1-ubyte", 10_008);

        /// <summary>The four files, in the order train images, train labels, test images, test labels.</summary>
        public static IReadOnlyList<MnistFile> Standard { get; } = new[] { TrainImages, TrainLabels, TestImages, TestLabels };
    }
}
