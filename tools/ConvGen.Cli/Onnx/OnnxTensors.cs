using System;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using static global::Onnx.TensorProto.Types;

namespace ConvGen.Cli.Onnx
{
    /// <summary>Reads ONNX <c>TensorProto</c>s (raw little-endian data or the typed repeated fields) into <see cref="ConstTensor"/>s.</summary>
    public static class OnnxTensors
    {
        /// <summary>Reads a tensor; null with <paramref name="why"/> set when its type or storage is not supported.</summary>
        public static ConstTensor? Read(global::Onnx.TensorProto t, out string why)
        {
            why = string.Empty;
            long[] dims = t.Dims.ToArray();
            long count = dims.Aggregate(1L, (a, b) => a * b);
            if (t.DataLocation == DataLocation.External || t.ExternalData.Count > 0)
            {
                why = "its data is stored in an external file (export without external data, or load it into the model first)";
                return null;
            }

            if (count < 0 || count > int.MaxValue / 8)
            {
                why = $"it has impossible dimensions [{string.Join(", ", dims)}]";
                return null;
            }

            ReadOnlySpan<byte> raw = t.RawData.Span;
            switch ((DataType)t.DataType)
            {
                case DataType.Float:
                    return Check(dims, count, raw.Length > 0 ? MemoryMarshal.Cast<byte, float>(raw).ToArray() : t.FloatData.ToArray(), out why);
                case DataType.Double:
                    return Check(dims, count, (raw.Length > 0 ? MemoryMarshal.Cast<byte, double>(raw).ToArray() : t.DoubleData.ToArray()).Select(v => (float)v).ToArray(), out why);
                case DataType.Int64:
                    return Check(dims, count, raw.Length > 0 ? MemoryMarshal.Cast<byte, long>(raw).ToArray() : t.Int64Data.ToArray(), out why);
                case DataType.Int32:
                    return Check(dims, count, raw.Length > 0 ? MemoryMarshal.Cast<byte, int>(raw).ToArray().Select(v => (long)v).ToArray() : t.Int32Data.Select(v => (long)v).ToArray(), out why);
                case DataType.Bool:
                case DataType.Int8:
                case DataType.Uint8:
                    return Check(dims, count, raw.Length > 0 ? raw.ToArray().Select(v => (DataType)t.DataType == DataType.Int8 ? (long)(sbyte)v : v).ToArray() : t.Int32Data.Select(v => (long)v).ToArray(), out why);
                default:
                    why = $"its data type {(DataType)t.DataType} is not supported (ConvGen is float32 only)";
                    return null;
            }
        }

        private static ConstTensor? Check(long[] dims, long count, float[] data, out string why)
        {
            why = data.Length == count ? string.Empty : $"it holds {data.Length} values for dimensions [{string.Join(", ", dims)}] ({count}): truncated or corrupt";
            return data.Length == count ? new ConstTensor(dims, data) : null;
        }

        private static ConstTensor? Check(long[] dims, long count, long[] data, out string why)
        {
            why = data.Length == count ? string.Empty : $"it holds {data.Length} values for dimensions [{string.Join(", ", dims)}] ({count}): truncated or corrupt";
            return data.Length == count ? new ConstTensor(dims, data) : null;
        }

        /// <summary>A float tensor as a TensorProto (used by tests and the verifier).</summary>
        public static global::Onnx.TensorProto Float(string name, long[] dims, float[] data)
        {
            var t = new global::Onnx.TensorProto { Name = name, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data.AsSpan())) };
            t.Dims.AddRange(dims);
            return t;
        }
    }
}
