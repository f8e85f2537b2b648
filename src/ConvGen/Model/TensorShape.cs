using System;

namespace ConvGen
{
    /// <summary>
    /// The shape of one activation tensor, batch axis left out: rank 3 is [height, width, channels] (NHWC),
    /// rank 1 is [channels] (after <c>Flatten</c> or <c>Dense</c>).
    /// </summary>
    public readonly struct TensorShape : IEquatable<TensorShape>
    {
        /// <summary>Creates a rank-3 [height, width, channels] shape.</summary>
        public TensorShape(int height, int width, int channels)
        {
            Rank = 3;
            Height = height;
            Width = width;
            Channels = channels;
        }

        private TensorShape(int channels)
        {
            Rank = 1;
            Height = 1;
            Width = 1;
            Channels = channels;
        }

        /// <summary>Creates a rank-1 [length] shape.</summary>
        public static TensorShape Flat(int length) => new TensorShape(length);

        /// <summary>1 for [C], 3 for [H, W, C].</summary>
        public int Rank { get; }

        /// <summary>Height (1 for rank 1).</summary>
        public int Height { get; }

        /// <summary>Width (1 for rank 1).</summary>
        public int Width { get; }

        /// <summary>Channels, or the length of a rank-1 tensor.</summary>
        public int Channels { get; }

        /// <summary>Number of floats: H * W * C.</summary>
        public long Length => (long)Height * Width * Channels;

        /// <summary>"[28, 28, 3]" or "[10]".</summary>
        public override string ToString() => Rank == 1
            ? "[" + Channels.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, "[{0}, {1}, {2}]", Height, Width, Channels);

        /// <summary>"7x7" (spatial size only).</summary>
        public string SpatialText => string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}x{1}", Height, Width);

        /// <inheritdoc />
        public bool Equals(TensorShape other) => Rank == other.Rank && Height == other.Height && Width == other.Width && Channels == other.Channels;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is TensorShape other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => HashHelpers.Combine(Rank, HashHelpers.Combine(Height, HashHelpers.Combine(Width, Channels)));

        /// <summary>Equality.</summary>
        public static bool operator ==(TensorShape left, TensorShape right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        public static bool operator !=(TensorShape left, TensorShape right) => !left.Equals(right);
    }

    /// <summary>Hash combining that also compiles for netstandard2.0 (the generator), which has no System.HashCode.</summary>
    internal static class HashHelpers
    {
        public static int Combine(int h1, int h2) => unchecked(((h1 << 5) + h1) ^ h2);
    }
}
