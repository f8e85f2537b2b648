using System;
using BenchmarkDotNet.Attributes;
using ConvGen.Benchmarks.Nets;
using ConvGen.Training;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// Training throughput of N2 (LeNet-5): one TrainStep (forward, backward, Adam update) on a batch of 64 MNIST-sized
    /// images with sparse categorical cross-entropy, on 1 and on 2 threads. Images/s = 64 / time. The PyTorch peer is
    /// pytorch/train_lenet5.py (same network, Adam, batch 64), run beside this on the same machine.
    /// </summary>
    public class TrainingBenchmarks
    {
        public const int BatchSize = 64;
        private N2LeNet5.Trainer _trainer = null!;
        private float[] _images = null!;
        private int[] _labels = null!;
        private Adam _adam = null!;

        [Params(1, 2)]
        public int Threads { get; set; } = 1;

        /// <summary>Multiply-adds of one training step: forward, input gradients (not for the first layer) and weight gradients.</summary>
        public static long StepFlops
        {
            get
            {
                NetworkAnalysis analysis = ShapeInference.Analyze(N2LeNet5.Network);
                long forward = 0, first = analysis.Layers[0].MultiplyAdds;
                foreach (LayerAnalysis layer in analysis.Layers)
                {
                    forward += layer.MultiplyAdds;
                }

                return 2L * BatchSize * (forward + (forward - first) + forward);
            }
        }

        [GlobalSetup]
        public void Setup()
        {
            _trainer = new N2LeNet5.Trainer(Initializers.Keras(N2LeNet5.Network, 1), BatchSize) { MaxDegreeOfParallelism = Threads };
            var random = new Random(3);
            _images = new float[BatchSize * N2LeNet5.InputLength];
            for (int i = 0; i < _images.Length; i++)
            {
                _images[i] = (float)random.NextDouble();
            }

            _labels = new int[BatchSize];
            for (int i = 0; i < BatchSize; i++)
            {
                _labels[i] = random.Next(10);
            }

            _adam = new Adam(1e-4f);
            _trainer.TrainStep(_images, _labels, Loss.SparseCategoricalCrossentropy, _adam);
        }

        [Benchmark]
        public float N2TrainStep64() => _trainer.TrainStep(_images, _labels, Loss.SparseCategoricalCrossentropy, _adam);
    }
}
