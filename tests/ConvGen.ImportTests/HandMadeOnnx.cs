using System.Linq;
using Google.Protobuf;
using Onnx;

namespace ConvGen.ImportTests
{
    /// <summary>Small ONNX models written with the generated protobuf classes, for the cases exporters rarely produce.</summary>
    public static class HandMadeOnnx
    {
        /// <summary>A model with input "x" [1, 3, 8, 8] (or the given dims; a string is a dynamic dimension), the nodes, and output "y".</summary>
        public static byte[] Model(NodeProto[] nodes, TensorProto[]? initializers = null, int opset = 13, object[]? inputDims = null)
        {
            var graph = new GraphProto { Name = "handmade" };
            graph.Node.AddRange(nodes);
            graph.Initializer.AddRange(initializers ?? System.Array.Empty<TensorProto>());
            graph.Input.Add(Value("x", inputDims ?? new object[] { 1L, 3L, 8L, 8L }));
            graph.Output.Add(new ValueInfoProto { Name = "y", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
            var model = new ModelProto { IrVersion = 8, ProducerName = "handmade", Graph = graph };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
            return model.ToByteArray();
        }

        public static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
        {
            var node = new NodeProto { OpType = op, Name = op.ToLowerInvariant() + "_node" };
            node.Input.AddRange(inputs);
            node.Output.Add(output);
            node.Attribute.AddRange(attributes);
            return node;
        }

        public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

        public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

        public static AttributeProto Ints(string name, params long[] values)
        {
            var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
            a.Ints.AddRange(values);
            return a;
        }

        /// <summary>A 1-D int64 tensor (Slice's starts, ends, axes and steps).</summary>
        public static TensorProto Longs(string name, params long[] values)
        {
            var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
            t.Dims.Add(values.Length);
            t.Int64Data.AddRange(values);
            return t;
        }

        public static TensorProto Tensor(string name, long[] dims) => ConvGen.Cli.Onnx.OnnxTensors.Float(name, dims, Enumerable.Range(0, (int)dims.Aggregate(1L, (a, b) => a * b)).Select(i => (i % 7) * 0.1f).ToArray());

        private static ValueInfoProto Value(string name, object[] dims)
        {
            var shape = new TensorShapeProto();
            foreach (object d in dims)
            {
                shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension { DimValue = (long)d });
            }

            return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
        }
    }
}
