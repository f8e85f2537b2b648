using System;

namespace ConvGen.Cli.Import
{
    /// <summary>The file is not a model this tool reads (wrong type, truncated, corrupt, missing); exit code 1.</summary>
    public sealed class ModelFileException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ModelFileException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
