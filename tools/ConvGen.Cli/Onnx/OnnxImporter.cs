using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConvGen.Cli.Import;
using Google.Protobuf;
using global::Onnx;

namespace ConvGen.Cli.Onnx
{
    /// <summary>
    /// Translates an ONNX model (opsets 11–20; NCHW as torch.onnx.export writes it, or NHWC behind tf2onnx's input
    /// Transpose) into a ConvGen NHWC declaration and its weights. Every node that cannot be expressed is collected,
    /// so one run lists them all.
    /// </summary>
    public sealed partial class OnnxImporter
    {
        /// <summary>The opsets this importer was written against.</summary>
        public const int MinOpset = 11, MaxOpset = 20;

        private static readonly HashSet<string> ElementWise = new(StringComparer.Ordinal)
        {
            "Mul", "Div", "Sub", "Add", "Pow", "Sqrt", "Exp", "Log", "Abs", "Neg", "Reciprocal", "Softplus", "Softsign", "Selu", "Celu",
            "PRelu", "ThresholdedRelu", "Mish", "Clip", "HardSigmoid", "LeakyRelu", "Elu", "Sin", "Cos", "Floor", "Ceil", "Round", "Sign",
            "LRN", "InstanceNormalization", "LpNormalization", "Dropout", "Cast", "Identity",
        };

        private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);
        private readonly List<ImportProblem> _problems = new();
        private readonly Dictionary<string, int> _readers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _graphOutputs = new(StringComparer.Ordinal);
        private readonly Dictionary<int, string> _layerOutputs = new();
        private NetworkBuilder _builder = null!;
        private int _opset;

        /// <summary>Reads an ONNX file's bytes; a file that is not a readable ONNX model is a <see cref="ModelFileException"/>.</summary>
        public static ModelProto Parse(byte[] bytes, string fileName)
        {
            ModelProto model;
            try
            {
                model = ModelProto.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new ModelFileException($"{fileName} is not a readable ONNX model (truncated or corrupt protobuf: {e.Message})", e);
            }

            if (model.Graph is null || model.Graph.Node.Count == 0 || model.OpsetImport.Count == 0)
            {
                throw new ModelFileException($"{fileName} is not an ONNX model (no graph, nodes or opset in it)");
            }

            return model;
        }

        /// <summary>Imports an ONNX file's bytes.</summary>
        public static ImportedModel Import(byte[] bytes, string fileName) => new OnnxImporter().Run(Parse(bytes, fileName));

        /// <summary>Imports a parsed model.</summary>
        public static ImportedModel Import(ModelProto model) => new OnnxImporter().Run(model);

        private ImportedModel Run(ModelProto model)
        {
            GraphProto graph = model.Graph;
            OperatorSetIdProto? opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
            _opset = (int)(opset?.Version ?? 0);
            if (_opset < MinOpset || _opset > MaxOpset)
            {
                throw new UnsupportedModelException(new ImportProblem("model", graph.Name, $"opset {_opset}",
                    $"opsets {MinOpset} to {MaxOpset} are supported; re-export with opset_version between them"));
            }

            foreach (TensorProto t in graph.Initializer)
            {
                ConstTensor? c = OnnxTensors.Read(t, out string why);
                if (c is null)
                {
                    throw new ModelFileException($"initializer '{t.Name}' cannot be read: {why}");
                }

                _values[t.Name] = c;
            }

            (int height, int width, int channels, string inputName, ActLayout layout) = Input(graph);
            _builder = new NetworkBuilder(height, width, channels);
            _values[inputName] = new Act(-1, layout);

            foreach (ValueInfoProto o in graph.Output)
            {
                _graphOutputs.Add(o.Name);
            }

            if (graph.Output.Count != 1)
            {
                throw new UnsupportedModelException(new ImportProblem("model", graph.Name, $"{graph.Output.Count} outputs", "ConvGen networks have exactly one output"));
            }

            if (layout == ActLayout.Flat)
            {
                // An MLP's [1, n] input is ConvGen's [1, 1, n] followed by Flatten.
                _values[inputName] = new Act(_builder.Add(LayerSpec.Flatten(), new[] { -1 }, Array.Empty<float[]>(), inputName), ActLayout.Flat);
            }

            List<NodeProto> nodes = ActivationPatterns.Rewrite(graph.Node, name => _values.TryGetValue(name, out object? v) ? v as ConstTensor : ConstantNodeValue(graph, name), _graphOutputs);
            foreach (NodeProto n in nodes)
            {
                foreach (string i in n.Input)
                {
                    _readers[i] = _readers.TryGetValue(i, out int c) ? c + 1 : 1; // after the rewrite: x * Sigmoid(x) reads x once
                }
            }

            foreach (NodeProto node in nodes)
            {
                Visit(node);
            }

            TensorLayout outputLayout = Output(graph.Output[0].Name);
            if (_problems.Count > 0)
            {
                throw new UnsupportedModelException(_problems);
            }

            NetworkSpec spec = _builder.ToSpec();
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            if (analysis.HasErrors)
            {
                throw new UnsupportedModelException(analysis.Diagnostics.Select(d => new ImportProblem("model", graph.Name, string.Empty, "the translated network is not valid: " + d.Message)).ToList());
            }

            string producer = string.IsNullOrEmpty(model.ProducerName) ? "unknown producer" : (model.ProducerName + " " + model.ProducerVersion).Trim();
            return new ImportedModel(spec, _builder.AllParameters(), _builder.Sources(), layout == ActLayout.Nhwc ? TensorLayout.Nhwc : layout == ActLayout.Flat ? TensorLayout.Flat : TensorLayout.Nchw,
                outputLayout, $"ONNX opset {_opset}, {producer}");
        }

        private static ConstTensor? ConstantNodeValue(GraphProto graph, string name)
        {
            NodeProto? n = graph.Node.FirstOrDefault(x => x.OpType == "Constant" && x.Output.Contains(name));
            return n is null ? null : ConstantAttribute(n);
        }

        private static ConstTensor? ConstantAttribute(NodeProto n)
        {
            if (n.Attribute("value") is { } v)
            {
                return OnnxTensors.Read(v.T, out _);
            }

            if (n.Attribute("value_float") is { } f)
            {
                return new ConstTensor(Array.Empty<long>(), new[] { f.F });
            }

            if (n.Attribute("value_floats") is { } fs)
            {
                return new ConstTensor(new long[] { fs.Floats.Count }, fs.Floats.ToArray());
            }

            if (n.Attribute("value_int") is { } i)
            {
                return new ConstTensor(Array.Empty<long>(), new[] { i.I });
            }

            return n.Attribute("value_ints") is { } ints ? new ConstTensor(new long[] { ints.Ints.Count }, ints.Ints.ToArray()) : null;
        }

        /// <summary>The one graph input that is not an initializer: static [1, C, H, W], [1, H, W, C] (read through a Transpose) or [1, n].</summary>
        private (int H, int W, int C, string Name, ActLayout Layout) Input(GraphProto graph)
        {
            var inputs = graph.Input.Where(i => !_values.ContainsKey(i.Name)).ToList();
            if (inputs.Count != 1)
            {
                throw new UnsupportedModelException(new ImportProblem("model", graph.Name, $"{inputs.Count} inputs", "ConvGen networks have exactly one input"));
            }

            ValueInfoProto input = inputs[0];
            TypeProto.Types.Tensor? tensor = input.Type?.TensorType;
            if (tensor is null || tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            {
                throw new UnsupportedModelException(new ImportProblem("input", input.Name, "element type " + (tensor is null ? "not a tensor" : ((TensorProto.Types.DataType)tensor.ElemType).ToString()), "ConvGen takes a float32 tensor"));
            }

            var dims = (tensor.Shape?.Dim ?? new Google.Protobuf.Collections.RepeatedField<TensorShapeProto.Types.Dimension>()).ToList();
            string shapeText = "[" + string.Join(", ", dims.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : (d.DimParam.Length > 0 ? d.DimParam : "?"))) + "]";
            if (tensor.Shape is null || dims.Any(d => d.ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || d.DimValue <= 0))
            {
                throw new UnsupportedModelException(new ImportProblem("input", input.Name, "shape " + shapeText,
                    "dynamic shapes are not supported: ConvGen compiles for one input size; export with a fixed-size example input and without dynamic_axes"));
            }

            long[] d = dims.Select(x => x.DimValue).ToArray();
            if (d[0] != 1 || (d.Length != 4 && d.Length != 2))
            {
                throw new UnsupportedModelException(new ImportProblem("input", input.Name, "shape " + shapeText, "ConvGen takes one image [1, C, H, W] (or [1, H, W, C], or a vector [1, n]) per run; export with batch size 1"));
            }

            if (d.Length == 2)
            {
                return (1, 1, (int)d[1], input.Name, ActLayout.Flat);
            }

            // tf2onnx: the NHWC input goes straight into Transpose(perm [0, 3, 1, 2]).
            var readers = graph.Node.Where(n => n.Input.Contains(input.Name)).ToList();
            bool nhwc = readers.Count > 0 && readers.All(n => n.OpType == "Transpose" && (n.Ints("perm") ?? Array.Empty<long>()).SequenceEqual(new long[] { 0, 3, 1, 2 }));
            return nhwc ? ((int)d[1], (int)d[2], (int)d[3], input.Name, ActLayout.Nhwc) : ((int)d[2], (int)d[3], (int)d[1], input.Name, ActLayout.Nchw);
        }

        private TensorLayout Output(string name)
        {
            if (!_values.TryGetValue(name, out object? value) || value is Poison)
            {
                return TensorLayout.Flat;
            }

            if (value is not Act act || act.Layer < 0)
            {
                Problem("output", name, string.Empty, "the output is a constant or the input itself; there is nothing to compute");
                return TensorLayout.Flat;
            }

            if (act.Layer != _builder.Count - 1)
            {
                Problem("output", name, string.Empty, "layers are computed after the graph output (a branch that does not reach it); remove the unused branch");
            }

            if (act.Layout == ActLayout.Flat && act.Order is not null)
            {
                Problem("output", name, string.Empty, "the output is a flattened channels-first tensor; ConvGen flattens in H, W, C order, so only a Dense/Gemm after the flatten can be re-ordered");
            }

            return act.Layout switch { ActLayout.Nchw => TensorLayout.Nchw, ActLayout.Nhwc => TensorLayout.Nhwc, _ => TensorLayout.Flat };
        }

        private void Problem(string op, string node, string what, string why) => _problems.Add(new ImportProblem(op, node, what, why));

        private void Problem(NodeProto node, string what, string why) => Problem(node.OpType, node.Label(), what, why);

        private void Visit(NodeProto node)
        {
            object?[] inputs = node.Input.Select(i => i.Length == 0 ? null : _values.TryGetValue(i, out object? v) ? v : Missing(node, i)).ToArray();
            if (inputs.Any(v => v is Poison))
            {
                SetOutputs(node, Poison.Instance);
                return;
            }

            if (node.Domain is not ("" or "ai.onnx") && node.OpType != ActivationPatterns.OpType)
            {
                Problem(node, "domain " + node.Domain, "only the standard ONNX operators are supported");
                SetOutputs(node, Poison.Instance);
                return;
            }

            try
            {
                object? result = Translate(node, inputs);
                // After an unsupported element-wise node, carry on with its input (same shape), so that later nodes are checked too.
                SetOutputs(node, result ?? (ElementWise.Contains(node.OpType) && inputs[0] is Act x ? x : Poison.Instance));
            }
            catch (FormatException e)
            {
                Problem(node, string.Empty, "malformed node: " + e.Message);
                SetOutputs(node, Poison.Instance);
            }
        }

        private object Missing(NodeProto node, string input)
        {
            Problem(node, "input " + input, "no node or initializer produces it (the graph is not topologically sorted or is broken)");
            return Poison.Instance;
        }

        private void SetOutputs(NodeProto node, object value)
        {
            if (node.Output.Count > 0)
            {
                _values[node.Output[0]] = value;
                if (value is Act { Layer: >= 0 } act && !_layerOutputs.ContainsKey(act.Layer))
                {
                    _layerOutputs[act.Layer] = node.Output[0]; // the value this layer was made for (aliases come later)
                }
            }

            for (int i = 1; i < node.Output.Count; i++)
            {
                if (node.Output[i].Length > 0)
                {
                    _values[node.Output[i]] = Poison.Instance; // Dropout's mask, MaxPool's indices: nothing ConvGen computes
                    if (_readers.ContainsKey(node.Output[i]) || _graphOutputs.Contains(node.Output[i]))
                    {
                        Problem(node, "output " + node.Output[i], "only the first output of a node can be used");
                    }
                }
            }
        }

        /// <summary>Whether only one node reads the value and it is not the graph output (so the producing layer may absorb the reader).</summary>
        private bool Private(string value) => _readers.TryGetValue(value, out int c) && c == 1 && !_graphOutputs.Contains(value);

        /// <summary>Whether <paramref name="value"/> is the last layer's own output and nothing else reads it (not even through an alias such as Dropout).</summary>
        private bool Absorbable(string value, Act x) => x.Layer >= 0 && x.Layer == _builder.Count - 1
            && _layerOutputs.TryGetValue(x.Layer, out string? own) && own == value && Private(value);

        private static string Text(IEnumerable<long> values) => "[" + string.Join(", ", values) + "]";

        private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
