using System;
using System.Linq;

namespace ConvGen.Cli.Onnx
{
    /// <summary>A constant of the graph (initializer, Constant node or folded shape arithmetic): float or int64 data and its dimensions.</summary>
    public sealed class ConstTensor
    {
        /// <summary>A float tensor.</summary>
        public ConstTensor(long[] dims, float[] floats)
        {
            Dims = dims;
            Floats = floats;
        }

        /// <summary>An integer tensor (int64, int32, bool and int8 are all held as int64).</summary>
        public ConstTensor(long[] dims, long[] ints)
        {
            Dims = dims;
            Ints = ints;
        }

        /// <summary>The dimensions (empty for a scalar).</summary>
        public long[] Dims { get; }

        /// <summary>The data when the tensor is floating point.</summary>
        public float[]? Floats { get; }

        /// <summary>The data when the tensor is an integer.</summary>
        public long[]? Ints { get; }

        /// <summary>The element count.</summary>
        public int Length => Floats?.Length ?? Ints!.Length;

        /// <summary>The data as floats, whichever type it has.</summary>
        public float[] AsFloats() => Floats ?? Ints!.Select(v => (float)v).ToArray();

        /// <summary>The data as integers; floats must be whole numbers.</summary>
        public long[] AsInts() => Ints ?? Floats!.Select(v => v == Math.Floor(v) ? (long)v : throw new FormatException($"{v} is not a whole number")).ToArray();

        /// <summary>The dimensions without leading and trailing ones ([1, C, 1, 1] → [C]).</summary>
        public long[] SqueezedDims() => Dims.Where(d => d != 1).ToArray();

        /// <summary>Whether every element equals <paramref name="value"/>.</summary>
        public bool IsAll(float value, float tolerance = 1e-6f) => AsFloats().All(v => Math.Abs(v - value) <= tolerance * Math.Max(1f, Math.Abs(value)));

        /// <inheritdoc />
        public override string ToString() => "[" + string.Join(", ", Dims) + "] " + (Length <= 8 ? string.Join(", ", Floats?.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? Ints!.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) : Length + " values");
    }
}
