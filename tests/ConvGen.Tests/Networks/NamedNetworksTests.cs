using System;
using System.Linq;
using System.Reflection;
using ConvGen.Reference;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Networks
{
    /// <summary>
    /// The three networks the issue names, compiled by the generator as part of this test project: they match the
    /// interpreter, allocate nothing per Run, and their ScratchLength constant is what the constructor really allocates.
    /// </summary>
    public class NamedNetworksTests
    {
        private static IConvNet Create(string name, float[] parameters) => name switch
        {
            nameof(MobileNetStyle) => new MobileNetStyle(parameters),
            nameof(ResNetStyle) => new ResNetStyle(parameters),
            nameof(SmallUNet) => new SmallUNet(parameters),
            _ => throw new ArgumentException(name),
        };

        private static Type TypeOf(string name) => typeof(NamedNetworksTests).Assembly.GetType("ConvGen.Tests.Networks." + name, throwOnError: true)!;

        private static int Const(string name, string constant) => (int)TypeOf(name).GetField(constant)!.GetValue(null)!;

        [Theory]
        [InlineData(nameof(MobileNetStyle), new[] { 10 })]
        [InlineData(nameof(ResNetStyle), new[] { 10 })]
        [InlineData(nameof(SmallUNet), new[] { 64, 64, 1 })]
        public void MatchesTheInterpreter(string name, int[] outputShape)
        {
            var random = new Random(name.Length * 7919);
            NetworkSpec spec = Create(name, new float[Const(name, "ParameterCount")]).Specification;
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            Assert.False(analysis.HasErrors);
            TensorShape output = analysis.OutputShape;
            Assert.Equal(outputShape, output.Rank == 1 ? new[] { output.Channels } : new[] { output.Height, output.Width, output.Channels });

            for (int trial = 0; trial < 2; trial++)
            {
                float[] parameters = TestData.Parameters(random, analysis);
                float[] input = TestData.Uniform(random, (int)analysis.InputShape.Length);
                IConvNet network = Create(name, parameters);
                var actual = new float[network.OutputLength];
                network.Run(input, actual);
                float[] expected = new ReferenceInterpreter(spec, parameters).Run(input);
                TestData.AssertClose(expected, actual, 1e-4, $"{name}, trial {trial}:\n{spec}");
            }
        }

        [Theory]
        [InlineData(nameof(MobileNetStyle))]
        [InlineData(nameof(ResNetStyle))]
        [InlineData(nameof(SmallUNet))]
        public void RunAllocatesNothing(string name)
        {
            var random = new Random(5);
            IConvNet network = Create(name, TestData.Uniform(random, Const(name, "ParameterCount"), 0.1f));
            float[] input = TestData.Uniform(random, network.InputLength);
            var output = new float[network.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output), name + ".Run");
        }

        [Theory]
        [InlineData(nameof(MobileNetStyle))]
        [InlineData(nameof(ResNetStyle))]
        [InlineData(nameof(SmallUNet))]
        public void ScratchLengthIsWhatTheConstructorAllocates(string name)
        {
            int scratch = Const(name, "ScratchLength"), packed = Const(name, "PackedWeightLength");
            var parameters = new float[Const(name, "ParameterCount")];
            Create(name, parameters); // warm-up: JIT and type initialization allocate too

            long before = GC.GetAllocatedBytesForCurrentThread();
            IConvNet network = Create(name, parameters);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // Exactly two float arrays: the packed weights (with 15 floats to spare, to start them on a 64-byte boundary) and
            // the scratch, plus an object header and two array headers.
            long payload = 4L * (scratch + packed + 15);
            Assert.InRange(allocated, payload, payload + 128);
            var field = (float[])TypeOf(name).GetField("_scratch", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(network)!;
            Assert.Equal(scratch, field.Length);

            // Liveness reuse: less scratch than one buffer per intermediate tensor, at least the largest intermediate tensor.
            NetworkAnalysis analysis = ShapeInference.Analyze(network.Specification);
            long[] intermediate = analysis.Layers.Take(analysis.Layers.Count - 1).Select(l => l.OutputShape.Length).ToArray();
            Assert.InRange(scratch, intermediate.Max(), intermediate.Sum() - 1);
        }

        [Fact]
        public void UNetKeepsSkipTensorsAliveAcrossTheDecoder()
        {
            // At concatenate_1, up1 [64, 64, 16] and encoder1 [64, 64, 8] (written at layer 2, read only here) are read while
            // its [64, 64, 24] output is written: all three must sit in scratch at once, 64 * 64 * 48 floats. After the tensors'
            // slots comes the workspace of its Winograd F(4x4) layers (32 -> 32 channels the largest): 36 transform points x
            // 36 tiles x (32 + 32) channels.
            Assert.InRange(SmallUNet.ScratchLength - (36 * 36 * 64), 64 * 64 * 48, 64 * 64 * 64);
        }
    }
}
