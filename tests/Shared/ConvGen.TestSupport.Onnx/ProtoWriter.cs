using System;
using System.IO;
using System.Text;

namespace ConvGen.Onnx
{
    /// <summary>
    /// The few bits of the protobuf wire format an ONNX model needs: varints, 32-bit floats, length-delimited
    /// strings, bytes and nested messages. Repeated scalars are written unpacked (one tag each), which every
    /// protobuf reader accepts for proto2 files like onnx.proto.
    /// </summary>
    public sealed class ProtoWriter
    {
        private const int Varint = 0, LengthDelimited = 2, Fixed32 = 5;
        private readonly MemoryStream _stream = new();

        public byte[] ToArray() => _stream.ToArray();

        public ProtoWriter Int(int field, long value)
        {
            Tag(field, Varint);
            WriteVarint(unchecked((ulong)value));
            return this;
        }

        public ProtoWriter Float(int field, float value)
        {
            Tag(field, Fixed32);
            Span<byte> bytes = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
            _stream.Write(bytes);
            return this;
        }

        public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
        {
            Tag(field, LengthDelimited);
            WriteVarint((ulong)value.Length);
            _stream.Write(value);
            return this;
        }

        /// <summary>A nested message, written by <paramref name="build"/> into its own writer.</summary>
        public ProtoWriter Message(int field, Action<ProtoWriter> build)
        {
            var inner = new ProtoWriter();
            build(inner);
            return Bytes(field, inner.ToArray());
        }

        private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _stream.WriteByte((byte)value);
        }
    }
}
