using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ConvGen.Cli.Import;
using static ConvGen.Cli.Keras.KerasConfig;

namespace ConvGen.Cli.Keras
{
    /// <summary>
    /// Translates a Keras model's JSON topology (Keras 2 and TF.js <c>model.to_json()</c>, Keras 3 <c>config.json</c>;
    /// Sequential and functional) into ConvGen layers that keep the Keras layer names and order, listing every layer
    /// that cannot be expressed.
    /// </summary>
    public sealed class KerasTopology
    {
        private readonly List<ImportProblem> _problems = new();
        private readonly bool _keras3, _tfjs;

        private KerasTopology(bool keras3, bool tfjs)
        {
            _keras3 = keras3;
            _tfjs = tfjs;
        }

        /// <summary>The input shape (NHWC) and the layers, or an <see cref="UnsupportedModelException"/> listing every problem.</summary>
        public static (int H, int W, int C, List<KerasLayer> Layers) Translate(JsonNode topology, string kerasVersion)
        {
            var t = new KerasTopology(kerasVersion.StartsWith("3", StringComparison.Ordinal), kerasVersion.StartsWith("tfjs", StringComparison.Ordinal));
            var result = t.Run(topology);
            if (t._problems.Count > 0)
            {
                throw new UnsupportedModelException(t._problems);
            }

            return result;
        }

        private (int, int, int, List<KerasLayer>) Run(JsonNode topology)
        {
            string modelClass = String(topology, "class_name") ?? throw new FormatException("the topology has no class_name");
            JsonNode config = topology["config"] ?? throw new FormatException("the topology has no config");
            JsonArray layers = (config as JsonArray) ?? config["layers"] as JsonArray ?? throw new FormatException("the topology has no layers");
            bool sequential = modelClass == "Sequential";
            if (!sequential && modelClass is not ("Model" or "Functional"))
            {
                throw new UnsupportedModelException(new ImportProblem(modelClass, String(config, "name") ?? "model", string.Empty, "only Sequential and functional models are supported (a subclassed model has no topology)"));
            }

            (int h, int w, int c)? input = null;
            string inputName = ShapeInference.InputName;
            var result = new List<KerasLayer>();
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            string? previous = null;
            foreach (JsonNode? node in layers)
            {
                string className = String(node, "class_name") ?? "?";
                JsonNode? lc = node?["config"];
                string name = String(lc, "name") ?? String(node, "name") ?? className;
                input ??= InputShape(lc, className, name);
                if (className == "InputLayer")
                {
                    names[name] = inputName;
                    continue;
                }

                List<string> inbound = sequential ? new List<string>() : Inbound(node, className, name).Select(n => names.TryGetValue(n, out string? m) ? m : n).ToList();
                LayerSpec? spec = Layer(className, lc, name);
                string convGenName = Sanitize(name);
                names[name] = convGenName;
                if (spec is null)
                {
                    previous = convGenName;
                    continue;
                }

                spec = spec with { Name = convGenName };
                if (LayerKinds.For(spec.Kind)?.ReadsSeveralInputs == true)
                {
                    spec = spec with { Inputs = sequential ? new[] { previous ?? inputName } : inbound.ToArray() };
                }
                else if (!sequential && !(inbound.Count == 1 && inbound[0] == (previous ?? inputName)))
                {
                    spec = spec with { Inputs = inbound.ToArray() };
                }

                result.Add(new KerasLayer(spec, name, className, inbound, className == "Softmax" && SoftmaxAxisOne(lc)));
                previous = convGenName;
            }

            if (input is null)
            {
                throw new UnsupportedModelException(new ImportProblem(modelClass, "model", "input shape", "the topology gives no input shape (build the model with an Input or input_shape)"));
            }

            if (!sequential && config["output_layers"] is JsonArray outputs && (outputs.Count != 1 || (result.Count > 0 && Names(outputs).FirstOrDefault() != result[^1].KerasName)))
            {
                _problems.Add(new ImportProblem(modelClass, "model", $"{outputs.Count} outputs", "ConvGen networks have one output, computed by the last layer"));
            }

            return (input.Value.h, input.Value.w, input.Value.c, result);
        }

        /// <summary>The [H, W, C] of batch_input_shape / batch_shape / input_shape, when this layer declares it.</summary>
        private (int, int, int)? InputShape(JsonNode? config, string className, string name)
        {
            JsonArray? shape = (config?["batch_input_shape"] ?? config?["batch_shape"]) as JsonArray;
            if (shape is null && config?["input_shape"] is JsonArray s)
            {
                shape = new JsonArray(new JsonNode?[] { null }.Concat(s.Select(x => x?.DeepClone())).ToArray());
            }

            if (shape is null)
            {
                return null;
            }

            int?[] dims = shape.Skip(1).Select(d => d is null ? (int?)null : d.GetValue<int>()).ToArray();
            if (dims.Any(d => d is null))
            {
                _problems.Add(new ImportProblem(className, name, "shape [" + string.Join(", ", dims.Select(d => d?.ToString() ?? "None")) + "]", "dynamic shapes are not supported: give the Input a fixed height, width and channel count"));
                return (1, 1, 1);
            }

            return dims.Length switch
            {
                3 => (dims[0]!.Value, dims[1]!.Value, dims[2]!.Value),
                1 => (1, 1, dims[0]!.Value),
                _ => Bad(),
            };

            (int, int, int) Bad()
            {
                _problems.Add(new ImportProblem(className, name, $"rank-{dims.Length} input", "ConvGen takes images [H, W, C] or vectors [n]"));
                return (1, 1, 1);
            }
        }

        /// <summary>The Keras names of the layers a functional layer reads (Keras 2/TF.js lists or Keras 3 keras_history).</summary>
        private List<string> Inbound(JsonNode? node, string className, string name)
        {
            JsonArray? nodes = node?["inbound_nodes"] as JsonArray;
            if (nodes is null || nodes.Count == 0)
            {
                return new List<string>();
            }

            if (nodes.Count > 1)
            {
                _problems.Add(new ImportProblem(className, name, $"{nodes.Count} calls", "a layer shared between several calls is not supported"));
            }

            return Names(nodes[0]!);
        }

        private static List<string> Names(JsonNode node)
        {
            var names = new List<string>();
            void Walk(JsonNode? n)
            {
                switch (n)
                {
                    case JsonObject o when o["keras_history"] is JsonArray h:
                        names.Add(h[0]!.GetValue<string>());
                        break;
                    case JsonObject o:
                        foreach (var p in o)
                        {
                            Walk(p.Value);
                        }

                        break;
                    case JsonArray a when a.Count >= 3 && a[0] is JsonValue v && v.TryGetValue(out string? s) && a[1] is JsonValue:
                        names.Add(s!); // Keras 2: ["layer_name", node_index, tensor_index, {kwargs}]
                        break;
                    case JsonArray a:
                        foreach (JsonNode? x in a)
                        {
                            Walk(x);
                        }

                        break;
                }
            }

            Walk(node);
            return names;
        }

        private static bool SoftmaxAxisOne(JsonNode? config) => config?["axis"]?.ToJsonString() is "1" or "[1]";

        private static string Sanitize(string name)
        {
            string s = new string(name.Select(ch => char.IsLetterOrDigit(ch) && ch < 128 ? ch : '_').ToArray());
            return s.Length == 0 || !char.IsLetter(s[0]) ? "layer_" + s : s;
        }

        private void Problem(string className, string name, string what, string why) => _problems.Add(new ImportProblem(className, name, what, why));

        /// <summary>One Keras layer as a ConvGen layer; null after a problem (or for a layer that computes nothing, which is never the case here).</summary>
        private LayerSpec? Layer(string className, JsonNode? c, string name)
        {
            if (String(c, "data_format") is { } format && format != "channels_last")
            {
                Problem(className, name, "data_format = " + format, "ConvGen is channels-last (NHWC) only");
                return null;
            }

            switch (className)
            {
                case "Conv2D":
                case "Convolution2D":
                case "DepthwiseConv2D":
                case "SeparableConv2D":
                case "SeparableConvolution2D":
                case "Conv2DTranspose":
                case "Convolution2DTranspose":
                {
                    (int kh, int kw) = Pair(c, "kernel_size", (1, 1));
                    (int sh, int sw) = Pair(c, "strides", (1, 1));
                    (int dh, int dw) = Pair(c, "dilation_rate", (1, 1));
                    Padding? padding = PaddingOf(className, name, c);
                    (Activation act, float slope)? a = ActivationOf(className, name, Activation(c));
                    bool bias = Bool(c, "use_bias", true);
                    if (padding is null || a is null)
                    {
                        return null;
                    }

                    if (className.StartsWith("Depthwise", StringComparison.Ordinal))
                    {
                        return LayerSpec.DepthwiseConv2D(kh, kw, Int(c, "depth_multiplier", 1), sh, sw, padding.Value, dh, dw, bias, a.Value.act, a.Value.slope);
                    }

                    if (className.StartsWith("Separable", StringComparison.Ordinal))
                    {
                        return LayerSpec.SeparableConv2D(Int(c, "filters", 0), kh, kw, Int(c, "depth_multiplier", 1), sh, sw, padding.Value, dh, dw, bias, a.Value.act, a.Value.slope);
                    }

                    if (className.EndsWith("Transpose", StringComparison.Ordinal))
                    {
                        if (c?["output_padding"] is JsonNode op && op.ToJsonString() != "null")
                        {
                            Problem(className, name, "output_padding = " + op.ToJsonString(), "ConvGen's Conv2DTranspose has no output_padding");
                            return null;
                        }

                        if (dh != 1 || dw != 1)
                        {
                            Problem(className, name, $"dilation_rate = ({dh}, {dw})", "ConvGen's Conv2DTranspose supports dilation 1 only");
                            return null;
                        }

                        return LayerSpec.Conv2DTranspose(Int(c, "filters", 0), kh, kw, sh, sw, padding.Value, bias, a.Value.act, a.Value.slope);
                    }

                    return LayerSpec.Conv2D(Int(c, "filters", 0), kh, kw, sh, sw, padding.Value, dh, dw, bias, a.Value.act, a.Value.slope, Int(c, "groups", 1));
                }

                case "Dense":
                {
                    (Activation act, float slope)? a = ActivationOf(className, name, Activation(c));
                    return a is null ? null : LayerSpec.Dense(Int(c, "units", 0), Bool(c, "use_bias", true), a.Value.act, a.Value.slope);
                }

                case "BatchNormalization":
                {
                    JsonNode? axis = c?["axis"];
                    string axisText = axis?.ToJsonString() ?? "-1";
                    if (axisText is not ("-1" or "3" or "[3]" or "[-1]"))
                    {
                        Problem(className, name, "axis = " + axisText, "ConvGen normalizes the channel (last) axis");
                        return null;
                    }

                    if (!Bool(c, "center", true) || !Bool(c, "scale", true))
                    {
                        Problem(className, name, "center/scale = false", "ConvGen's BatchNormalization has both gamma and beta");
                        return null;
                    }

                    return LayerSpec.BatchNormalization(Float(c, "epsilon", LayerSpec.DefaultEpsilon));
                }

                case "MaxPooling2D":
                case "MaxPool2D":
                case "AveragePooling2D":
                case "AvgPool2D":
                {
                    (int ph, int pw) = Pair(c, "pool_size", (2, 2));
                    (int sh, int sw) = c?["strides"] is null || c["strides"]!.ToJsonString() == "null" ? (ph, pw) : Pair(c, "strides", (ph, pw));
                    Padding? padding = PaddingOf(className, name, c);
                    if (padding is null)
                    {
                        return null;
                    }

                    return className.StartsWith("Max", StringComparison.Ordinal) ? LayerSpec.MaxPool2D(ph, pw, sh, sw, padding.Value) : LayerSpec.AvgPool2D(ph, pw, sh, sw, padding.Value);
                }

                case "GlobalAveragePooling2D":
                case "GlobalAvgPool2D":
                case "GlobalMaxPooling2D":
                case "GlobalMaxPool2D":
                    if (Bool(c, "keepdims", false))
                    {
                        Problem(className, name, "keepdims = true", "ConvGen's global pooling gives a flat [C] tensor");
                        return null;
                    }

                    return className.Contains("Max", StringComparison.Ordinal) ? LayerSpec.GlobalMaxPooling2D() : LayerSpec.GlobalAveragePooling2D();
                case "ZeroPadding2D":
                {
                    JsonNode? p = c?["padding"];
                    if (p is JsonArray a && a.Count == 2 && a[0] is JsonArray top && a[1] is JsonArray left)
                    {
                        return LayerSpec.ZeroPadding2D(top[0]!.GetValue<int>(), top[1]!.GetValue<int>(), left[0]!.GetValue<int>(), left[1]!.GetValue<int>());
                    }

                    (int ph, int pw) = Pair(c, "padding", (1, 1));
                    return LayerSpec.ZeroPadding2D(ph, ph, pw, pw);
                }

                case "Cropping2D":
                {
                    // Keras stores ((top, bottom), (left, right)); an int or a (vertical, horizontal) pair from older files.
                    JsonNode? p = c?["cropping"];
                    if (p is JsonArray a && a.Count == 2 && a[0] is JsonArray top && a[1] is JsonArray left)
                    {
                        return LayerSpec.Cropping2D(top[0]!.GetValue<int>(), top[1]!.GetValue<int>(), left[0]!.GetValue<int>(), left[1]!.GetValue<int>());
                    }

                    (int ch, int cw) = Pair(c, "cropping", (0, 0));
                    return LayerSpec.Cropping2D(ch, ch, cw, cw);
                }

                case "UpSampling2D":
                {
                    (int fh, int fw) = Pair(c, "size", (2, 2));
                    string interpolation = String(c, "interpolation") ?? "nearest";
                    if (interpolation is not ("nearest" or "bilinear"))
                    {
                        Problem(className, name, "interpolation = " + interpolation, "ConvGen's UpSampling2D is nearest or bilinear");
                        return null;
                    }

                    if (interpolation == "bilinear" && _tfjs)
                    {
                        Problem(className, name, "interpolation = bilinear", "TF.js resizes without half-pixel centers (TF1's resize_bilinear); ConvGen's Bilinear is TF2's tf.image.resize");
                        return null;
                    }

                    return LayerSpec.UpSampling2D(fh, fw, interpolation == "nearest" ? Interpolation.Nearest : Interpolation.Bilinear);
                }

                case "Flatten":
                    return LayerSpec.Flatten();
                case "Dropout":
                case "SpatialDropout2D":
                    return LayerSpec.Dropout(Float(c, "rate", 0f));
                case "Add":
                    return LayerSpec.Add();
                case "Concatenate":
                {
                    int axis = Int(c, "axis", -1);
                    if (axis is not (-1 or 3))
                    {
                        Problem(className, name, "axis = " + axis, "ConvGen concatenates on the channel (last) axis only");
                        return null;
                    }

                    return LayerSpec.Concatenate();
                }

                case "Activation":
                {
                    (Activation act, float slope)? a = ActivationOf(className, name, Activation(c));
                    return a is null ? null : LayerSpec.ActivationLayer(a.Value.act, a.Value.slope);
                }

                case "ReLU":
                {
                    float? max = c?["max_value"] is JsonValue mv ? (float)mv.GetValue<double>() : null;
                    float slope = Float(c, "negative_slope", 0f), threshold = Float(c, "threshold", 0f);
                    if (slope != 0f || threshold != 0f || (max is not null && max != 6f))
                    {
                        Problem(className, name, $"max_value = {max?.ToString() ?? "None"}, negative_slope = {slope}, threshold = {threshold}", "only ReLU and ReLU6 (max_value 6) are supported");
                        return null;
                    }

                    return LayerSpec.ActivationLayer(max is null ? ConvGen.Activation.ReLU : ConvGen.Activation.ReLU6);
                }

                case "LeakyReLU":
                    return LayerSpec.ActivationLayer(ConvGen.Activation.LeakyReLU, c?["negative_slope"] is JsonValue ? Float(c, "negative_slope", 0.3f) : Float(c, "alpha", 0.3f));
                case "ELU":
                    return LayerSpec.ActivationLayer(ConvGen.Activation.ELU, Float(c, "alpha", 1f));
                case "Softmax":
                {
                    string axis = c?["axis"]?.ToJsonString() ?? "-1";
                    if (axis is not ("-1" or "[-1]" or "3" or "[3]" or "1" or "[1]"))
                    {
                        Problem(className, name, "axis = " + axis, "ConvGen's Softmax runs over the last (channel) axis");
                        return null;
                    }

                    return LayerSpec.ActivationLayer(ConvGen.Activation.Softmax);
                }

                default:
                    Problem(className, name, string.Empty, "this layer type is not supported by ConvGen");
                    return null;
            }
        }

        private Padding? PaddingOf(string className, string name, JsonNode? c)
        {
            string padding = String(c, "padding") ?? "valid";
            switch (padding)
            {
                case "valid":
                    return Padding.Valid;
                case "same":
                    return Padding.Same;
                default:
                    Problem(className, name, "padding = " + padding, "only 'valid' and 'same' are supported");
                    return null;
            }
        }

        private (Activation, float)? ActivationOf(string className, string name, string activation)
        {
            switch (activation)
            {
                case "linear":
                    return (ConvGen.Activation.Linear, LayerSpec.DefaultNegativeSlope);
                case "relu":
                    return (ConvGen.Activation.ReLU, LayerSpec.DefaultNegativeSlope);
                case "relu6":
                    return (ConvGen.Activation.ReLU6, LayerSpec.DefaultNegativeSlope);
                case "sigmoid":
                    return (ConvGen.Activation.Sigmoid, LayerSpec.DefaultNegativeSlope);
                case "tanh":
                    return (ConvGen.Activation.Tanh, LayerSpec.DefaultNegativeSlope);
                case "softmax":
                    return (ConvGen.Activation.Softmax, LayerSpec.DefaultNegativeSlope);
                case "swish":
                case "silu":
                    return (ConvGen.Activation.Swish, LayerSpec.DefaultNegativeSlope);
                case "hard_swish":
                case "hard_silu":
                    return (ConvGen.Activation.HardSwish, LayerSpec.DefaultNegativeSlope);
                case "elu":
                    return (ConvGen.Activation.ELU, LayerSpec.DefaultAlpha);
                case "leaky_relu" when _keras3:
                    return (ConvGen.Activation.LeakyReLU, 0.2f); // keras.activations.leaky_relu's default slope
                case "hard_sigmoid" when _keras3:
                    return (ConvGen.Activation.HardSigmoid, LayerSpec.DefaultNegativeSlope);
                case "gelu" when _keras3:
                    return (ConvGen.Activation.GELUErf, LayerSpec.DefaultNegativeSlope);
                case "hard_sigmoid":
                    Problem(className, name, "activation = hard_sigmoid", "Keras 2 and TF.js define hard_sigmoid as 0.2x + 0.5; ConvGen's is Keras 3's relu6(x + 3) / 6");
                    return null;
                default:
                    Problem(className, name, "activation = " + activation, "this activation is not supported by ConvGen");
                    return null;
            }
        }
    }
}
