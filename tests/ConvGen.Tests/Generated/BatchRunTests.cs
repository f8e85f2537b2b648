using System;
using ConvGen.Reference;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    /// <summary>A small network compiled by the generator into this test project, for the batch overload of Run.</summary>
    [ConvNet(9, 7, 3)]
    [Conv2D(5, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
    [MaxPool2D(2)]
    [Conv2D(18, 2, Activation = Activation.LeakyReLU)]
    [Flatten]
    [Dense(6, Activation = Activation.Softmax)]
    public partial class BatchTestNet
    {
    }

    /// <summary>
    /// The batch Run ([N, H, W, C] in, [N, ...] out, images spread over threads) computes exactly what running the
    /// images one by one computes, on any number of threads, and checks its buffer lengths.
    /// </summary>
    public class BatchRunTests
    {
        private const int Images = 13;

        private static (BatchTestNet Network, float[] Parameters, float[] Input) Create(int seed)
        {
            var random = new Random(seed);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(BatchTestNet.Network));
            float[] input = TestData.Uniform(random, Images * BatchTestNet.InputLength);
            return (new BatchTestNet(parameters), parameters, input);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(0)] // one thread per processor
        [InlineData(64)] // more threads than images
        public void BatchEqualsSingleRuns(int threads)
        {
            (BatchTestNet network, _, float[] input) = Create(seed: 40 + threads);
            var batch = new float[Images * BatchTestNet.OutputLength];
            network.Run(input, batch, Images, threads);

            var single = new float[BatchTestNet.OutputLength];
            for (int i = 0; i < Images; i++)
            {
                network.Run(input.AsSpan(i * BatchTestNet.InputLength, BatchTestNet.InputLength), single);
                float[] fromBatch = batch.AsSpan(i * BatchTestNet.OutputLength, BatchTestNet.OutputLength).ToArray();
                Assert.True(single.AsSpan().SequenceEqual(fromBatch), $"image {i} of the batch ({threads} threads) differs from its single run");
            }
        }

        [Fact]
        public void BatchMatchesTheInterpreterAcrossRepeatedCallsWithDifferentThreadCounts()
        {
            (BatchTestNet network, float[] parameters, float[] input) = Create(seed: 7);
            var interpreter = new ReferenceInterpreter(BatchTestNet.Network, parameters);
            var output = new float[Images * BatchTestNet.OutputLength];
            foreach (int threads in new[] { 2, 1, 3, 2 })
            {
                Array.Fill(output, float.NaN);
                network.Run(input, output, Images, threads);
                for (int i = 0; i < Images; i++)
                {
                    float[] expected = interpreter.Run(input.AsSpan(i * BatchTestNet.InputLength, BatchTestNet.InputLength));
                    float[] actual = output.AsSpan(i * BatchTestNet.OutputLength, BatchTestNet.OutputLength).ToArray();
                    TestData.AssertClose(expected, actual, 1e-4, $"image {i}, {threads} threads");
                }
            }
        }

        [Fact]
        public void EmptyBatchIsAccepted()
        {
            (BatchTestNet network, _, _) = Create(seed: 1);
            Exception? error = Record.Exception(() => network.Run(ReadOnlyMemory<float>.Empty, Memory<float>.Empty, 0, 2));
            Assert.Null(error);
        }

        [Fact]
        public void WrongLengthsAndNegativeBatchThrow()
        {
            (BatchTestNet network, _, float[] input) = Create(seed: 2);
            var output = new float[Images * BatchTestNet.OutputLength];

            var badInput = Assert.Throws<ArgumentException>(() => network.Run(input.AsMemory(1), output, Images, 2));
            Assert.Equal("input", badInput.ParamName);
            Assert.Contains((Images * BatchTestNet.InputLength).ToString(System.Globalization.CultureInfo.InvariantCulture), badInput.Message);
            Assert.Contains((Images * BatchTestNet.InputLength - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), badInput.Message);

            var badOutput = Assert.Throws<ArgumentException>(() => network.Run(input, output.AsMemory(0, 5), Images, 2));
            Assert.Equal("output", badOutput.ParamName);
            Assert.Contains((Images * BatchTestNet.OutputLength).ToString(System.Globalization.CultureInfo.InvariantCulture), badOutput.Message);
            Assert.Contains("got 5", badOutput.Message);

            Assert.Throws<ArgumentOutOfRangeException>(() => network.Run(input, output, -1, 2));
        }
    }
}
