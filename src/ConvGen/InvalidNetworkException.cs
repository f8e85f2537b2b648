using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen
{
    /// <summary>Thrown when a <see cref="NetworkSpec"/> built at run time breaks the layer rules (the generator reports the same as compiler errors).</summary>
    public sealed class InvalidNetworkException : Exception
    {
        /// <summary>Creates the exception from the diagnostics of <see cref="ShapeInference.Analyze"/>.</summary>
        public InvalidNetworkException(IReadOnlyList<SpecDiagnostic> diagnostics)
            : base("Invalid network: " + string.Join("; ", diagnostics.Select(d => d.ToString())))
        {
            Diagnostics = diagnostics;
        }

        /// <summary>What is wrong.</summary>
        public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }
    }
}
