using System;
using System.Collections.Generic;
using System.Linq;
using static ConvGen.Onnx.OnnxGraph;

namespace ConvGen.Onnx
{
    /// <summary>
    /// Translates any valid ConvGen <see cref="NetworkSpec"/> (chains and graphs) with its weights into an ONNX model
    /// (opset <see cref="OnnxGraph.Opset"/>), written from the Keras/TensorFlow semantics and not from the generated code
    /// or the interpreter, so that ONNX Runtime is an independent oracle. Only the shared shape rules are used (output
    /// sizes, TF "same" pads, parameter offsets and Keras shapes); the arithmetic is ORT's.
    /// <para>
    /// ONNX is NCHW: the graph takes the NHWC input [1, H, W, C], transposes it to NCHW, runs every spatial layer in NCHW,
    /// and transposes back to NHWC before Flatten (Keras flattens in H, W, C order) and at the output. Flat tensors are
    /// [1, n]. TF "same" padding is written as explicit pads (the odd extra cell bottom/right).
    /// </para>
    /// </summary>
    public static class OnnxModelBuilder
    {
        public const string InputName = "input";
        public const string OutputName = "output";

        /// <summary>A value in the graph: its name and whether it is a 4-D NCHW tensor (true) or a flat [1, n] one.</summary>
        private readonly record struct Value(string Name, bool Spatial);

        public static byte[] Build(NetworkSpec spec, ReadOnlySpan<float> parameters)
        {
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            if (analysis.HasErrors)
            {
                throw new InvalidNetworkException(analysis.Diagnostics);
            }

            if (parameters.Length != analysis.ParameterCount)
            {
                throw new ArgumentException($"Expected {analysis.ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
            }

            var graph = new OnnxGraph();
            var input = new Value(graph.Node("Transpose", new[] { InputName }, Ints("perm", 0, 3, 1, 2)), true);
            var values = new Value[analysis.Layers.Count];
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                Value[] inputs = layer.InputIndices.Select(i => i < 0 ? input : values[i]).ToArray();
                values[layer.Index] = Translate(graph, layer, inputs, parameters);
            }

            Value last = values[values.Length - 1];
            if (last.Spatial)
            {
                graph.Node("Transpose", new[] { last.Name }, OutputName, Ints("perm", 0, 2, 3, 1));
            }
            else
            {
                graph.Node("Identity", new[] { last.Name }, OutputName);
            }

            (long[] inputDims, long[] outputDims) = Shapes(analysis);
            return graph.Model(InputName, inputDims, OutputName, outputDims);
        }

        /// <summary>Input and output shapes ORT expects for this network (NHWC batch 1, or [1, n] when flat).</summary>
        public static (long[] Input, long[] Output) Shapes(NetworkSpec spec) => Shapes(ShapeInference.Analyze(spec));

        private static (long[] Input, long[] Output) Shapes(NetworkAnalysis analysis)
        {
            TensorShape i = analysis.InputShape, o = analysis.OutputShape;
            long[] output = o.Rank == 3 ? new long[] { 1, o.Height, o.Width, o.Channels } : new long[] { 1, o.Length };
            return (new long[] { 1, i.Height, i.Width, i.Channels }, output);
        }

        private static Value Translate(OnnxGraph graph, LayerAnalysis layer, Value[] inputs, ReadOnlySpan<float> parameters)
        {
            LayerSpec s = layer.Spec;
            Value x = inputs[0];
            string name = layer.Name;
            switch (s.Kind)
            {
                case LayerKind.Conv2D:
                {
                    string kernel = graph.Initializer(name + "_kernel", OnnxWeights.ConvKernel(parameters, layer.Parameters[0]),
                        layer.OutputShape.Channels, layer.InputShape.Channels / s.Groups, s.KernelHeight, s.KernelWidth);
                    string y = Conv(graph, x.Name, kernel, Bias(graph, layer, parameters, 1), layer, s.Groups);
                    return Activate(graph, new Value(y, true), s);
                }

                case LayerKind.DepthwiseConv2D:
                {
                    int channels = layer.InputShape.Channels;
                    string kernel = graph.Initializer(name + "_depthwise_kernel", OnnxWeights.DepthwiseKernel(parameters, layer.Parameters[0]),
                        layer.OutputShape.Channels, 1, s.KernelHeight, s.KernelWidth);
                    string y = Conv(graph, x.Name, kernel, Bias(graph, layer, parameters, 1), layer, channels);
                    return Activate(graph, new Value(y, true), s);
                }

                case LayerKind.SeparableConv2D:
                {
                    // Keras: depthwise (stride, padding, dilation; no bias) then 1x1 pointwise, then the bias, then the activation.
                    int channels = layer.InputShape.Channels, depthChannels = channels * s.DepthMultiplier;
                    string depthwiseKernel = graph.Initializer(name + "_depthwise_kernel", OnnxWeights.DepthwiseKernel(parameters, layer.Parameters[0]),
                        depthChannels, 1, s.KernelHeight, s.KernelWidth);
                    string depthwise = Conv(graph, x.Name, depthwiseKernel, null, layer, channels);
                    string pointwiseKernel = graph.Initializer(name + "_pointwise_kernel", OnnxWeights.ConvKernel(parameters, layer.Parameters[1]),
                        s.Units, depthChannels, 1, 1);
                    var inputsOfPointwise = new List<string> { depthwise, pointwiseKernel };
                    string? bias = Bias(graph, layer, parameters, 2);
                    if (bias is not null)
                    {
                        inputsOfPointwise.Add(bias);
                    }

                    string y = graph.Node("Conv", inputsOfPointwise.ToArray(), Ints("kernel_shape", 1, 1));
                    return Activate(graph, new Value(y, true), s);
                }

                case LayerKind.Conv2DTranspose:
                {
                    // TF's output size: valid (in - 1) * s + k when k >= s, else in * s; same in * s. ONNX gives
                    // (in - 1) * s + k - pads + output_padding: "same" crops the pads the shape rules computed (floor half
                    // top/left), and when k < s the s - k missing cells come back as output_padding at the bottom/right,
                    // where TF's gradient-of-conv leaves them (they receive only the bias).
                    string kernel = graph.Initializer(name + "_kernel", OnnxWeights.TransposedKernel(parameters, layer.Parameters[0]),
                        layer.InputShape.Channels, s.Units, s.KernelHeight, s.KernelWidth);
                    var convInputs = new List<string> { x.Name, kernel };
                    string? bias = Bias(graph, layer, parameters, 1);
                    if (bias is not null)
                    {
                        convInputs.Add(bias);
                    }

                    string y = graph.Node("ConvTranspose", convInputs.ToArray(),
                        Ints("kernel_shape", s.KernelHeight, s.KernelWidth), Ints("strides", s.StrideHeight, s.StrideWidth),
                        Ints("pads", layer.PadTop, layer.PadLeft, layer.PadBottom, layer.PadRight),
                        Ints("output_padding", Math.Max(s.StrideHeight - s.KernelHeight, 0), Math.Max(s.StrideWidth - s.KernelWidth, 0)));
                    return Activate(graph, new Value(y, true), s);
                }

                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                {
                    // TF average pooling divides by the cells inside the image (count_include_pad = 0); max pooling never sees the pads.
                    var attributes = new List<Action<ProtoWriter>>
                    {
                        Ints("kernel_shape", s.KernelHeight, s.KernelWidth), Ints("strides", s.StrideHeight, s.StrideWidth),
                        Ints("pads", layer.PadTop, layer.PadLeft, layer.PadBottom, layer.PadRight),
                    };
                    if (s.Kind == LayerKind.AvgPool2D)
                    {
                        attributes.Add(Int("count_include_pad", 0));
                    }

                    return new Value(graph.Node(s.Kind == LayerKind.MaxPool2D ? "MaxPool" : "AveragePool", new[] { x.Name }, attributes.ToArray()), true);
                }

                case LayerKind.GlobalAveragePooling2D:
                case LayerKind.GlobalMaxPooling2D:
                {
                    string pooled = graph.Node(s.Kind == LayerKind.GlobalAveragePooling2D ? "GlobalAveragePool" : "GlobalMaxPool", new[] { x.Name });
                    return new Value(graph.Node("Flatten", new[] { pooled }, Int("axis", 1)), false); // [1, C, 1, 1] -> [1, C]
                }

                case LayerKind.ZeroPadding2D:
                {
                    // Pad's pads: all begins (N, C, H, W) then all ends.
                    string pads = graph.Int64Initializer(name + "_pads", 0, 0, s.PadTop, s.PadLeft, 0, 0, s.PadBottom, s.PadRight);
                    return new Value(graph.Node("Pad", new[] { x.Name, pads }, String("mode", "constant")), true);
                }

                case LayerKind.Cropping2D:
                {
                    // Slice on the NCHW graph's H and W axes: rows [top, H - bottom), columns [left, W - right).
                    TensorShape i = layer.InputShape;
                    string starts = graph.Int64Initializer(name + "_starts", s.PadTop, s.PadLeft);
                    string ends = graph.Int64Initializer(name + "_ends", i.Height - s.PadBottom, i.Width - s.PadRight);
                    string axes = graph.Int64Initializer(name + "_axes", 2, 3);
                    return new Value(graph.Node("Slice", new[] { x.Name, starts, ends, axes }), true);
                }

                case LayerKind.UpSampling2D:
                {
                    TensorShape o = layer.OutputShape;
                    string sizes = graph.Int64Initializer(name + "_sizes", 1, o.Channels, o.Height, o.Width);
                    Action<ProtoWriter>[] attributes = s.Interpolation == Interpolation.Nearest
                        // Keras' nearest with an integer factor repeats each pixel: source = floor(o / factor), which is
                        // ONNX "asymmetric" coordinates (o / scale) with nearest_mode floor.
                        ? new[] { String("mode", "nearest"), String("coordinate_transformation_mode", "asymmetric"), String("nearest_mode", "floor") }
                        // TF2 tf.image.resize bilinear: half-pixel centers, (o + 0.5) / scale - 0.5, clamped at the edges.
                        : new[] { String("mode", "linear"), String("coordinate_transformation_mode", "half_pixel") };
                    return new Value(graph.Node("Resize", new[] { x.Name, string.Empty, string.Empty, sizes }, attributes), true);
                }

                case LayerKind.BatchNormalization:
                {
                    // ONNX BatchNormalization normalizes axis 1: the channels of NCHW, the features of [1, n].
                    var bnInputs = new List<string> { x.Name };
                    foreach (ParameterTensor p in layer.Parameters) // gamma, beta, moving_mean, moving_variance: ONNX's scale, B, input_mean, input_var
                    {
                        bnInputs.Add(graph.Initializer(name + "_" + p.Name, OnnxWeights.Raw(parameters, p), p.Length));
                    }

                    string y = graph.Node("BatchNormalization", bnInputs.ToArray(), Float("epsilon", s.Epsilon));
                    return new Value(y, x.Spatial);
                }

                case LayerKind.Flatten:
                    if (!x.Spatial)
                    {
                        return x;
                    }

                    // Keras flattens NHWC in H, W, C order: back to NHWC first.
                    string nhwc = graph.Node("Transpose", new[] { x.Name }, Ints("perm", 0, 2, 3, 1));
                    return new Value(graph.Node("Flatten", new[] { nhwc }, Int("axis", 1)), false);

                case LayerKind.Dropout:
                    return new Value(graph.Node("Identity", new[] { x.Name }), x.Spatial);

                case LayerKind.Dense:
                {
                    ParameterTensor kernel = layer.Parameters[0];
                    var gemmInputs = new List<string> { x.Name, graph.Initializer(name + "_kernel", OnnxWeights.Raw(parameters, kernel), kernel.Shape[0], kernel.Shape[1]) };
                    string? bias = Bias(graph, layer, parameters, 1);
                    if (bias is not null)
                    {
                        gemmInputs.Add(bias);
                    }

                    return Activate(graph, new Value(graph.Node("Gemm", gemmInputs.ToArray()), false), s);
                }

                case LayerKind.Activation:
                    return Activate(graph, x, s);

                case LayerKind.Add:
                    return new Value(graph.Node("Sum", inputs.Select(v => v.Name).ToArray()), x.Spatial);

                case LayerKind.Concatenate:
                    // The channel axis: 1 in NCHW, and 1 in [1, n].
                    return new Value(graph.Node("Concat", inputs.Select(v => v.Name).ToArray(), Int("axis", 1)), x.Spatial);

                default:
                    throw new NotSupportedException($"No ONNX mapping for {s.Kind}.");
            }
        }

        /// <summary>A Conv node with the layer's kernel size, strides, dilations and explicit TF pads.</summary>
        private static string Conv(OnnxGraph graph, string x, string kernel, string? bias, LayerAnalysis layer, int group)
        {
            LayerSpec s = layer.Spec;
            string[] inputs = bias is null ? new[] { x, kernel } : new[] { x, kernel, bias };
            return graph.Node("Conv", inputs,
                Ints("kernel_shape", s.KernelHeight, s.KernelWidth), Ints("strides", s.StrideHeight, s.StrideWidth),
                Ints("dilations", s.DilationHeight, s.DilationWidth), Ints("pads", layer.PadTop, layer.PadLeft, layer.PadBottom, layer.PadRight),
                Int("group", group));
        }

        /// <summary>The layer's bias initializer (parameter tensor <paramref name="index"/>), or null without a bias.</summary>
        private static string? Bias(OnnxGraph graph, LayerAnalysis layer, ReadOnlySpan<float> parameters, int index)
        {
            if (!layer.Spec.UseBias)
            {
                return null;
            }

            ParameterTensor bias = layer.Parameters[index];
            return graph.Initializer(layer.Name + "_bias", OnnxWeights.Raw(parameters, bias), bias.Length);
        }

        /// <summary>The activation of <paramref name="s"/>, from its Keras definition; softmax over the channels (axis 1 in both layouts).</summary>
        private static Value Activate(OnnxGraph graph, Value x, LayerSpec s)
        {
            string[] input = { x.Name };
            string y = s.Activation switch
            {
                Activation.Linear => x.Name,
                Activation.ReLU => graph.Node("Relu", input),
                Activation.Sigmoid => graph.Node("Sigmoid", input),
                Activation.Tanh => graph.Node("Tanh", input),
                Activation.Softmax => graph.Node("Softmax", input, Int("axis", 1)),
                Activation.LeakyReLU => graph.Node("LeakyRelu", input, Float("alpha", s.NegativeSlope)),
                Activation.ReLU6 => graph.Node("Clip", new[] { x.Name, Scalar(graph, 0f), Scalar(graph, 6f) }),
                // Keras 3: relu6(x + 3) / 6 = clamp(x / 6 + 0.5, 0, 1), ONNX HardSigmoid with alpha 1/6, beta 0.5 (not ONNX's default 0.2).
                Activation.HardSigmoid => graph.Node("HardSigmoid", input, Float("alpha", 1f / 6f), Float("beta", 0.5f)),
                Activation.Swish => graph.Node("Mul", new[] { x.Name, graph.Node("Sigmoid", input) }),
                // ONNX HardSwish is x * max(0, min(1, x / 6 + 0.5)) = x * relu6(x + 3) / 6, Keras' hard_swish.
                Activation.HardSwish => graph.Node("HardSwish", input),
                Activation.ELU => graph.Node("Elu", input, Float("alpha", s.Alpha)),
                Activation.GELUTanh => graph.Node("Gelu", input, String("approximate", "tanh")),
                Activation.GELUErf => graph.Node("Gelu", input, String("approximate", "none")),
                _ => throw new NotSupportedException($"No ONNX mapping for activation {s.Activation}."),
            };
            return new Value(y, x.Spatial);
        }

        private static string Scalar(OnnxGraph graph, float value)
        {
            string name = "scalar_" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return graph.HasInitializer(name) ? name : graph.Initializer(name, new[] { value });
        }
    }
}
