using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    /// <summary>An output that shares memory with the input is rejected (it gave wrong results silently); adjacent buffers are fine.</summary>
    public class OverlapTests
    {
        private const int In = SameShapeTestNet.InputLength;
        private const int Out = SameShapeTestNet.OutputLength;

        private static SameShapeTestNet Create() =>
            new SameShapeTestNet(TestData.Parameters(new Random(5), ShapeInference.Analyze(SameShapeTestNet.Network)));

        [Theory]
        [InlineData(0)] // the same memory
        [InlineData(3)] // output a few floats after the input start
        [InlineData(-3)] // output a few floats before it
        public void SingleRunRejectsOverlap(int outputOffset)
        {
            var buffer = new float[In + 16];
            int inputStart = 8;
            var error = Assert.Throws<ArgumentException>(() =>
                Create().Run(buffer.AsSpan(inputStart, In), buffer.AsSpan(inputStart + outputOffset, Out)));
            Assert.Equal("output", error.ParamName);
            Assert.Contains("overlaps its input", error.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        public void BatchRunRejectsOverlap(int outputOffset)
        {
            const int Images = 3;
            var buffer = new float[Images * In + 16];
            var error = Assert.Throws<ArgumentException>(() =>
                Create().Run(buffer.AsMemory(0, Images * In), buffer.AsMemory(outputOffset, Images * Out), Images, 2));
            Assert.Equal("output", error.ParamName);
        }

        [Fact]
        public void AdjacentBuffersInOneArrayWork()
        {
            var random = new Random(6);
            float[] input = TestData.Uniform(random, In);
            var expected = new float[Out];
            SameShapeTestNet network = Create();
            network.Run(input, expected);

            var buffer = new float[In + Out];
            input.CopyTo(buffer, 0);
            network.Run(buffer.AsSpan(0, In), buffer.AsSpan(In, Out));
            Assert.True(buffer.AsSpan(In).SequenceEqual(expected));
        }
    }
}
