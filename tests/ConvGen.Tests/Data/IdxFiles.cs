using System;
using System.Collections.Generic;
using System.IO;

namespace ConvGen.Tests.Data
{
    /// <summary>Hand-made IDX bytes: magic 00 00 type rank, big-endian sizes, then data.</summary>
    internal static class IdxFiles
    {
        public static byte[] Build(byte type, int[] sizes, byte[] data)
        {
            var bytes = new List<byte> { 0, 0, type, (byte)sizes.Length };
            foreach (int size in sizes)
            {
                bytes.Add((byte)(size >> 24));
                bytes.Add((byte)(size >> 16));
                bytes.Add((byte)(size >> 8));
                bytes.Add((byte)size);
            }

            bytes.AddRange(data);
            return bytes.ToArray();
        }

        public static byte[] Images(int count, Func<int, int, byte> pixel)
        {
            var data = new byte[count * 784];
            for (int n = 0; n < count; n++)
            {
                for (int p = 0; p < 784; p++)
                {
                    data[(n * 784) + p] = pixel(n, p);
                }
            }

            return Build(0x08, new[] { count, 28, 28 }, data);
        }

        public static byte[] Labels(params byte[] labels) => Build(0x08, new[] { labels.Length }, labels);

        public static string Write(string folder, string name, byte[] bytes)
        {
            string path = Path.Combine(folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }
    }
}
