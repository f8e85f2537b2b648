using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConvGen.Cli.Import;

namespace ConvGen.Cli.Keras
{
    /// <summary>
    /// Imports Keras models: TF.js <c>model.json</c> (the Keras JSON topology as <c>modelTopology</c> plus a weights
    /// manifest and its shards), Keras 3 <c>.keras</c> zips (<c>config.json</c> + <c>model.weights.h5</c>) and legacy
    /// <c>.h5</c> files. Layouts are Keras' own, which are ConvGen's, so weights are copied as they are, by name.
    /// </summary>
    public static partial class KerasImporter
    {
        /// <summary>A tensor read from a weights file.</summary>
        public sealed record Weight(int[] Shape, float[] Data);

        /// <summary>A Keras JSON file: a TF.js model.json with weights beside it (a bare topology has none and is refused).</summary>
        public static ImportedModel ImportJson(byte[] bytes, string path)
        {
            JsonNode root = ParseJson(bytes, path);
            if (root["modelTopology"] is not JsonNode topology)
            {
                if (root["class_name"] is not null)
                {
                    throw new ModelFileException($"{path} is a bare Keras JSON topology (model.to_json()), which holds no weights: save the model as .keras (model.save(\"model.keras\")) or as a TF.js model.json with its weights (tensorflowjs_converter, or model.save in TF.js)");
                }

                throw new ModelFileException($"{path} is JSON but not a Keras model: expected a TF.js model.json (modelTopology, weightsManifest)");
            }

            topology = topology["model_config"] ?? topology;
            string version = KerasConfig.String(root["modelTopology"], "keras_version") ?? string.Empty;
            if (root["weightsManifest"] is not JsonArray manifest)
            {
                throw new ModelFileException($"{path} has no weightsManifest: the weights cannot be found");
            }

            Dictionary<string, Weight> weights = ReadManifest(manifest, Path.GetDirectoryName(Path.GetFullPath(path))!);
            return Build(topology, version, (layer, parameter, _) => weights.TryGetValue(layer + "/" + parameter, out Weight? w) ? w : null, "Keras JSON (TF.js layers-model, " + (version.Length > 0 ? version : "unknown version") + ")");
        }

        /// <summary>Parses JSON, turning syntax errors into a file error.</summary>
        public static JsonNode ParseJson(byte[] bytes, string path)
        {
            try
            {
                return JsonNode.Parse(bytes) ?? throw new ModelFileException($"{path} holds JSON null");
            }
            catch (JsonException e)
            {
                throw new ModelFileException($"{path} is not valid JSON (truncated or corrupt): {e.Message}", e);
            }
        }

        /// <summary>Reads every weight of a TF.js manifest: each group's shards concatenated, weights consecutive in them.</summary>
        private static Dictionary<string, Weight> ReadManifest(JsonArray manifest, string folder)
        {
            var weights = new Dictionary<string, Weight>(StringComparer.Ordinal);
            foreach (JsonNode? group in manifest)
            {
                var data = new MemoryStream();
                foreach (JsonNode? p in group?["paths"] as JsonArray ?? new JsonArray())
                {
                    string shard = Path.Combine(folder, p!.GetValue<string>());
                    if (!File.Exists(shard))
                    {
                        throw new ModelFileException($"the weights shard {shard} named by the manifest does not exist");
                    }

                    byte[] b = File.ReadAllBytes(shard);
                    data.Write(b, 0, b.Length);
                }

                byte[] bytes = data.ToArray();
                int offset = 0;
                foreach (JsonNode? spec in group?["weights"] as JsonArray ?? new JsonArray())
                {
                    string name = KerasConfig.String(spec, "name") ?? "?";
                    int[] shape = (spec?["shape"] as JsonArray ?? new JsonArray()).Select(d => d!.GetValue<int>()).ToArray();
                    string dtype = KerasConfig.String(spec, "dtype") ?? "float32";
                    if (dtype != "float32" || spec?["quantization"] is not null)
                    {
                        throw new UnsupportedModelException(new ImportProblem("weight", name, "dtype " + dtype + (spec?["quantization"] is not null ? " (quantized)" : string.Empty), "only float32 weights are supported"));
                    }

                    int count = shape.Aggregate(1, (a, b) => checked(a * b));
                    if (offset + count * 4 > bytes.Length)
                    {
                        throw new ModelFileException($"the weights shards end before weight '{name}' ({bytes.Length} bytes; truncated)");
                    }

                    weights[name] = new Weight(shape, MemoryMarshal.Cast<byte, float>(bytes.AsSpan(offset, count * 4)).ToArray());
                    offset += count * 4;
                }

                if (offset != bytes.Length)
                {
                    throw new ModelFileException($"the weights shards hold {bytes.Length} bytes but the manifest describes {offset}");
                }
            }

            return weights;
        }

        /// <summary>Builds the declaration from a topology and takes each parameter tensor from <paramref name="lookup"/> (Keras layer name, parameter name, index in the layer).</summary>
        private static ImportedModel Build(JsonNode topology, string kerasVersion, Func<string, string, int, Weight?> lookup, string source)
        {
            (int h, int w, int c, List<KerasLayer> layers) = KerasTopology.Translate(topology, kerasVersion);
            if (layers.Count == 0)
            {
                throw new UnsupportedModelException(new ImportProblem("model", "model", string.Empty, "the model has no layers"));
            }

            bool flatInput = h == 1 && w == 1 && layers[0].Spec.Kind == LayerKind.Dense;
            var specs = layers.Select(l => l.Spec).ToList();
            if (flatInput)
            {
                specs.Insert(0, LayerSpec.Flatten() with { Name = "input_flatten" });
            }

            var spec = new NetworkSpec(h, w, c, specs);
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            if (analysis.HasErrors)
            {
                throw new UnsupportedModelException(analysis.Diagnostics.Select(d => new ImportProblem("model", "model", string.Empty, "the translated network is not valid: " + d.Message)).ToList());
            }

            var parameters = new float[analysis.ParameterCount];
            var problems = new List<ImportProblem>();
            foreach (KerasLayer bad in layers.Where(l => l.NeedsFlatInput && analysis.Layers[specs.IndexOf(l.Spec)].InputShape.Rank != 1))
            {
                problems.Add(new ImportProblem(bad.ClassName, bad.KerasName, "axis = 1", "on an image this is the height axis; ConvGen's Softmax runs over the channels"));
            }

            if (problems.Count > 0)
            {
                throw new UnsupportedModelException(problems);
            }

            var kerasNames = specs.Select(s => layers.FirstOrDefault(l => ReferenceEquals(l.Spec, s))?.KerasName ?? s.Name!).ToList();
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                for (int i = 0; i < layer.Parameters.Count; i++)
                {
                    ParameterTensor p = layer.Parameters[i];
                    Weight? weight = lookup(kerasNames[layer.Index], p.Name, i);
                    string expected = "[" + string.Join(", ", p.Shape) + "]";
                    if (weight is null)
                    {
                        problems.Add(new ImportProblem(LayerText.TypeName(layer.Spec.Kind), kerasNames[layer.Index], p.Name, $"the weights file has no tensor {kerasNames[layer.Index]}/{p.Name} {expected}"));
                    }
                    else if (!weight.Shape.SequenceEqual(p.Shape))
                    {
                        problems.Add(new ImportProblem(LayerText.TypeName(layer.Spec.Kind), kerasNames[layer.Index], p.Name, $"the weights file's tensor is [{string.Join(", ", weight.Shape)}], the layer needs {expected}"));
                    }
                    else
                    {
                        weight.Data.CopyTo(parameters, p.Offset);
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new ModelFileException("the weights do not fit the topology:\n" + string.Join("\n", problems.Select(x => "  " + x)));
            }

            var sources = specs.Select((s, i) => i == 0 && flatInput ? "input" : layers.First(l => ReferenceEquals(l.Spec, s)).ClassName + " " + kerasNames[i]).ToList();
            return new ImportedModel(spec, parameters, sources, flatInput ? TensorLayout.Flat : TensorLayout.Nhwc, analysis.OutputShape.Rank == 3 ? TensorLayout.Nhwc : TensorLayout.Flat, source);
        }
    }
}
