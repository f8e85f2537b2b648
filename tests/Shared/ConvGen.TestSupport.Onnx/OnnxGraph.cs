using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace ConvGen.Onnx
{
    /// <summary>
    /// Collects the nodes (with generated value names) and initializers of one ONNX graph and writes the ModelProto.
    /// Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto).
    /// </summary>
    public sealed class OnnxGraph
    {
        /// <summary>ONNX operator set used by every model (ORT 1.31 implements it; it has Gelu with <c>approximate</c>).</summary>
        public const int Opset = 20;

        /// <summary>IR version 9 is the one that goes with opset 20.</summary>
        public const int IrVersion = 9;

        // TensorProto.DataType and AttributeProto.AttributeType values.
        private const int FloatType = 1, Int64Type = 7;
        private const int AttrFloat = 1, AttrInt = 2, AttrString = 3, AttrInts = 7;

        private readonly List<Action<ProtoWriter>> _nodes = new();
        private readonly List<Action<ProtoWriter>> _initializers = new();
        private readonly HashSet<string> _initializerNames = new(StringComparer.Ordinal);
        private int _next;

        /// <summary>Adds a node with one output, named automatically; returns the output's name.</summary>
        public string Node(string op, string[] inputs, params Action<ProtoWriter>[] attributes) => Node(op, inputs, "t" + _next++, attributes);

        /// <summary>Adds a node with one named output. An empty input name is an omitted optional input.</summary>
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

        /// <summary>A float constant tensor (raw little-endian data).</summary>
        public string Initializer(string name, float[] values, params long[] dims)
        {
            CheckLength(name, values.Length, dims);
            byte[] raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
            return AddInitializer(name, FloatType, raw, dims);
        }

        /// <summary>Whether an initializer of this name exists (shared constants such as Clip's bounds).</summary>
        public bool HasInitializer(string name) => _initializerNames.Contains(name);

        /// <summary>A 1-D int64 constant tensor (pads, sizes).</summary>
        public string Int64Initializer(string name, params long[] values)
        {
            byte[] raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
            return AddInitializer(name, Int64Type, raw, values.Length);
        }

        /// <summary>The model: this graph with one float input and one float output of the given shapes.</summary>
        public byte[] Model(string inputName, long[] inputDims, string outputName, long[] outputDims)
        {
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("raw_data is written in the machine's byte order, which must be little-endian.");
            }

            var model = new ProtoWriter();
            model.Int(1, IrVersion);
            model.String(2, "ConvGen");
            model.Message(7, g =>
            {
                foreach (Action<ProtoWriter> node in _nodes)
                {
                    g.Message(1, node);
                }

                g.String(2, "convgen");
                foreach (Action<ProtoWriter> initializer in _initializers)
                {
                    g.Message(5, initializer);
                }

                g.Message(11, v => ValueInfo(v, inputName, inputDims));
                g.Message(12, v => ValueInfo(v, outputName, outputDims));
            });
            model.Message(8, o => o.String(1, string.Empty).Int(2, Opset)); // opset_import: the default domain
            return model.ToArray();
        }

        public static Action<ProtoWriter> Ints(string name, params long[] values) => a =>
        {
            a.String(1, name);
            foreach (long v in values)
            {
                a.Int(8, v);
            }

            a.Int(20, AttrInts);
        };

        public static Action<ProtoWriter> Int(string name, long value) => a => a.String(1, name).Int(3, value).Int(20, AttrInt);

        public static Action<ProtoWriter> Float(string name, float value) => a => a.String(1, name).Float(2, value).Int(20, AttrFloat);

        public static Action<ProtoWriter> String(string name, string value) => a => a.String(1, name).String(4, value).Int(20, AttrString);

        private string AddInitializer(string name, int type, byte[] raw, params long[] dims)
        {
            if (!_initializerNames.Add(name))
            {
                throw new ArgumentException($"Initializer {name} is defined twice.", nameof(name));
            }

            _initializers.Add(t =>
            {
                foreach (long d in dims)
                {
                    t.Int(1, d);
                }

                t.Int(2, type);
                t.String(8, name);
                t.Bytes(9, raw);
            });
            return name;
        }

        private static void CheckLength(string name, int length, long[] dims)
        {
            long expected = 1;
            foreach (long d in dims)
            {
                expected *= d;
            }

            if (expected != length)
            {
                throw new ArgumentException($"Initializer {name} has {length} values for dims [{string.Join(", ", dims)}].", nameof(dims));
            }
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
    }
}
