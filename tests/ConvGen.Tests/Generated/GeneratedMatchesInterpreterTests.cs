using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConvGen.Reference;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    /// <summary>
    /// The core promise: generated code computes what the reference interpreter computes, on hundreds of random
    /// networks (odd sizes, 1x1 inputs, channel counts on and off multiples of 4, rectangular kernels, strides 1-3,
    /// dilation 1-2, both paddings, every activation, pools and dense heads). Networks are batched 50 to a compilation.
    /// </summary>
    public class GeneratedMatchesInterpreterTests
    {
        public const int Batches = 6;
        public const int NetworksPerBatch = 50;

        public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(i => new object[] { i });

        [Theory]
        [MemberData(nameof(BatchIndices))]
        public void RandomNetworksMatchTheInterpreter(int batch)
        {
            var random = new Random(1000 + batch);
            var specs = new List<(string Name, NetworkSpec Spec, string Source)>();
            var source = new StringBuilder("using ConvGen;\nnamespace RandomNets\n{\n");
            for (int i = 0; i < NetworksPerBatch; i++)
            {
                NetworkSpec spec = RandomNetworks.Draw(random);
                string name = $"Net{batch}_{i}";
                string declaration = RandomNetworks.ToSource(spec, name, random);
                specs.Add(($"RandomNets.{name}", spec, declaration));
                source.Append(declaration).Append('\n');
            }

            source.Append("}\n");
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(source.ToString(), GeneratorHarness.FactorySource(specs.Select(s => s.Name)));
            foreach ((string name, NetworkSpec spec, string declaration) in specs)
            {
                string context = $"Network {name} (batch seed {1000 + batch}):\n{declaration}";
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                float[] parameters = TestData.Parameters(random, analysis);
                float[] input = TestData.Uniform(random, (int)analysis.InputShape.Length);
                GeneratedNetwork generated = loaded.Network(name, parameters);

                Assert.True(spec.Equals(generated.Spec), $"the generated Network description differs from the declaration\n{generated.Spec}\n{context}");
                Assert.Equal((int)analysis.OutputShape.Length, generated.Const("OutputLength"));
                Assert.Equal(analysis.ParameterCount, generated.Const("ParameterCount"));

                float[] expected = new ReferenceInterpreter(spec, parameters).Run(input);
                float[] actual = generated.Run(input);
                TestData.AssertClose(expected, actual, 1e-4, context);
            }
        }
    }
}
