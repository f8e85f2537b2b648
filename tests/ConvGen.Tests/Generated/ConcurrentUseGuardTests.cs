using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using ConvGen.Reference;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    /// <summary>
    /// One instance used by two threads at once is reported (InvalidOperationException) instead of silently producing
    /// wrong outputs from shared scratch; every call that does return has the right output.
    /// </summary>
    public class ConcurrentUseGuardTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

        [Fact]
        public void TwoThreadsOnOneInstanceGetAnExceptionNotWrongOutputs()
        {
            var random = new Random(3);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(SlowTestNet.Network));
            // A different input per thread, so that scratch shared by mistake shows in the outputs.
            float[][] inputs = { TestData.Uniform(random, SlowTestNet.InputLength), TestData.Uniform(random, SlowTestNet.InputLength) };
            float[][] expected = { new float[SlowTestNet.OutputLength], new float[SlowTestNet.OutputLength] };
            new SlowTestNet(parameters).Run(inputs[0], expected[0]);
            new SlowTestNet(parameters).Run(inputs[1], expected[1]);

            var shared = new SlowTestNet(parameters);
            (int rejected, int wrong) = Hammer(thread =>
            {
                var output = new float[SlowTestNet.OutputLength];
                shared.Run(inputs[thread], output);
                return output.AsSpan().SequenceEqual(expected[thread]);
            });

            Assert.Equal(0, wrong);
            Assert.True(rejected > 0, "two threads ran one instance at once and no call was rejected");
        }

        [Fact]
        public void TwoThreadsOnOneInstanceBatchRunGetAnExceptionNotWrongOutputs()
        {
            const int Images = 4;
            var random = new Random(4);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(SlowTestNet.Network));
            float[][] inputs = { TestData.Uniform(random, Images * SlowTestNet.InputLength), TestData.Uniform(random, Images * SlowTestNet.InputLength) };
            float[][] expected = { new float[Images * SlowTestNet.OutputLength], new float[Images * SlowTestNet.OutputLength] };
            new SlowTestNet(parameters).Run(inputs[0], expected[0], Images, 1);
            new SlowTestNet(parameters).Run(inputs[1], expected[1], Images, 1);

            var shared = new SlowTestNet(parameters);
            (int rejected, int wrong) = Hammer(thread =>
            {
                var output = new float[Images * SlowTestNet.OutputLength];
                shared.Run(inputs[thread], output, Images, 2);
                return output.AsSpan().SequenceEqual(expected[thread]);
            });

            Assert.Equal(0, wrong);
            Assert.True(rejected > 0, "two threads ran batches on one instance at once and no call was rejected");
        }

        [Fact]
        public async Task SequentialUseFromManyThreadsIsFine()
        {
            var network = new SameShapeTestNet(new float[SameShapeTestNet.ParameterCount]);
            var input = new float[SameShapeTestNet.InputLength];
            var output = new float[SameShapeTestNet.OutputLength];
            for (int i = 0; i < 20; i++)
            {
                await Task.Run(() => network.Run(input, output));
            }

            Assert.All(output, value => Assert.Equal(0f, value));
        }

        /// <summary>
        /// Runs <paramref name="call"/> on two threads at once, in loops, until one call was rejected (or the patience
        /// runs out); <paramref name="call"/> gets the thread's index (0 or 1). Returns the rejections and the calls that returned a wrong output.
        /// </summary>
        private static (int Rejected, int Wrong) Hammer(Func<int, bool> call)
        {
            int rejected = 0, wrong = 0;
            var clock = Stopwatch.StartNew();
            using var start = new Barrier(2);
            void Loop(int thread)
            {
                start.SignalAndWait();
                while (Volatile.Read(ref rejected) == 0 && clock.Elapsed < Patience)
                {
                    try
                    {
                        if (!call(thread))
                        {
                            Interlocked.Increment(ref wrong);
                        }
                    }
                    catch (InvalidOperationException ex)
                    {
                        Assert.Contains("one instance per thread", ex.Message);
                        Interlocked.Increment(ref rejected);
                    }
                }
            }

            var other = new Thread(() => Loop(1));
            other.Start();
            Loop(0);
            other.Join();
            return (rejected, wrong);
        }
    }
}
