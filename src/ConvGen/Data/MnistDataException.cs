using System;

namespace ConvGen.Data
{
    /// <summary>MNIST could not be fetched or the cache holds something else; the message says what to do.</summary>
    public sealed class MnistDataException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public MnistDataException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
