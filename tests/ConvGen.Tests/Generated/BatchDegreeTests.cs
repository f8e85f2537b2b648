using System;
using System.Threading;

namespace ConvGen.Tests.Generated
{
    /// <summary>
    /// The batch runner never uses more threads than processors (int.MaxValue used to create one network instance per
    /// image and keep them), and treats zero or a negative degree as one thread per processor.
    /// </summary>
    public class BatchDegreeTests
    {
        [Theory]
        [InlineData(int.MaxValue, 2000)]
        [InlineData(1000, 2000)]
        [InlineData(0, 2000)]
        [InlineData(-5, 2000)]
        public void WorkerInstancesAreCappedAtTheProcessorCount(int degree, int images)
        {
            int created = 0;
            var owner = new CountingNet();
            var runner = new BatchRunner(owner, () =>
            {
                Interlocked.Increment(ref created);
                return new CountingNet();
            });

            runner.Run(new float[images], new float[images], images, degree);

            Assert.True(created <= Environment.ProcessorCount - 1, $"{created} worker instances for {Environment.ProcessorCount} processors");
            Assert.Equal(created + 1, runner.InstanceCount);
        }

        [Theory]
        [InlineData(int.MaxValue, 100)]
        [InlineData(0, 100)]
        [InlineData(-1, 100)]
        [InlineData(3, 1)]
        [InlineData(1, 100)]
        public void EffectiveDegreeIsBetweenOneAndTheProcessorCount(int requested, int images)
        {
            int degree = BatchRunner.EffectiveDegree(requested, images);
            int expected = requested == 1 || images == 1 ? 1 : Environment.ProcessorCount;
            Assert.Equal(expected, degree);
        }

        /// <summary>Copies its one input float to its one output float plus one.</summary>
        private sealed class CountingNet : IConvNet
        {
            public NetworkSpec Specification => throw new NotSupportedException();

            public int InputLength => 1;

            public int OutputLength => 1;

            public void Run(ReadOnlySpan<float> input, Span<float> output) => output[0] = input[0] + 1;
        }
    }
}
