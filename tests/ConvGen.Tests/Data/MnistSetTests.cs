using System;
using System.IO;
using ConvGen.Data;
using static ConvGen.Tests.Data.IdxFiles;

namespace ConvGen.Tests.Data
{
    public class MnistSetTests
    {
        [Fact]
        public void Pixels_become_bytes_over_255_in_NHWC_order_and_labels_ints()
        {
            // Image n, pixel p (row p / 28, column p % 28) = (n * 100 + p) % 256.
            byte[] images = Images(2, (n, p) => (byte)(((n * 100) + p) % 256));
            MnistSet set = MnistSet.FromIdx(IdxReader.Read(new MemoryStream(images), "images"), IdxReader.Read(new MemoryStream(Labels(3, 9)), "labels"));

            Assert.Equal(2, set.Count);
            Assert.Equal(new[] { 3, 9 }, set.Labels);
            Assert.Equal(2 * 784, set.Images.Length);
            Assert.Equal(0f, set.Images[0]);
            Assert.Equal(255f / 255f, set.Images[255]);
            Assert.Equal(1f / 255f, set.Images[257]); // 257 % 256
            Assert.Equal(100f / 255f, set.Images[784]); // image 1, row 0, column 0
            Assert.Equal(((100 + (27 * 28) + 5) % 256) / 255f, set.Image(1)[(27 * 28) + 5]); // image 1, row 27, column 5
        }

        [Fact]
        public void Counts_must_agree_and_both_files_are_named()
        {
            var images = IdxReader.Read(new MemoryStream(Images(3, (_, _) => 0)), "train-images");
            var labels = IdxReader.Read(new MemoryStream(Labels(1, 2)), "train-labels");

            IdxFormatException e = Assert.Throws<IdxFormatException>(() => MnistSet.FromIdx(images, labels));

            Assert.Equal("train-labels: holds 2 labels but train-images holds 3 images; the counts must agree.", e.Message);
        }

        [Fact]
        public void Labels_above_nine_are_refused()
        {
            var images = IdxReader.Read(new MemoryStream(Images(2, (_, _) => 0)), "images");
            var labels = IdxReader.Read(new MemoryStream(Labels(1, 10)), "labels");

            IdxFormatException e = Assert.Throws<IdxFormatException>(() => MnistSet.FromIdx(images, labels));

            Assert.Equal("labels: label 1 is 10, expected 0..9.", e.Message);
        }

        [Fact]
        public void Images_must_be_28_by_28()
        {
            var images = IdxReader.Read(new MemoryStream(Build(8, new[] { 1, 32, 32 }, new byte[1024])), "cifar");
            var labels = IdxReader.Read(new MemoryStream(Labels(1)), "labels");

            IdxFormatException e = Assert.Throws<IdxFormatException>(() => MnistSet.FromIdx(images, labels));

            Assert.Equal("cifar: expected images of shape [N, 28, 28], got [1, 32, 32].", e.Message);
        }

        [Fact]
        public void Load_checks_the_rank_of_each_file()
        {
            using var folder = new TempFolder();
            string labels = Write(folder.Path, "labels", Labels(1));

            // The files swapped: the labels file where the images belong.
            IdxFormatException e = Assert.Throws<IdxFormatException>(() => MnistSet.Load(labels, labels));

            Assert.Contains("expected 3 dimension(s), the header declares 1", e.Message);
        }

        [Fact]
        public void Subset_copies_the_chosen_images_in_order()
        {
            var set = new MnistSet(new float[3 * 784], new[] { 4, 5, 6 });
            set.Images[2 * 784] = 0.5f;

            MnistSet subset = set.Subset(new[] { 2, 0 });

            Assert.Equal(new[] { 6, 4 }, subset.Labels);
            Assert.Equal(0.5f, subset.Images[0]);
            Assert.Throws<ArgumentOutOfRangeException>(() => set.Subset(new[] { 3 }));
        }

        [Fact]
        public void Constructor_checks_lengths_and_labels()
        {
            Assert.Contains("2 labels need 1568 image floats", Assert.Throws<ArgumentException>(() => new MnistSet(new float[784], new int[2])).Message);
            Assert.Contains("label 0 is -1", Assert.Throws<ArgumentException>(() => new MnistSet(new float[784], new[] { -1 })).Message);
        }

        [Fact]
        public void Dataset_loads_the_four_files_from_a_folder_plain_or_gzipped()
        {
            using var folder = new TempFolder();
            Write(folder.Path, "train-images-idx3-ubyte", Images(2, (n, _) => (byte)(n + 1)));
            Write(folder.Path, "train-labels-idx1-ubyte", Labels(7, 8));
            Write(folder.Path, "t10k-images-idx3-ubyte", Images(1, (_, _) => 255));
            using (var gzip = new System.IO.Compression.GZipStream(File.Create(Path.Combine(folder.Path, "t10k-labels-idx1-ubyte.gz")), System.IO.Compression.CompressionLevel.Fastest))
            {
                gzip.Write(Labels(1));
            }

            MnistDataset data = MnistDataset.Load(folder.Path);

            Assert.Equal(new[] { 7, 8 }, data.Train.Labels);
            Assert.Equal(2f / 255f, data.Train.Images[784]);
            Assert.Equal(new[] { 1 }, data.Test.Labels);
            Assert.Equal(1f, data.Test.Images[783]);
        }

        [Fact]
        public void Dataset_names_a_missing_file()
        {
            using var folder = new TempFolder();
            Write(folder.Path, "train-images-idx3-ubyte", Images(1, (_, _) => 0));

            FileNotFoundException e = Assert.Throws<FileNotFoundException>(() => MnistDataset.Load(folder.Path));

            Assert.Contains("has no train-labels-idx1-ubyte (nor train-labels-idx1-ubyte.gz)", e.Message);
            Assert.Throws<DirectoryNotFoundException>(() => MnistDataset.Load(Path.Combine(folder.Path, "nothing")));
        }
    }
}
