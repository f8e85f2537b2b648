using System;

namespace ConvGen.Data
{
    /// <summary>An IDX file (the MNIST format) that is malformed or not what the caller expects; the message names the file.</summary>
    public sealed class IdxFormatException : FormatException
    {
        /// <summary>Creates the exception for <paramref name="fileName"/>.</summary>
        public IdxFormatException(string fileName, string message)
            : base($"{fileName}: {message}")
        {
            FileName = fileName;
        }

        /// <summary>The file (path or name given to the reader) the problem is about.</summary>
        public string FileName { get; }
    }
}
