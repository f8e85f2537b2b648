using System;

namespace ConvGen.Weights
{
    /// <summary>
    /// A safetensors file that cannot be loaded into a network: malformed (truncated, bad header, bad offsets) or
    /// not matching the declaration (missing, extra or wrongly shaped tensors). Nothing is loaded when this is thrown.
    /// </summary>
    public sealed class SafeTensorsException : FormatException
    {
        /// <summary>Creates the exception.</summary>
        public SafeTensorsException(string message, string? tensorName = null, Exception? inner = null)
            : base(message, inner)
        {
            TensorName = tensorName;
        }

        /// <summary>The tensor the (first) problem is about, or null when it is about the file as a whole.</summary>
        public string? TensorName { get; }
    }
}
