using System;
using ConvGen.Data;
using ConvGen.Reference;

namespace Mnist.Tests;

public class EvaluationTests
{
    [Fact]
    public void Scores_hand_made_probabilities()
    {
        var probabilities = new float[3 * 10];
        probabilities[(0 * 10) + 3] = 0.5f; probabilities[(0 * 10) + 1] = 0.5f; // tie: the lower class (1)
        probabilities[(1 * 10) + 7] = 0.8f; probabilities[(1 * 10) + 2] = 0.2f;
        probabilities[(2 * 10) + 0] = 1f;

        Evaluation e = Evaluation.FromProbabilities(new[] { 1, 2, 0 }, probabilities);

        Assert.Equal(new[] { 1, 7, 0 }, e.Predictions);
        Assert.Equal(2.0 / 3.0, e.Accuracy, 12);
        // -(log 0.5 + log 0.2 + log(1 - 1e-7)) / 3
        Assert.Equal(-(Math.Log(0.5) + Math.Log(0.2f) + Math.Log(1 - 1e-7)) / 3, e.Loss, 6);
        Assert.Equal(1, e.Confusion[2, 7]);
        Assert.Equal(1, e.Confusion[1, 1]);
        Assert.Equal(2, e.Confusion.Correct);
    }

    [Fact]
    public void Batch_evaluation_matches_the_reference_interpreter_with_random_weights()
    {
        float[] parameters = new float[LeNet5.ParameterCount];
        var random = new Random(5);
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (float)(random.NextDouble() - 0.5) * 0.3f;
        }

        const int Count = 20;
        var images = new float[Count * 784];
        var labels = new int[Count];
        for (int i = 0; i < images.Length; i++)
        {
            images[i] = (float)random.NextDouble();
        }

        for (int i = 0; i < Count; i++)
        {
            labels[i] = i % 10;
        }

        Evaluation e = Evaluation.Run(new LeNet5(parameters), new MnistSet(images, labels));

        var interpreter = new ReferenceInterpreter(LeNet5.Network, parameters);
        int correct = 0;
        for (int i = 0; i < Count; i++)
        {
            float[] p = interpreter.Run(images.AsSpan(i * 784, 784));
            int best = Array.IndexOf(p, Max(p));
            Assert.Equal(best, e.Predictions[i]);
            correct += best == labels[i] ? 1 : 0;
        }

        Assert.Equal(correct / (double)Count, e.Accuracy, 12);
    }

    private static float Max(float[] values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    [Fact]
    public void Confusion_matrix_checks_its_input()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions(new[] { 1 }, new[] { 1, 2 }, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.FromPredictions(new[] { 10 }, new[] { 1 }, 10));
    }
}
