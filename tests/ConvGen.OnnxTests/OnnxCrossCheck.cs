using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConvGen.Reference;
using ConvGen.Tests.Generated;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.OnnxTests
{
    /// <summary>Compiles a batch of networks with the generator and checks each against ONNX Runtime and the reference interpreter.</summary>
    public static class OnnxCrossCheck
    {
        public const double Tolerance = 1e-4;

        /// <summary>
        /// For every network: ORT vs interpreter and generated code vs ORT, within <see cref="Tolerance"/> * max(1, |ref|).
        /// Networks are declared through <see cref="RandomNetworks.ToSource"/> and compiled in one assembly.
        /// </summary>
        public static (Agreement OrtVsInterpreter, Agreement GeneratedVsOrt) Run(IReadOnlyList<(string Name, NetworkSpec Spec)> networks, int seed)
        {
            var random = new Random(seed);
            var source = new StringBuilder("using ConvGen;\nnamespace OnnxNets\n{\n");
            foreach ((string name, NetworkSpec spec) in networks)
            {
                source.Append(RandomNetworks.ToSource(spec, name, random)).Append('\n');
            }

            source.Append("}\n");
            var ortVsInterpreter = new Agreement();
            var generatedVsOrt = new Agreement();
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(source.ToString(), GeneratorHarness.FactorySource(networks.Select(n => "OnnxNets." + n.Name)));
            foreach ((string name, NetworkSpec spec) in networks)
            {
                string context = $"Network {name} (seed {seed}):\n{spec}";
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                float[] parameters = TestData.Parameters(random, analysis);
                float[] input = TestData.Uniform(random, (int)analysis.InputShape.Length);

                float[] ort;
                try
                {
                    ort = OrtOracle.Run(spec, parameters, input);
                }
                catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
                {
                    Assert.Fail($"ONNX Runtime rejects the translated model: {ex.Message}\n{context}");
                    throw;
                }

                float[] interpreter = new ReferenceInterpreter(spec, parameters).Run(input);
                float[] generated = loaded.Network("OnnxNets." + name, parameters).Run(input);

                ortVsInterpreter.AssertClose("interpreter", interpreter, "ONNX Runtime", ort, Tolerance, context);
                generatedVsOrt.AssertClose("ONNX Runtime", ort, "generated", generated, Tolerance, context);
            }

            return (ortVsInterpreter, generatedVsOrt);
        }
    }
}
