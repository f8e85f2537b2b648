using System;
using System.Collections.Generic;
using System.Linq;
using global::Onnx;

namespace ConvGen.Cli.Onnx
{
    public sealed partial class OnnxImporter
    {
        /// <summary>The kinds that end in an optional bias and a fused activation: convolutions and Dense.</summary>
        private static readonly HashSet<LayerKind> Weighted = new(LayerKinds.All.Where(k => k.TakesBias).Select(k => k.Kind));

        /// <summary>Translates one node; returns its output value, or null after reporting a problem.</summary>
        private object? Translate(NodeProto node, object?[] inputs)
        {
            if (node.OpType == "Constant")
            {
                return ConstantAttribute(node) ?? Fail(node, string.Empty, "a Constant whose value is not a float or integer tensor");
            }

            if (inputs.Length > 0 && inputs.All(v => v is null or ConstTensor) && inputs[0] is ConstTensor && ConstantFolder.CanFold(node.OpType))
            {
                return ConstantFolder.Fold(node, inputs.Select(v => (ConstTensor?)v).ToList());
            }

            if (inputs.Length == 0 || inputs[0] is not Act x)
            {
                return Fail(node, string.Empty, "computes on constants only in a way ConvGen does not fold (" + node.OpType + ")");
            }

            switch (node.OpType)
            {
                case "Identity":
                case "Dropout":
                    return x;
                case "Shape":
                    return new ConstTensor(new long[] { OnnxDims(x).Length }, OnnxDims(x));
                case "Transpose":
                    return Transpose(node, x);
                case "Conv":
                    return Conv(node, x, inputs);
                case "ConvTranspose":
                    return ConvTranspose(node, x, inputs);
                case "MaxPool":
                case "AveragePool":
                    return Pool(node, x);
                case "GlobalAveragePool":
                case "GlobalMaxPool":
                    return GlobalPool(node, x, node.OpType == "GlobalAveragePool", keepDims: true);
                case "ReduceMean":
                case "ReduceMax":
                    return Reduce(node, x, inputs);
                case "BatchNormalization":
                    return BatchNormalization(node, x, inputs);
                case "Relu":
                    return Activate(node, x, Activation.ReLU);
                case "Sigmoid":
                    return Activate(node, x, Activation.Sigmoid);
                case "Tanh":
                    return Activate(node, x, Activation.Tanh);
                case "LeakyRelu":
                    return Activate(node, x, Activation.LeakyReLU, node.Float("alpha", 0.01f));
                case "Elu":
                    return Activate(node, x, Activation.ELU, node.Float("alpha", 1f));
                case "HardSwish":
                    return Activate(node, x, Activation.HardSwish);
                case "HardSigmoid":
                {
                    float alpha = node.Float("alpha", 0.2f), beta = node.Float("beta", 0.5f);
                    return Math.Abs(alpha - 1f / 6f) < 1e-6f && Math.Abs(beta - 0.5f) < 1e-6f
                        ? Activate(node, x, Activation.HardSigmoid)
                        : Fail(node, $"alpha = {Text(alpha)}, beta = {Text(beta)}", "ConvGen's HardSigmoid is Keras 3's relu6(x + 3) / 6 (alpha 1/6, beta 0.5, PyTorch's Hardsigmoid)");
                }

                case "Gelu":
                {
                    string approximate = node.String("approximate", "none");
                    return approximate switch
                    {
                        "none" => Activate(node, x, Activation.GELUErf),
                        "tanh" => Activate(node, x, Activation.GELUTanh),
                        _ => Fail(node, "approximate = " + approximate, "only 'none' and 'tanh' exist"),
                    };
                }

                case ActivationPatterns.OpType:
                    return Activate(node, x, Enum.Parse<Activation>(node.String("activation", "Linear")));
                case "Clip":
                    return Clip(node, inputs);
                case "Softmax":
                    return Softmax(node, x);
                case "Flatten":
                {
                    long axis = node.Int("axis", 1);
                    return axis == 1 || (axis == -3 && x.Layout is ActLayout.Nchw or ActLayout.Nhwc) ? Flatten(node, x) : Fail(node, "axis = " + axis, "only flattening everything but the batch (axis 1) is supported");
                }

                case "Reshape":
                    return Reshape(node, x, inputs);
                case "Squeeze":
                {
                    long[]? axes = node.Ints("axes") ?? (inputs.Length > 1 && inputs[1] is ConstTensor a ? a.AsInts() : null);
                    return x.Layout == ActLayout.Pooled && (axes is null || axes.Select(v => v < 0 ? v + 4 : v).OrderBy(v => v).SequenceEqual(new long[] { 2, 3 }))
                        ? x with { Layout = ActLayout.Flat }
                        : Fail(node, axes is null ? string.Empty : "axes = " + Text(axes), "only removing the 1x1 spatial axes after a global pooling is supported");
                }

                case "Gemm":
                    return Gemm(node, x, inputs);
                case "MatMul":
                    return MatMul(node, x, inputs);
                case "Add":
                case "Sum":
                    return Add(node, inputs);
                case "Concat":
                    return Concat(node, inputs);
                case "Resize":
                case "Upsample":
                    return Resize(node, x, inputs);
                case "Pad":
                    return Pad(node, x, inputs);
                case "Slice":
                    return Slice(node, x, inputs);
                case "Mul":
                case "Div":
                case "Sub":
                    return Fail(node, string.Empty, "ConvGen has no element-wise arithmetic layer; only the products PyTorch writes for Swish (x * Sigmoid(x)), HardSwish (x * HardSigmoid(x)) and GELU are imported");
                default:
                    return Fail(node, string.Empty, "this operator is not supported by ConvGen");
            }
        }

        private object? Fail(NodeProto node, string what, string why)
        {
            Problem(node, what, why);
            return null;
        }

        /// <summary>The value's ONNX dimensions.</summary>
        private long[] OnnxDims(Act x)
        {
            TensorShape s = _builder.Shape(x.Layer);
            return x.Layout switch
            {
                ActLayout.Nchw => new long[] { 1, s.Channels, s.Height, s.Width },
                ActLayout.Nhwc => new long[] { 1, s.Height, s.Width, s.Channels },
                ActLayout.Pooled => new long[] { 1, s.Length, 1, 1 },
                _ => new long[] { 1, s.Length },
            };
        }

        private TensorShape ShapeOf(Act x) => _builder.Shape(x.Layer);

        private int AddLayer(LayerSpec spec, int[] inputs, float[][] parameters, NodeProto node) => _builder.Add(spec, inputs, parameters, node.Label());

        private bool RequireSpatial(NodeProto node, Act x)
        {
            if (x.Layout == ActLayout.Nchw)
            {
                return true;
            }

            Problem(node, "input " + node.Input[0], x.Layout == ActLayout.Nhwc
                ? "reads a channels-last tensor as if it were NCHW (only a Transpose to NCHW may follow the NHWC input)"
                : "needs an image [1, C, H, W] but reads a flat tensor (ConvGen has no convolution or pooling after Flatten or global pooling)");
            return false;
        }

        private object? Transpose(NodeProto node, Act x)
        {
            long[] perm = node.Ints("perm") ?? Array.Empty<long>();
            if (x.Layout == ActLayout.Nhwc && perm.SequenceEqual(new long[] { 0, 3, 1, 2 }))
            {
                return x with { Layout = ActLayout.Nchw };
            }

            if (x.Layout == ActLayout.Nchw && perm.SequenceEqual(new long[] { 0, 2, 3, 1 }))
            {
                return x with { Layout = ActLayout.Nhwc };
            }

            return Fail(node, "perm = " + Text(perm), "only the NHWC↔NCHW transposes around the network are supported");
        }

        /// <summary>An activation: fused into the weighted layer that computed <paramref name="x"/> when nothing else reads that value, else an Activation layer.</summary>
        private object Activate(NodeProto node, Act x, Activation activation, float slope = LayerSpec.DefaultNegativeSlope)
        {
            bool nonNegative = activation is Activation.ReLU or Activation.ReLU6 or Activation.Sigmoid or Activation.HardSigmoid or Activation.Softmax;
            if (Absorbable(node.Input[0], x))
            {
                LayerSpec spec = _builder.Spec(x.Layer);
                if (Weighted.Contains(spec.Kind) && spec.Activation == Activation.Linear)
                {
                    _builder.Update(x.Layer, activation == Activation.ELU ? spec with { Activation = activation, Alpha = slope } : spec with { Activation = activation, NegativeSlope = slope }, _builder.Parameters(x.Layer), node.Label());
                    return x with { NonNegative = nonNegative };
                }
            }

            int layer = AddLayer(LayerSpec.ActivationLayer(activation, slope), new[] { x.Layer }, Array.Empty<float[]>(), node);
            return x with { Layer = layer, NonNegative = nonNegative };
        }

        private object? Clip(NodeProto node, object?[] inputs)
        {
            // Opset 11+: min and max are optional inputs.
            float? min = inputs.Length > 1 && inputs[1] is ConstTensor a ? a.AsFloats()[0] : null;
            float? max = inputs.Length > 2 && inputs[2] is ConstTensor b ? b.AsFloats()[0] : null;
            if ((inputs.Length > 1 && inputs[1] is Act) || (inputs.Length > 2 && inputs[2] is Act))
            {
                return Fail(node, "min/max", "computed bounds are not supported");
            }

            if (min == 0f && max == 6f)
            {
                return Activate(node, (Act)inputs[0]!, Activation.ReLU6);
            }

            if (min == 0f && max is null)
            {
                return Activate(node, (Act)inputs[0]!, Activation.ReLU);
            }

            return Fail(node, $"min = {(min is null ? "none" : Text(min.Value))}, max = {(max is null ? "none" : Text(max.Value))}", "only Clip(0, 6) (ReLU6) and Clip(0) (ReLU) have a Keras activation");
        }

        private object? Softmax(NodeProto node, Act x)
        {
            long axis = node.Int("axis", _opset >= 13 ? -1 : 1);
            if (x.Layout is ActLayout.Flat or ActLayout.Pooled)
            {
                return axis is 1 or -1 || (x.Layout == ActLayout.Pooled && axis is -3) ? Activate(node, x, Activation.Softmax) : Fail(node, "axis = " + axis, "a flat tensor's softmax runs over axis 1");
            }

            TensorShape s = ShapeOf(x);
            bool channels = x.Layout == ActLayout.Nchw
                ? (_opset >= 13 ? axis is 1 or -3 : axis == 1 && s.Height * s.Width == 1)
                : (_opset >= 13 ? axis is 3 or -1 : axis == 3);
            return channels ? Activate(node, x, Activation.Softmax) : Fail(node, "axis = " + axis + (_opset < 13 ? $" (opset {_opset}: over all axes from it)" : string.Empty),
                "ConvGen's Softmax runs over the channels only");
        }

        private object? Flatten(NodeProto node, Act x)
        {
            if (x.Layout is ActLayout.Flat or ActLayout.Pooled)
            {
                return x with { Layout = ActLayout.Flat };
            }

            TensorShape s = ShapeOf(x);
            int layer = AddLayer(LayerSpec.Flatten(), new[] { x.Layer }, Array.Empty<float[]>(), node);
            return new Act(layer, ActLayout.Flat, x.Layout == ActLayout.Nchw ? ChwToHwc(s) : null, x.NonNegative);
        }

        /// <summary>ONNX flattens [C, H, W] in C, H, W order, ConvGen in H, W, C order: ONNX element i is ConvGen element order[i] (null when the same).</summary>
        private static int[]? ChwToHwc(TensorShape s)
        {
            if (s.Channels == 1 || s.Height * s.Width == 1)
            {
                return null;
            }

            var order = new int[s.Height * s.Width * s.Channels];
            for (int c = 0; c < s.Channels; c++)
            {
                for (int y = 0; y < s.Height; y++)
                {
                    for (int w = 0; w < s.Width; w++)
                    {
                        order[(c * s.Height + y) * s.Width + w] = (y * s.Width + w) * s.Channels + c;
                    }
                }
            }

            return order;
        }

        private object? Reshape(NodeProto node, Act x, object?[] inputs)
        {
            if (inputs.Length < 2 || inputs[1] is not ConstTensor shapeTensor)
            {
                return Fail(node, "shape", "the target shape must be a constant");
            }

            long[] dims = OnnxDims(x), shape = shapeTensor.AsInts();
            long total = dims.Aggregate(1L, (a, b) => a * b), known = 1;
            for (int i = 0; i < shape.Length; i++)
            {
                shape[i] = shape[i] == 0 && i < dims.Length ? dims[i] : shape[i];
                known *= shape[i] == -1 ? 1 : shape[i];
            }

            shape = shape.Select(d => d == -1 ? total / known : d).ToArray();
            if (shape.Length == 2 && shape[0] == 1 && shape[1] == total)
            {
                return Flatten(node, x);
            }

            if (shape.Length == 4 && x.Layout == ActLayout.Flat && x.Order is null && shape.SequenceEqual(new long[] { 1, total, 1, 1 }))
            {
                return x with { Layout = ActLayout.Pooled };
            }

            return Fail(node, $"shape {Text(dims)} → {Text(shape)}", "only flattening to [1, n] is supported");
        }

        private object? BatchNormalization(NodeProto node, Act x, object?[] inputs)
        {
            if (node.Int("training_mode", 0) != 0)
            {
                return Fail(node, "training_mode = 1", "export the model in eval mode (model.eval())");
            }

            if (inputs.Length < 5 || inputs.Skip(1).Take(4).Any(v => v is not ConstTensor))
            {
                return Fail(node, "scale/B/mean/var", "the statistics must be constants");
            }

            if (x.Layout == ActLayout.Nhwc)
            {
                return Fail(node, "input " + node.Input[0], "normalizes axis 1 of a channels-last tensor");
            }

            int n = x.Layout == ActLayout.Nchw ? ShapeOf(x).Channels : (int)ShapeOf(x).Length;
            float[][] p = inputs.Skip(1).Take(4).Select(v => Permute(((ConstTensor)v!).AsFloats(), x.Order)).ToArray();
            if (p.Any(v => v.Length != n))
            {
                return Fail(node, "scale", $"expects {n} channels");
            }

            int layer = AddLayer(LayerSpec.BatchNormalization(node.Float("epsilon", 1e-5f)), new[] { x.Layer }, p, node);
            return x with { Layer = layer, NonNegative = false };
        }

        /// <summary>Puts ONNX-ordered values into ConvGen order.</summary>
        private static float[] Permute(float[] values, int[]? order)
        {
            if (order is null)
            {
                return values;
            }

            var result = new float[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                result[order[i]] = values[i];
            }

            return result;
        }

        private object? Gemm(NodeProto node, Act x, object?[] inputs)
        {
            if (node.Int("transA", 0) != 0)
            {
                return Fail(node, "transA = 1", "the input must be the left operand as is");
            }

            if (inputs.Length < 2 || inputs[1] is not ConstTensor b || b.Dims.Length != 2)
            {
                return Fail(node, "B", "the weight must be a 2-D constant");
            }

            bool transB = node.Int("transB", 0) != 0;
            float alpha = node.Float("alpha", 1f), beta = node.Float("beta", 1f);
            ConstTensor? c = inputs.Length > 2 ? inputs[2] as ConstTensor : null;
            if (inputs.Length > 2 && inputs[2] is Act)
            {
                return Fail(node, "C", "the bias must be a constant");
            }

            return Dense(node, x, b.AsFloats(), (int)(transB ? b.Dims[1] : b.Dims[0]), (int)(transB ? b.Dims[0] : b.Dims[1]), transB, alpha, c?.AsFloats().Select(v => v * beta).ToArray());
        }

        private object? MatMul(NodeProto node, Act x, object?[] inputs)
        {
            if (inputs[1] is not ConstTensor b || b.Dims.Length != 2)
            {
                return Fail(node, "B", "the weight must be a 2-D constant");
            }

            return Dense(node, x, b.AsFloats(), (int)b.Dims[0], (int)b.Dims[1], false, 1f, null);
        }

        private object? Dense(NodeProto node, Act x, float[] weights, int k, int units, bool transposed, float alpha, float[]? bias)
        {
            if (x.Layout is not ActLayout.Flat)
            {
                return Fail(node, "input " + node.Input[0], x.Layout == ActLayout.Pooled ? "reads a [1, C, 1, 1] tensor; flatten it first" : "reads an image; Flatten or global pooling must come first");
            }

            int n = (int)ShapeOf(x).Length;
            if (k != n)
            {
                return Fail(node, $"weight {k}x{units}", $"the input has {n} features");
            }

            if (bias is not null && bias.Length == 1 && units != 1)
            {
                bias = Enumerable.Repeat(bias[0], units).ToArray();
            }

            if (bias is not null && bias.Length != units)
            {
                return Fail(node, $"bias of {bias.Length}", $"expects {units} values");
            }

            // Keras kernel [in, units], rows in ConvGen's (H, W, C) order of the flattened input.
            var kernel = new float[n * units];
            for (int i = 0; i < n; i++)
            {
                int row = x.Order is null ? i : x.Order[i];
                for (int u = 0; u < units; u++)
                {
                    kernel[row * units + u] = alpha * weights[transposed ? u * n + i : i * units + u];
                }
            }

            float[][] p = bias is null ? new[] { kernel } : new[] { kernel, bias };
            int layer = AddLayer(LayerSpec.Dense(units, useBias: bias is not null), new[] { x.Layer }, p, node);
            return new Act(layer, ActLayout.Flat);
        }

        private object? Add(NodeProto node, object?[] inputs)
        {
            var acts = inputs.OfType<Act>().ToList();
            var consts = inputs.OfType<ConstTensor>().ToList();
            if (acts.Count == 1 && consts.Count == 1 && inputs.Length == 2)
            {
                return AddBias(node, acts[0], consts[0]);
            }

            if (consts.Count > 0)
            {
                return Fail(node, "a constant operand", "adding a constant is supported only as the bias of the Dense or convolution right before");
            }

            if (acts.Count == 1)
            {
                return acts[0];
            }

            Act first = acts[0];
            if (acts.Any(a => a.Layout != first.Layout || !SameOrder(a.Order, first.Order)) || acts.Any(a => ShapeOf(a) != ShapeOf(first)))
            {
                return Fail(node, "shapes " + string.Join(" + ", acts.Select(a => Text(OnnxDims(a)))), "ConvGen adds tensors of one shape and layout only (no broadcasting)");
            }

            int layer = AddLayer(LayerSpec.Add(), acts.Select(a => a.Layer).ToArray(), Array.Empty<float[]>(), node);
            return first with { Layer = layer, NonNegative = acts.All(a => a.NonNegative) };
        }

        private static bool SameOrder(int[]? a, int[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

        /// <summary>MatMul + Add (or a bias-less convolution + Add of [1, C, 1, 1]) becomes the layer's bias.</summary>
        private object? AddBias(NodeProto node, Act x, ConstTensor bias)
        {
            string input = node.Input[0] == node.Input.First(i => _values.TryGetValue(i, out object? v) && v is Act) ? node.Input[0] : node.Input[1];
            if (Absorbable(input, x))
            {
                LayerSpec spec = _builder.Spec(x.Layer);
                if (Weighted.Contains(spec.Kind) && !spec.UseBias && spec.Activation == Activation.Linear && spec.Kind != LayerKind.DepthwiseConv2D)
                {
                    int units = spec.Kind == LayerKind.Dense ? (int)ShapeOf(x).Length : ShapeOf(x).Channels;
                    long[] squeezed = bias.SqueezedDims();
                    bool fits = bias.Length == units && (spec.Kind == LayerKind.Dense ? bias.Dims.Length <= 2 : bias.Dims.Length <= 1 || (bias.Dims.Length >= 3 && bias.Dims[^1] == 1 && bias.Dims[^2] == 1));
                    if (fits && squeezed.Length <= 1)
                    {
                        _builder.Update(x.Layer, spec with { UseBias = true }, _builder.Parameters(x.Layer).Append(bias.AsFloats()).ToArray(), node.Label());
                        return x;
                    }
                }
            }

            return Fail(node, "constant " + bias, "adding a constant is supported only as the bias of the bias-less Dense (MatMul) or convolution right before");
        }

        private object? Concat(NodeProto node, object?[] inputs)
        {
            if (inputs.Any(v => v is not Act))
            {
                return Fail(node, "a constant operand", "only computed tensors can be concatenated");
            }

            var acts = inputs.Cast<Act>().ToList();
            long axis = node.Int("axis", 1);
            Act first = acts[0];
            bool channels = first.Layout switch
            {
                ActLayout.Nchw => axis is 1 or -3,
                ActLayout.Nhwc => axis is 3 or -1,
                ActLayout.Flat => axis is 1 or -1,
                _ => false,
            };
            if (!channels || acts.Any(a => a.Layout != first.Layout || a.Order is not null))
            {
                return Fail(node, "axis = " + axis, "ConvGen concatenates on the channel axis only (axis 1 of NCHW)");
            }

            if (acts.Count == 1)
            {
                return first;
            }

            int layer = AddLayer(LayerSpec.Concatenate(), acts.Select(a => a.Layer).ToArray(), Array.Empty<float[]>(), node);
            return first with { Layer = layer, NonNegative = acts.All(a => a.NonNegative) };
        }
    }
}
