using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generator
{
    /// <summary>
    /// Layers with the same kind, shapes and options share one kernel class (their weights differ, their code does not):
    /// 150 identical Conv2D layers used to give a 6 MB file. The shared code still computes each layer with its own weights.
    /// </summary>
    public class SharedKernelTests
    {
        private static string Declaration(int layers)
        {
            var source = new StringBuilder("using ConvGen;\n[ConvNet(8, 8, 4)]\n");
            for (int i = 0; i < layers; i++)
            {
                source.Append("[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]\n");
            }

            return source.Append("[MaxPool2D(2)]\n[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]\npublic partial class Deep { }\n").ToString();
        }

        [Fact]
        public void IdenticalLayersShareOneKernelClass()
        {
            string code = GeneratorHarness.Run(Declaration(150)).Sources["Deep.g.cs"];
            int kernelClasses = Regex.Matches(code, @"private static class \w+Layer\b").Count;

            // One class for the first 149 layers on 8x8, one for the 150th with the max pool computed inside it (PoolFusion),
            // one for the convolution on 4x4.
            Assert.Equal(3, kernelClasses);
            Assert.Contains("// Also runs conv2d_1, conv2d_2,", code, StringComparison.Ordinal);
            Assert.Equal(149, Regex.Matches(code, @"\bConv2dLayer\.Run\(").Count);
            Assert.True(code.Length < 300_000, $"{code.Length:N0} characters for 150 identical layers");
        }

        [Fact]
        public void SharedKernelsComputeEachLayerWithItsOwnWeights()
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Declaration(5), GeneratorHarness.FactorySource(new[] { "Deep" }));
            NetworkSpec spec = loaded.Network("Deep", new float[ShapeInference.Analyze(SpecOf(loaded)).ParameterCount]).Spec;
            TestData.AssertMatchesInterpreter(spec, p => loaded.Network("Deep", p).Instance, seed: 21);
        }

        private static NetworkSpec SpecOf(LoadedAssembly loaded) =>
            (NetworkSpec)loaded.Assembly.GetType("Deep", throwOnError: true)!.GetProperty("Network")!.GetValue(null)!;
    }
}
