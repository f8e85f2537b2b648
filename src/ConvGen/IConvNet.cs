using System;

namespace ConvGen
{
    /// <summary>
    /// What every generated network implements, so code can hold different networks behind one type
    /// (benchmarks, batch runners, tests). The generated class also has the same members as constants.
    /// </summary>
    public interface IConvNet
    {
        /// <summary>The declaration, for the reference interpreter and tools.</summary>
        NetworkSpec Specification { get; }

        /// <summary>Floats in one input image (NHWC).</summary>
        int InputLength { get; }

        /// <summary>Floats in one output.</summary>
        int OutputLength { get; }

        /// <summary>Runs one image; allocates nothing.</summary>
        void Run(ReadOnlySpan<float> input, Span<float> output);
    }
}
