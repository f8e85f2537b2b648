using System;
using ConvGen.Data;

namespace Mnist;

/// <summary>What a network does on a labelled set: predictions, accuracy, mean cross-entropy and the confusion matrix.</summary>
public sealed class Evaluation
{
    private Evaluation(int[] labels, int[] predictions, double loss)
    {
        Labels = labels;
        Predictions = predictions;
        Loss = loss;
        Confusion = ConfusionMatrix.FromPredictions(labels, predictions, MnistSet.ClassCount);
        Accuracy = (double)Confusion.Correct / labels.Length;
    }

    /// <summary>The true class of each image.</summary>
    public int[] Labels { get; }

    /// <summary>The class with the highest probability for each image (the lower class on a tie).</summary>
    public int[] Predictions { get; }

    /// <summary>Fraction of images classified correctly.</summary>
    public double Accuracy { get; }

    /// <summary>Mean sparse categorical cross-entropy, -log(p[label]) with p clipped to [1e-7, 1 - 1e-7] as Keras does.</summary>
    public double Loss { get; }

    /// <summary>Counts per (true, predicted) class.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>Runs the whole set through <paramref name="net"/> with the batch Run (all cores) and scores it.</summary>
    public static Evaluation Run(LeNet5 net, MnistSet set)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(set);
        var probabilities = new float[set.Count * LeNet5.OutputLength];
        net.Run(set.Images, probabilities, set.Count);
        return FromProbabilities(set.Labels, probabilities);
    }

    /// <summary>Scores softmax outputs ([N, 10], row-major) against the labels.</summary>
    public static Evaluation FromProbabilities(int[] labels, ReadOnlySpan<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int classes = MnistSet.ClassCount;
        if (probabilities.Length != labels.Length * classes)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * classes} probabilities, got {probabilities.Length}.", nameof(probabilities));
        }

        var predictions = new int[labels.Length];
        double loss = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> row = probabilities.Slice(i * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                best = row[c] > row[best] ? c : best;
            }

            predictions[i] = best;
            loss -= Math.Log(Math.Clamp(row[labels[i]], 1e-7, 1 - 1e-7));
        }

        return new Evaluation(labels, predictions, labels.Length == 0 ? 0 : loss / labels.Length);
    }
}
