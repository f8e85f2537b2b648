using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Cli.Import
{
    /// <summary>The model reads fine but holds things ConvGen cannot express (every one of them listed); exit code 2.</summary>
    public sealed class UnsupportedModelException : Exception
    {
        /// <summary>Creates the exception from every problem found.</summary>
        public UnsupportedModelException(IReadOnlyList<ImportProblem> problems)
            : base("The model cannot be imported:\n" + string.Join("\n", problems.Select(p => "  " + p)))
        {
            Problems = problems;
        }

        /// <summary>Creates the exception for one problem.</summary>
        public UnsupportedModelException(ImportProblem problem)
            : this(new[] { problem })
        {
        }

        /// <summary>Every unsupported node, in graph order.</summary>
        public IReadOnlyList<ImportProblem> Problems { get; }
    }
}
