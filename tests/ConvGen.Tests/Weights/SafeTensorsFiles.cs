using System;
using System.IO;
using System.Text;

namespace ConvGen.Tests.Weights
{
    /// <summary>Networks and hand-built files for the safetensors tests (built without the writer under test).</summary>
    internal static class SafeTensorsFiles
    {
        /// <summary>[1, 1, 2] -> Flatten -> Dense(2): dense.kernel [2, 2] (4 floats), dense.bias [2]; 6 parameters.</summary>
        public static NetworkSpec TinyDense { get; } = new NetworkSpec(1, 1, 2, new[] { LayerSpec.Flatten(), LayerSpec.Dense(2) });

        /// <summary>
        /// [5, 5, 2] -> Conv2D(3, 3x3) -> MaxPool 2 -> Conv2D(4, 1x2, no bias) -> Flatten -> Dense(3):
        /// conv2d.kernel [3, 3, 2, 3], conv2d.bias [3], conv2d_1.kernel [1, 2, 3, 4], dense.kernel [24, 3], dense.bias [3]:
        /// 54 + 3 + 24 + 72 + 3 = 156 parameters; two layers of one kind, a layer without weights, one without bias.
        /// </summary>
        public static NetworkSpec Small { get; } = new NetworkSpec(5, 5, 2, new[]
        {
            LayerSpec.Conv2D(3, 3, 3, activation: Activation.ReLU),
            LayerSpec.MaxPool2D(1, 1),
            LayerSpec.Conv2D(4, 1, 2, useBias: false),
            LayerSpec.Flatten(),
            LayerSpec.Dense(3),
        });

        /// <summary>8-byte little-endian length (written byte by byte), the header as ASCII, then the data.</summary>
        public static byte[] Build(string header, byte[] data, ulong? claimedLength = null)
        {
            byte[] json = Encoding.ASCII.GetBytes(header);
            ulong length = claimedLength ?? (ulong)json.Length;
            var file = new byte[8 + json.Length + data.Length];
            for (int i = 0; i < 8; i++)
            {
                file[i] = (byte)(length >> (8 * i));
            }

            json.CopyTo(file, 8);
            data.CopyTo(file, 8 + json.Length);
            return file;
        }

        /// <summary>An F32 entry as the header spells it.</summary>
        public static string Entry(string name, string shape, long begin, long end, string dtype = "F32") =>
            $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{shape}],\"data_offsets\":[{begin},{end}]}}";

        /// <summary>A correct header for <see cref="TinyDense"/> (kernel 16 bytes, then bias 8 bytes).</summary>
        public static string TinyHeader => "{" + Entry("dense.kernel", "2,2", 0, 16) + "," + Entry("dense.bias", "2", 16, 24) + "}";
    }

    /// <summary>A read-only stream that cannot seek (a network stream or a pipe), so its length is unknown.</summary>
    internal sealed class ForwardOnlyStream : Stream
    {
        private readonly Stream _inner;

        public ForwardOnlyStream(byte[] bytes) => _inner = new MemoryStream(bytes, writable: false);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        // Hand out at most 7 bytes per call so the loader's read loops are exercised.
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
