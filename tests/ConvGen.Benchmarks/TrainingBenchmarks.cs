using System;
using BenchmarkDotNet.Attributes;
using ConvGen.Training;

namespace ConvGen.Benchmarks.Training
{
    /// <summary>LeNet-5 as samples/Mnist trains it (N2's layers with Training = true).</summary>
    [ConvNet(28, 28, 1, Training = true)]
    [Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
    [AvgPool2D(2)]
    [Conv2D(16, 5, Activation = Activation.ReLU)]
    [AvgPool2D(2)]
    [Flatten]
    [Dense(120, Activation = Activation.ReLU)]
    [Dense(84, Activation = Activation.ReLU)]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class TrainedLeNet5
    {
    }

    /// <summary>
    /// One training step (forward, backward, SGD update) of LeNet-5 on a batch of 64 random 28x28 images, on 1 and 2
    /// threads: images per second = 64 / time. Run with <c>-- --training</c>.
    /// </summary>
    public class TrainingBenchmarks
    {
        public const int BatchSize = 64;
        private TrainedLeNet5.Trainer _trainer = null!;
        private float[] _images = null!;
        private int[] _labels = null!;
        private readonly Sgd _sgd = new Sgd(0.01f);

        [Params(1, 2)]
        public int Threads { get; set; } = 2;

        [GlobalSetup]
        public void Setup()
        {
            _trainer = new TrainedLeNet5.Trainer(Initializers.Keras(TrainedLeNet5.Network, 1), BatchSize) { MaxDegreeOfParallelism = Threads };
            var random = new Random(3);
            _images = new float[BatchSize * TrainedLeNet5.InputLength];
            for (int i = 0; i < _images.Length; i++)
            {
                _images[i] = (float)random.NextDouble();
            }

            _labels = new int[BatchSize];
            for (int i = 0; i < BatchSize; i++)
            {
                _labels[i] = random.Next(10);
            }
        }

        [Benchmark]
        public float LeNet5TrainStep64() => _trainer.TrainStep(_images, _labels, Loss.SparseCategoricalCrossentropy, _sgd);
    }
}
