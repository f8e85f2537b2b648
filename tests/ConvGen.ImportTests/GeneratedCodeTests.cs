using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Cli.Emit;
using ConvGen.Cli.Import;
using ConvGen.Cli.Onnx;
using ConvGen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ConvGen.ImportTests
{
    /// <summary>
    /// The Name.cs text `convgen import` writes for every PyTorch model compiles through the source generator without a
    /// warning, and the generated network, fed the weights as imported, matches PyTorch's output within 1e-4 relative.
    /// To keep CI short this compiles the named architectures and every 20th random model (the interpreter checks all 113);
    /// CONVGEN_IMPORT_COMPILE_ALL=1 compiles every one.
    /// </summary>
    public class GeneratedCodeTests
    {
        private readonly ITestOutputHelper _output;

        public GeneratedCodeTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void DeclarationsCompileAndMatchPyTorch()
        {
            bool all = Environment.GetEnvironmentVariable("CONVGEN_IMPORT_COMPILE_ALL") == "1";
            var entries = PyTorchModels.All.Where(e => all || !e.Name.StartsWith("random_", StringComparison.Ordinal) || int.Parse(e.Name[7..], System.Globalization.CultureInfo.InvariantCulture) % 20 == 0).ToList();
            var models = new List<(PyTorchModels.Entry Entry, ImportedModel Model, string FullName)>();
            var sources = new List<string>();
            foreach (PyTorchModels.Entry entry in entries)
            {
                ImportedModel model = OnnxImporter.Import(System.IO.File.ReadAllBytes(entry.OnnxPath), entry.OnnxPath);
                string ns = "Imported.M" + entry.Name;
                sources.Add(DeclarationWriter.Write(model, "Net", ns, entry.Name + ".onnx"));
                models.Add((entry, model, ns + ".Net"));
            }

            sources.Add(GeneratorHarness.FactorySource(models.Select(m => m.FullName)));
            using LoadedAssembly assembly = GeneratorHarness.CompileAndLoad(sources.ToArray());
            double worst = 0;
            foreach ((PyTorchModels.Entry entry, ImportedModel model, string fullName) in models)
            {
                IConvNet net = assembly.Network(fullName, model.Parameters).Instance;
                NetworkAnalysis analysis = ShapeInference.Analyze(model.Spec);
                Assert.Equal(model.Spec, net.Specification);
                var actual = new float[net.OutputLength];
                net.Run(Layouts.ToConvGen(entry.InputData, model.InputLayout, analysis.InputShape), actual);
                double difference = Layouts.RelativeDifference(actual, Layouts.ToConvGen(entry.OutputData, model.OutputLayout, analysis.OutputShape));
                worst = Math.Max(worst, difference);
                Assert.True(difference <= PyTorchModelTests.Tolerance, $"{entry.Name}: generated code differs from PyTorch by {difference:E3}");
            }

            _output.WriteLine($"{models.Count} models, largest relative difference of generated code to PyTorch {worst:E2}");
        }
    }
}
