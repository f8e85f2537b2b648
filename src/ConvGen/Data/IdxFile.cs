using System;
using System.Collections.Generic;

namespace ConvGen.Data
{
    /// <summary>
    /// The content of an IDX file of unsigned bytes (type 0x08): its dimensions and its data in row-major order
    /// (for MNIST images: [count, 28, 28]; for labels: [count]).
    /// </summary>
    public sealed class IdxFile
    {
        /// <summary>Creates the file content; <paramref name="data"/> must hold the product of the dimensions.</summary>
        public IdxFile(string source, IReadOnlyList<int> dimensions, byte[] data)
        {
            ArgumentNullException.ThrowIfNull(source);
            ArgumentNullException.ThrowIfNull(dimensions);
            ArgumentNullException.ThrowIfNull(data);
            if (dimensions.Count == 0)
            {
                throw new ArgumentException("An IDX file has at least one dimension.", nameof(dimensions));
            }

            long length = 1;
            foreach (int size in dimensions)
            {
                if (size < 0)
                {
                    throw new ArgumentException($"Dimension sizes must not be negative, got [{string.Join(", ", dimensions)}].", nameof(dimensions));
                }

                length *= size;
            }

            if (length != data.Length)
            {
                throw new ArgumentException($"Dimensions [{string.Join(", ", dimensions)}] need {length} bytes, got {data.Length}.", nameof(data));
            }

            Source = source;
            Dimensions = dimensions;
            Data = data;
        }

        /// <summary>Where the content was read from (a path or a name), used in error messages.</summary>
        public string Source { get; }

        /// <summary>The sizes of the dimensions, outermost first (the first is the number of items).</summary>
        public IReadOnlyList<int> Dimensions { get; }

        /// <summary>The unsigned bytes, row-major.</summary>
        public byte[] Data { get; }

        /// <summary>The number of items: the size of the first dimension.</summary>
        public int Count => Dimensions[0];

        /// <summary>The dimensions as text, e.g. "[60000, 28, 28]".</summary>
        public string ShapeText => "[" + string.Join(", ", Dimensions) + "]";
    }
}
