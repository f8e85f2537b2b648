using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ConvGen.Cli.Emit;
using ConvGen.Cli.Import;
using ConvGen.Cli.Keras;
using ConvGen.Reference;
using ConvGen.Tests.Infrastructure;
using PureHDF;

namespace ConvGen.ImportTests
{
    /// <summary>
    /// Keras models made by TensorFlow.js's layers API (make_tfjs_models.js; sequential and functional): the import
    /// keeps the layer names and matches TF.js's prediction; the same models written as a Keras 3 .keras zip and a
    /// legacy .h5 (laid out as Keras documents them) import to the same declaration and weights.
    /// </summary>
    public class KerasModelTests
    {
        public static readonly string[] Names = { "sequential", "lenet", "functional", "unet", "globalmax_relu6" };

        public static TheoryData<string> ModelNames() => new(Names);

        public static string ModelJson(string name) => Path.Combine(AppContext.BaseDirectory, "KerasModels", name, "model.json");

        private static float[] Floats(string name, string file) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "KerasModels", name, file))).ToArray();

        [Theory]
        [MemberData(nameof(ModelNames))]
        public void TfjsModelsMatchTfjsPredictions(string name)
        {
            ImportedModel model = ModelLoader.Load(ModelJson(name), out _, out ModelLoader.Kind kind);
            Assert.Equal(ModelLoader.Kind.KerasJson, kind);
            float[] actual = new ReferenceInterpreter(model.Spec, model.Parameters).Run(Floats(name, "input.bin"));
            double difference = Layouts.RelativeDifference(actual, Floats(name, "output.bin"));
            Assert.True(difference <= PyTorchModelTests.Tolerance, $"{name}: {difference:E3}\n{model.Spec}");

            // Layer names are Keras' (so weight names match) and every Keras layer but the input has one ConvGen layer.
            JsonNode topology = JsonNode.Parse(File.ReadAllText(ModelJson(name)))!["modelTopology"]!;
            string[] kerasNames = topology["config"]!["layers"]!.AsArray().Where(l => l!["class_name"]!.GetValue<string>() != "InputLayer")
                .Select(l => l!["config"]!["name"]!.GetValue<string>()).ToArray();
            Assert.Equal(kerasNames, model.Spec.Layers.Select(l => l.Name).ToArray());
        }

        [Fact]
        public void TfjsDeclarationsCompileAndMatch()
        {
            var models = Names.Select(n => (Name: n, Model: ModelLoader.Load(ModelJson(n), out _, out _))).ToList();
            var sources = models.Select(m => DeclarationWriter.Write(m.Model, "Net", "Keras.M" + m.Name, "model.json")).ToList();
            sources.Add(GeneratorHarness.FactorySource(models.Select(m => "Keras.M" + m.Name + ".Net")));
            using LoadedAssembly assembly = GeneratorHarness.CompileAndLoad(sources.ToArray());
            foreach ((string name, ImportedModel model) in models)
            {
                IConvNet net = assembly.Network("Keras.M" + name + ".Net", model.Parameters).Instance;
                var output = new float[net.OutputLength];
                net.Run(Floats(name, "input.bin"), output);
                double difference = Layouts.RelativeDifference(output, Floats(name, "output.bin"));
                Assert.True(difference <= PyTorchModelTests.Tolerance, $"{name}: generated code differs from TF.js by {difference:E3}");
            }
        }

        [Theory]
        [InlineData("functional")]
        [InlineData("sequential")]
        public void KerasZipAndH5GiveTheSameImport(string name)
        {
            ImportedModel fromJson = ModelLoader.Load(ModelJson(name), out _, out _);
            JsonNode json = JsonNode.Parse(File.ReadAllText(ModelJson(name)))!;
            Dictionary<string, (ulong[] Shape, float[] Data)> weights = ReadTfjsWeights(name, json);
            string topology = json["modelTopology"]!.ToJsonString();
            string folder = Path.Combine(Path.GetTempPath(), "convgen-keras-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                string keras = Path.Combine(folder, name + ".keras");
                WriteKerasZip(keras, topology, weights, folder);
                string h5 = Path.Combine(folder, name + ".h5");
                WriteLegacyH5(h5, topology, weights);
                foreach (string path in new[] { keras, h5 })
                {
                    ImportedModel model = ModelLoader.Load(path, out _, out _);
                    Assert.Equal(fromJson.Spec, model.Spec);
                    Assert.Equal(fromJson.Parameters, model.Parameters);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>Every weight of a TF.js model by name ("layer/kernel").</summary>
        private static Dictionary<string, (ulong[], float[])> ReadTfjsWeights(string name, JsonNode json)
        {
            float[] all = Floats(name, "weights.bin");
            var result = new Dictionary<string, (ulong[], float[])>();
            int offset = 0;
            foreach (JsonNode? w in json["weightsManifest"]![0]!["weights"]!.AsArray())
            {
                ulong[] shape = w!["shape"]!.AsArray().Select(d => (ulong)d!.GetValue<int>()).ToArray();
                int count = (int)shape.Aggregate(1UL, (a, b) => a * b);
                result[w["name"]!.GetValue<string>()] = (shape, all.AsSpan(offset, count).ToArray());
                offset += count;
            }

            return result;
        }

        /// <summary>The parameter names of a Keras layer in weight order (as Keras 3 numbers them in vars/).</summary>
        private static IEnumerable<string> Ordered(IEnumerable<string> names)
        {
            string[] order = { "kernel", "depthwise_kernel", "pointwise_kernel", "gamma", "beta", "moving_mean", "moving_variance", "bias" };
            return names.OrderBy(n => n.EndsWith("/bias", StringComparison.Ordinal) && names.Any(x => x.EndsWith("kernel", StringComparison.Ordinal)) ? 2 : 0)
                .ThenBy(n => Array.IndexOf(order, n[(n.LastIndexOf('/') + 1)..]) is var i && i == 7 ? 0 : i);
        }

        /// <summary>Keras 3: config.json plus model.weights.h5 with layers/NAME/vars/0, 1, ... in the layer's weight order.</summary>
        private static void WriteKerasZip(string path, string topology, Dictionary<string, (ulong[] Shape, float[] Data)> weights, string folder)
        {
            var layersGroup = new H5Group();
            foreach (var layer in weights.Keys.GroupBy(k => k[..k.LastIndexOf('/')]))
            {
                var vars = new H5Group();
                int i = 0;
                foreach (string w in Ordered(layer))
                {
                    vars[(i++).ToString(System.Globalization.CultureInfo.InvariantCulture)] = new H5Dataset(weights[w].Data, fileDims: weights[w].Shape);
                }

                layersGroup[layer.Key] = new H5Group { ["vars"] = vars };
            }

            string h5 = Path.Combine(folder, "model.weights.h5");
            new H5File { ["layers"] = layersGroup }.Write(h5);
            using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create);
            using (var writer = new StreamWriter(zip.CreateEntry("config.json").Open()))
            {
                writer.Write(topology);
            }

            zip.CreateEntryFromFile(h5, "model.weights.h5");
        }

        /// <summary>Keras 2 .h5: model_config attribute, model_weights/LAYER with weight_names and the datasets at those paths.</summary>
        private static void WriteLegacyH5(string path, string topology, Dictionary<string, (ulong[] Shape, float[] Data)> weights)
        {
            var modelWeights = new H5Group();
            foreach (var layer in weights.Keys.GroupBy(k => k[..k.LastIndexOf('/')]))
            {
                string[] names = Ordered(layer).Select(w => w + ":0").ToArray();
                var inner = new H5Group();
                foreach (string w in Ordered(layer))
                {
                    inner[w[(w.LastIndexOf('/') + 1)..] + ":0"] = new H5Dataset(weights[w].Data, fileDims: weights[w].Shape);
                }

                modelWeights[layer.Key] = new H5Group { [layer.Key] = inner, Attributes = new Dictionary<string, object> { ["weight_names"] = names } };
            }

            var file = new H5File { ["model_weights"] = modelWeights, Attributes = new Dictionary<string, object> { ["model_config"] = topology, ["keras_version"] = "2.15.0" } };
            file.Write(path);
        }
    }
}
