using System;
using System.IO;
using System.Text.Json.Nodes;
using ConvGen.Cli.Commands;

namespace ConvGen.ImportTests
{
    /// <summary>Keras files that cannot be imported: the reason, the exit code, and nothing written.</summary>
    public class KerasRejectionTests
    {
        /// <summary>Copies a TF.js test model into the CLI's folder after <paramref name="edit"/> changes its model.json; returns the model.json path.</summary>
        private static string Edited(Cli cli, string name, Action<JsonNode> edit)
        {
            string source = Path.GetDirectoryName(KerasModelTests.ModelJson(name))!;
            foreach (string f in Directory.GetFiles(source))
            {
                File.Copy(f, Path.Combine(cli.Folder, Path.GetFileName(f)));
            }

            JsonNode json = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Folder, "model.json")))!;
            edit(json);
            File.WriteAllText(Path.Combine(cli.Folder, "model.json"), json.ToJsonString());
            return Path.Combine(cli.Folder, "model.json");
        }

        private static JsonNode Layer(JsonNode json, int index) => json["modelTopology"]!["config"]!["layers"]![index]!;

        public static TheoryData<string, string, int, string> Cases() => new()
        {
            { "functional", "bilinear", ExitCodes.Unsupported, "UpSampling2D 'up_sampling2d_UpSampling2D2': interpolation = bilinear: TF.js resizes without half-pixel centers" },
            { "lenet", "hard_sigmoid", ExitCodes.Unsupported, "Conv2D 'conv2d_Conv2D3': activation = hard_sigmoid: Keras 2 and TF.js define hard_sigmoid as 0.2x + 0.5" },
            { "lenet", "lstm", ExitCodes.Unsupported, "LSTM 'conv2d_Conv2D4': this layer type is not supported by ConvGen" },
            { "lenet", "dynamic", ExitCodes.Unsupported, "shape [None, None, 1]: dynamic shapes are not supported" },
            { "lenet", "channels_first", ExitCodes.Unsupported, "data_format = channels_first: ConvGen is channels-last (NHWC) only" },
            { "lenet", "bare", ExitCodes.BadFile, "is a bare Keras JSON topology (model.to_json()), which holds no weights" },
            { "lenet", "missing_shard", ExitCodes.BadFile, "named by the manifest does not exist" },
            { "lenet", "wrong_shape", ExitCodes.BadFile, "the weights file's tensor is [5, 5, 1, 6], the layer needs [3, 3, 1, 6]" },
            { "lenet", "truncated_json", ExitCodes.BadFile, "is not valid JSON (truncated or corrupt)" },
            { "lenet", "truncated_shard", ExitCodes.BadFile, "the weights shards end before weight" },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void RejectedWithTheReason(string model, string change, int exitCode, string message)
        {
            using var cli = new Cli();
            string path = Edited(cli, model, json =>
            {
                switch (change)
                {
                    case "bilinear":
                        foreach (JsonNode? l in json["modelTopology"]!["config"]!["layers"]!.AsArray())
                        {
                            if (l!["class_name"]!.GetValue<string>() == "UpSampling2D")
                            {
                                l["config"]!["interpolation"] = "bilinear";
                            }
                        }

                        break;
                    case "hard_sigmoid":
                        Layer(json, 0)["config"]!["activation"] = "hard_sigmoid";
                        break;
                    case "lstm":
                        Layer(json, 2)["class_name"] = "LSTM";
                        break;
                    case "dynamic":
                        Layer(json, 0)["config"]!["batch_input_shape"] = new JsonArray(null, null, null, 1);
                        break;
                    case "channels_first":
                        Layer(json, 0)["config"]!["data_format"] = "channels_first";
                        break;
                    case "wrong_shape":
                        Layer(json, 0)["config"]!["kernel_size"] = new JsonArray(3, 3);
                        break;
                    case "missing_shard":
                        json["weightsManifest"]![0]!["paths"]![0] = "elsewhere.bin";
                        break;
                }
            });
            if (change == "bare")
            {
                File.WriteAllText(path, JsonNode.Parse(File.ReadAllText(path))!["modelTopology"]!.ToJsonString());
            }
            else if (change == "truncated_json")
            {
                File.WriteAllText(path, File.ReadAllText(path)[..400]);
            }
            else if (change == "truncated_shard")
            {
                string shard = Path.Combine(cli.Folder, "weights.bin");
                File.WriteAllBytes(shard, File.ReadAllBytes(shard)[..1000]);
            }

            Assert.Equal(exitCode, cli.Run("import", path, "--class", "Net", "--output", Path.Combine(cli.Folder, "out")));
            Assert.True(cli.Error.Contains(message, StringComparison.Ordinal), cli.Error);
            Assert.Empty(cli.Written("out"));
        }

        [Fact]
        public void TruncatedKerasZipIsACorruptFile()
        {
            using var cli = new Cli();
            string path = cli.File("model.keras", new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0 });
            Assert.Equal(ExitCodes.BadFile, cli.Run("inspect", path));
            Assert.Contains("model.keras is not a readable zip (truncated or corrupt)", cli.Error);
        }

        [Fact]
        public void VerifyIsForOnnxOnly()
        {
            using var cli = new Cli();
            Assert.Equal(ExitCodes.BadFile, cli.Run("import", KerasModelTests.ModelJson("lenet"), "--class", "Net", "--verify", "--output", Path.Combine(cli.Folder, "out")));
            Assert.Contains("--verify runs ONNX models only", cli.Error);
            Assert.Empty(cli.Written("out"));
        }
    }
}
