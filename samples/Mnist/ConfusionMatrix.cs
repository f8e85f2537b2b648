using System;

namespace Mnist;

/// <summary>Counts of (true class, predicted class) pairs; rows are true classes, columns predictions.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    private ConfusionMatrix(int[,] counts) => _counts = counts;

    /// <summary>The number of classes (rows and columns).</summary>
    public int Classes => _counts.GetLength(0);

    /// <summary>How many images of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>The diagonal sum: correctly classified images.</summary>
    public int Correct
    {
        get
        {
            int sum = 0;
            for (int i = 0; i < Classes; i++)
            {
                sum += _counts[i, i];
            }

            return sum;
        }
    }

    /// <summary>Counts the pairs; every label and prediction must be in 0..classes-1.</summary>
    public static ConfusionMatrix FromPredictions(ReadOnlySpan<int> labels, ReadOnlySpan<int> predictions, int classes)
    {
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException($"{labels.Length} labels but {predictions.Length} predictions.", nameof(predictions));
        }

        var counts = new int[classes, classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes || (uint)predictions[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"pair {i} is ({labels[i]}, {predictions[i]}), expected classes 0..{classes - 1}.");
            }

            counts[labels[i], predictions[i]]++;
        }

        return new ConfusionMatrix(counts);
    }
}
