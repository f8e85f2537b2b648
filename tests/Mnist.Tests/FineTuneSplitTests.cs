using System;
using System.Linq;
using ConvGen.Data;

namespace Mnist.Tests;

public class FineTuneSplitTests
{
    /// <summary>Train: 1000 images, label i % 10, pixel 0 = index (to identify them); test: 100 images, label (i * 3) % 10.</summary>
    private static MnistDataset Data()
    {
        static MnistSet Set(int count, Func<int, int> label)
        {
            var images = new float[count * 784];
            for (int i = 0; i < count; i++)
            {
                images[i * 784] = i;
            }

            return new MnistSet(images, Enumerable.Range(0, count).Select(label).ToArray());
        }

        return new MnistDataset(Set(1000, i => i % 10), Set(100, i => (i * 3) % 10));
    }

    private static int[] Ids(MnistSet set) => Enumerable.Range(0, set.Count).Select(i => (int)set.Images[i * 784]).ToArray();

    [Fact]
    public void Pretraining_uses_every_image_of_digits_0_to_4()
    {
        FineTuneSplit split = FineTuneSplit.Create(Data(), perClass: 50, seed: 1);

        Assert.Equal(Enumerable.Range(0, 1000).Where(i => i % 10 <= 4), Ids(split.PretrainTrain));
        Assert.All(split.PretrainTrain.Labels, l => Assert.InRange(l, 0, 4));
        Assert.Equal(Enumerable.Range(0, 100).Where(i => (i * 3) % 10 <= 4), Ids(split.PretrainTest));
    }

    [Fact]
    public void Few_shot_set_has_50_distinct_training_images_of_each_digit_5_to_9()
    {
        FineTuneSplit split = FineTuneSplit.Create(Data(), perClass: 50, seed: 1);

        Assert.Equal(250, split.FewShotTrain.Count);
        int[] ids = Ids(split.FewShotTrain);
        Assert.Equal(250, ids.Distinct().Count());
        for (int digit = 5; digit <= 9; digit++)
        {
            Assert.Equal(50, split.FewShotTrain.Labels.Count(l => l == digit));
        }

        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Equal(ids[i] % 10, split.FewShotTrain.Labels[i]); // labels travel with their images
        }

        // 100 candidates per digit, 50 chosen: a random pick, not simply the first ones.
        Assert.NotEqual(Enumerable.Range(0, 1000).Where(i => i % 10 == 5).Take(50), ids.Take(50));
    }

    [Fact]
    public void Same_seed_same_selection_other_seed_another()
    {
        Assert.Equal(Ids(FineTuneSplit.Create(Data(), 50, seed: 3).FewShotTrain), Ids(FineTuneSplit.Create(Data(), 50, seed: 3).FewShotTrain));
        Assert.NotEqual(Ids(FineTuneSplit.Create(Data(), 50, seed: 3).FewShotTrain), Ids(FineTuneSplit.Create(Data(), 50, seed: 4).FewShotTrain));
    }

    [Fact]
    public void Few_shot_test_set_is_every_test_image_of_5_to_9()
    {
        FineTuneSplit split = FineTuneSplit.Create(Data(), perClass: 50, seed: 1);

        Assert.Equal(Enumerable.Range(0, 100).Where(i => (i * 3) % 10 >= 5), Ids(split.FewShotTest));
    }

    [Fact]
    public void Asking_for_more_images_than_a_digit_has_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => FineTuneSplit.Create(Data(), perClass: 101));

        Assert.Contains("has 100 images of 5, fewer than the 101 asked for", e.Message);
    }
}
