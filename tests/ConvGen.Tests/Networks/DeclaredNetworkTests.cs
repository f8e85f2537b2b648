using System;
using ConvGen.Reference;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Networks
{
    /// <summary>The networks declared in this project: shapes, agreement with the interpreter, no allocation, size errors.</summary>
    public class DeclaredNetworkTests
    {
        [Fact]
        public void SeedNetworkHasThePrimersShapesAndMatchesTheInterpreter()
        {
            Assert.Equal((28, 28, 3, 2352), (SeedNet.InputHeight, SeedNet.InputWidth, SeedNet.InputChannels, SeedNet.InputLength));
            Assert.Equal((14, 14, 16), (SeedNet.OutputHeight, SeedNet.OutputWidth, SeedNet.OutputChannels));
            Assert.Equal(3136, SeedNet.OutputLength);
            Assert.Equal(3 * 3 * 3 * 16 + 16, SeedNet.ParameterCount);

            var random = new Random(7);
            float[] parameters = TestData.Uniform(random, SeedNet.ParameterCount, 0.3f);
            float[] input = TestData.Uniform(random, SeedNet.InputLength);
            var output = new float[SeedNet.OutputLength];
            new SeedNet(parameters).Run(input, output);

            float[] expected = new ReferenceInterpreter(SeedNet.Network, parameters).Run(input);
            TestData.AssertClose(expected, output, 1e-4, SeedNet.Network.ToString());
            Assert.Contains(output, v => v > 0); // ReLU did not zero everything: the comparison is not vacuous
        }

        [Fact]
        public void LeNetAndOddNetMatchTheInterpreter()
        {
            var random = new Random(11);
            float[] p1 = TestData.Parameters(random, ShapeInference.Analyze(LeNet5.Network));
            float[] x1 = TestData.Uniform(random, LeNet5.InputLength);
            var y1 = new float[LeNet5.OutputLength];
            new LeNet5(p1).Run(x1, y1);
            TestData.AssertClose(new ReferenceInterpreter(LeNet5.Network, p1).Run(x1), y1, 1e-4, LeNet5.Network.ToString());
            Assert.Equal(1.0, Sum(y1), 1e-5); // softmax head

            float[] p2 = TestData.Parameters(random, ShapeInference.Analyze(OddNet.Network));
            float[] x2 = TestData.Uniform(random, OddNet.InputLength);
            var y2 = new float[OddNet.OutputLength];
            new OddNet(p2).Run(x2, y2);
            TestData.AssertClose(new ReferenceInterpreter(OddNet.Network, p2).Run(x2), y2, 1e-4, OddNet.Network.ToString());
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            AssertNoAllocation(new SeedNet(new float[SeedNet.ParameterCount]), SeedNet.InputLength, SeedNet.OutputLength);
            AssertNoAllocation(new LeNet5(new float[LeNet5.ParameterCount]), LeNet5.InputLength, LeNet5.OutputLength);
            AssertNoAllocation(new OddNet(new float[OddNet.ParameterCount]), OddNet.InputLength, OddNet.OutputLength);
        }

        private static void AssertNoAllocation(IConvNet net, int inputLength, int outputLength)
        {
            var input = TestData.Uniform(new Random(3), inputLength);
            var output = new float[outputLength];
            Allocation.AssertNone(() => net.Run(input, output), net.GetType().Name + ".Run");
        }

        [Fact]
        public void WrongLengthsThrowWithExpectedAndActualSizes()
        {
            var ex = Assert.Throws<ArgumentException>(() => new SeedNet(new float[447]));
            Assert.Equal("parameters", ex.ParamName);
            Assert.Contains("448", ex.Message);
            Assert.Contains("447", ex.Message);

            var net = new SeedNet(new float[SeedNet.ParameterCount]);
            ex = Assert.Throws<ArgumentException>(() => net.Run(new float[2351], new float[SeedNet.OutputLength]));
            Assert.Equal("input", ex.ParamName);
            Assert.Contains("2352", ex.Message);
            Assert.Contains("2351", ex.Message);
            Assert.Contains("[28, 28, 3]", ex.Message);

            ex = Assert.Throws<ArgumentException>(() => net.Run(new float[SeedNet.InputLength], new float[3137]));
            Assert.Equal("output", ex.ParamName);
            Assert.Contains("3136", ex.Message);
            Assert.Contains("3137", ex.Message);
        }

        private static double Sum(float[] values)
        {
            double sum = 0;
            foreach (float v in values)
            {
                sum += v;
            }

            return sum;
        }
    }
}
