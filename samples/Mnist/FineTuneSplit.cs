using System;
using System.Collections.Generic;
using ConvGen.Data;

namespace Mnist;

/// <summary>
/// The fine-tuning experiment's data: pre-train on the digits 0-4, then teach the network 5-9 from only
/// <c>perClass</c> labelled images each, and measure it on every 5-9 test image.
/// </summary>
public sealed class FineTuneSplit
{
    private FineTuneSplit(MnistSet pretrainTrain, MnistSet pretrainTest, MnistSet fewShotTrain, MnistSet fewShotTest)
    {
        PretrainTrain = pretrainTrain;
        PretrainTest = pretrainTest;
        FewShotTrain = fewShotTrain;
        FewShotTest = fewShotTest;
    }

    /// <summary>Every training image of the digits 0-4, in data set order.</summary>
    public MnistSet PretrainTrain { get; }

    /// <summary>Every test image of the digits 0-4.</summary>
    public MnistSet PretrainTest { get; }

    /// <summary><c>perClass</c> training images of each digit 5-9, chosen at random (seeded), grouped by digit.</summary>
    public MnistSet FewShotTrain { get; }

    /// <summary>Every test image of the digits 5-9.</summary>
    public MnistSet FewShotTest { get; }

    /// <summary>Splits <paramref name="data"/>; the same seed gives the same few-shot images.</summary>
    public static FineTuneSplit Create(MnistDataset data, int perClass = 50, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        var fewShot = new List<int>();
        var random = new Random(seed);
        for (int digit = 5; digit <= 9; digit++)
        {
            int[] candidates = Where(data.Train, label => label == digit).ToArray();
            if (candidates.Length < perClass)
            {
                throw new ArgumentException($"the training set has {candidates.Length} images of {digit}, fewer than the {perClass} asked for.", nameof(perClass));
            }

            random.Shuffle(candidates);
            int[] chosen = candidates[..perClass];
            Array.Sort(chosen);
            fewShot.AddRange(chosen);
        }

        return new FineTuneSplit(
            data.Train.Subset(Where(data.Train, label => label <= 4)),
            data.Test.Subset(Where(data.Test, label => label <= 4)),
            data.Train.Subset(fewShot),
            data.Test.Subset(Where(data.Test, label => label >= 5)));
    }

    private static List<int> Where(MnistSet set, Func<int, bool> keep)
    {
        var indices = new List<int>();
        for (int i = 0; i < set.Count; i++)
        {
            if (keep(set.Labels[i]))
            {
                indices.Add(i);
            }
        }

        return indices;
    }
}
