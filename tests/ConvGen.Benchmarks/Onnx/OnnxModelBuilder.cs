using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace ConvGen.Benchmarks.Onnx
{
    /// <summary>
    /// Builds the ONNX model (opset 13) of a ConvGen network with the same weights, written from the Keras semantics
    /// and not from the generated code. ONNX convolutions are NCHW with [out, in, kh, kw] kernels, so the graph takes
    /// the same NHWC input, transposes it to NCHW, uses re-laid kernels, and transposes back to NHWC before Flatten
    /// (Keras flattens in H, W, C order) or at the output. TensorFlow "same" padding becomes explicit pads with the
    /// extra cell at the bottom/right, exactly the pads the shared shape rules computed. Average pooling excludes
    /// padding (count_include_pad = 0), max pooling never sees it: both are TensorFlow's rules.
    /// </summary>
    public static class OnnxModelBuilder
    {
        public const string InputName = "input";
        public const string OutputName = "output";

        // onnx.proto field numbers used below.
        private const int FloatType = 1;
        private const int AttrFloat = 1, AttrInt = 2, AttrInts = 7;

        public static byte[] Build(NetworkSpec spec, ReadOnlySpan<float> parameters)
        {
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            if (analysis.HasErrors)
            {
                throw new InvalidNetworkException(analysis.Diagnostics);
            }

            var graph = new GraphBuilder();
            TensorShape input = analysis.InputShape;
            string current = graph.Node("Transpose", new[] { InputName }, Ints("perm", 0, 3, 1, 2));
            bool nchw = true; // false once the tensor is flat

            foreach (LayerAnalysis layer in analysis.Layers)
            {
                LayerSpec s = layer.Spec;
                switch (s.Kind)
                {
                    case LayerKind.Conv2D:
                    {
                        var inputs = new List<string> { current, graph.Initializer(layer.Name + "_kernel", ConvKernel(layer, parameters), layer.OutputShape.Channels, layer.InputShape.Channels, s.KernelHeight, s.KernelWidth) };
                        if (s.UseBias)
                        {
                            ParameterTensor bias = layer.Parameters[1];
                            inputs.Add(graph.Initializer(layer.Name + "_bias", parameters.Slice(bias.Offset, bias.Length).ToArray(), bias.Length));
                        }

                        current = graph.Node("Conv", inputs.ToArray(),
                            Ints("kernel_shape", s.KernelHeight, s.KernelWidth), Ints("strides", s.StrideHeight, s.StrideWidth),
                            Ints("dilations", s.DilationHeight, s.DilationWidth), Ints("pads", layer.PadTop, layer.PadLeft, layer.PadBottom, layer.PadRight));
                        current = Activate(graph, current, s, channelAxis: 1);
                        break;
                    }

                    case LayerKind.MaxPool2D:
                    case LayerKind.AvgPool2D:
                    {
                        var attributes = new List<Action<ProtoWriter>>
                        {
                            Ints("kernel_shape", s.KernelHeight, s.KernelWidth), Ints("strides", s.StrideHeight, s.StrideWidth),
                            Ints("pads", layer.PadTop, layer.PadLeft, layer.PadBottom, layer.PadRight),
                        };
                        if (s.Kind == LayerKind.AvgPool2D)
                        {
                            attributes.Add(Int("count_include_pad", 0));
                        }

                        current = graph.Node(s.Kind == LayerKind.MaxPool2D ? "MaxPool" : "AveragePool", new[] { current }, attributes.ToArray());
                        break;
                    }

                    case LayerKind.Flatten:
                        if (nchw)
                        {
                            current = graph.Node("Transpose", new[] { current }, Ints("perm", 0, 2, 3, 1));
                            current = graph.Node("Flatten", new[] { current }, Int("axis", 1));
                            nchw = false;
                        }

                        break;

                    case LayerKind.Dense:
                    {
                        ParameterTensor kernel = layer.Parameters[0];
                        var inputs = new List<string> { current, graph.Initializer(layer.Name + "_kernel", parameters.Slice(kernel.Offset, kernel.Length).ToArray(), kernel.Shape[0], kernel.Shape[1]) };
                        if (s.UseBias)
                        {
                            ParameterTensor bias = layer.Parameters[1];
                            inputs.Add(graph.Initializer(layer.Name + "_bias", parameters.Slice(bias.Offset, bias.Length).ToArray(), bias.Length));
                        }

                        current = graph.Node("Gemm", inputs.ToArray());
                        current = Activate(graph, current, s, channelAxis: 1);
                        break;
                    }

                    case LayerKind.Activation:
                        current = Activate(graph, current, s, channelAxis: 1);
                        break;

                    default:
                        throw new NotSupportedException($"No ONNX mapping for {s.Kind} yet.");
                }
            }

            TensorShape output = analysis.OutputShape;
            long[] outputDims;
            if (nchw)
            {
                graph.Node("Transpose", new[] { current }, OutputName, Ints("perm", 0, 2, 3, 1));
                outputDims = new long[] { 1, output.Height, output.Width, output.Channels };
            }
            else
            {
                graph.Node("Identity", new[] { current }, OutputName);
                outputDims = new long[] { 1, output.Length };
            }

            return Model(graph, new long[] { 1, input.Height, input.Width, input.Channels }, outputDims);
        }

        /// <summary>Input and output shapes ORT expects for this network (NHWC batch 1, or [1, n] when flat).</summary>
        public static (long[] Input, long[] Output) Shapes(NetworkSpec spec)
        {
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            TensorShape i = analysis.InputShape, o = analysis.OutputShape;
            long[] output = o.Rank == 3 ? new long[] { 1, o.Height, o.Width, o.Channels } : new long[] { 1, o.Length };
            return (new long[] { 1, i.Height, i.Width, i.Channels }, output);
        }

        /// <summary>Keras [kh, kw, in, out] to ONNX [out, in, kh, kw].</summary>
        private static float[] ConvKernel(LayerAnalysis layer, ReadOnlySpan<float> parameters)
        {
            ParameterTensor k = layer.Parameters[0];
            int kh = k.Shape[0], kw = k.Shape[1], cin = k.Shape[2], cout = k.Shape[3];
            ReadOnlySpan<float> keras = parameters.Slice(k.Offset, k.Length);
            var onnx = new float[k.Length];
            for (int y = 0; y < kh; y++)
            {
                for (int x = 0; x < kw; x++)
                {
                    for (int i = 0; i < cin; i++)
                    {
                        for (int o = 0; o < cout; o++)
                        {
                            onnx[((o * cin + i) * kh + y) * kw + x] = keras[((y * kw + x) * cin + i) * cout + o];
                        }
                    }
                }
            }

            return onnx;
        }

        private static string Activate(GraphBuilder graph, string x, LayerSpec s, int channelAxis) => s.Activation switch
        {
            Activation.Linear => x,
            Activation.ReLU => graph.Node("Relu", new[] { x }),
            Activation.Sigmoid => graph.Node("Sigmoid", new[] { x }),
            Activation.Tanh => graph.Node("Tanh", new[] { x }),
            Activation.LeakyReLU => graph.Node("LeakyRelu", new[] { x }, Float("alpha", s.NegativeSlope)),
            Activation.Softmax => graph.Node("Softmax", new[] { x }, Int("axis", channelAxis)),
            _ => throw new NotSupportedException($"No ONNX mapping for activation {s.Activation} yet."),
        };

        private static byte[] Model(GraphBuilder graph, long[] inputDims, long[] outputDims)
        {
            var model = new ProtoWriter();
            model.Int(1, 8); // ir_version
            model.String(2, "ConvGen.Benchmarks");
            model.Message(7, g =>
            {
                graph.WriteNodes(g);
                g.String(2, "convgen");
                graph.WriteInitializers(g);
                g.Message(11, v => ValueInfo(v, InputName, inputDims));
                g.Message(12, v => ValueInfo(v, OutputName, outputDims));
            });
            model.Message(8, o => o.String(1, string.Empty).Int(2, 13)); // opset_import: default domain, opset 13
            return model.ToArray();
        }

        private static void ValueInfo(ProtoWriter v, string name, long[] dims)
        {
            v.String(1, name);
            v.Message(2, type => type.Message(1, tensor =>
            {
                tensor.Int(1, FloatType);
                tensor.Message(2, shape =>
                {
                    foreach (long d in dims)
                    {
                        shape.Message(1, dim => dim.Int(1, d));
                    }
                });
            }));
        }

        private static Action<ProtoWriter> Ints(string name, params long[] values) => a =>
        {
            a.String(1, name);
            foreach (long v in values)
            {
                a.Int(8, v);
            }

            a.Int(20, AttrInts);
        };

        private static Action<ProtoWriter> Int(string name, long value) => a => a.String(1, name).Int(3, value).Int(20, AttrInt);

        private static Action<ProtoWriter> Float(string name, float value) => a => a.String(1, name).Float(2, value).Int(20, AttrFloat);

        /// <summary>Collects nodes (with generated value names) and float initializers.</summary>
        private sealed class GraphBuilder
        {
            private readonly List<Action<ProtoWriter>> _nodes = new();
            private readonly List<Action<ProtoWriter>> _initializers = new();
            private int _next;

            public string Node(string op, string[] inputs, params Action<ProtoWriter>[] attributes) => Node(op, inputs, "t" + _next++, attributes);

            public string Node(string op, string[] inputs, string output, params Action<ProtoWriter>[] attributes)
            {
                string name = op + "_" + _nodes.Count;
                _nodes.Add(n =>
                {
                    foreach (string input in inputs)
                    {
                        n.String(1, input);
                    }

                    n.String(2, output);
                    n.String(3, name);
                    n.String(4, op);
                    foreach (Action<ProtoWriter> attribute in attributes)
                    {
                        n.Message(5, attribute);
                    }
                });
                return output;
            }

            public string Initializer(string name, float[] values, params long[] dims)
            {
                _initializers.Add(t =>
                {
                    foreach (long d in dims)
                    {
                        t.Int(1, d);
                    }

                    t.Int(2, FloatType);
                    t.String(8, name);
                    t.Bytes(9, MemoryMarshal.AsBytes(values.AsSpan())); // raw_data, little-endian
                });
                return name;
            }

            public void WriteNodes(ProtoWriter g)
            {
                foreach (Action<ProtoWriter> node in _nodes)
                {
                    g.Message(1, node);
                }
            }

            public void WriteInitializers(ProtoWriter g)
            {
                foreach (Action<ProtoWriter> initializer in _initializers)
                {
                    g.Message(5, initializer);
                }
            }
        }

    }
}
