using System;
using System.Buffers.Binary;
using System.IO;

namespace Mnist.Tests;

/// <summary>Reads a PNG's signature and IHDR chunk by hand (independent of the libraries that wrote it).</summary>
internal static class Png
{
    private static readonly byte[] Signature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    public static (int Width, int Height) AssertValid(string path)
    {
        Assert.True(File.Exists(path), path + " was not written");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
