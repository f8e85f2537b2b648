using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace ConvGen
{
    /// <summary>
    /// Errors the generated <c>Run</c> methods raise for misuse, kept here so each generated class does not repeat the
    /// messages. Called by generated code; not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RunGuard
    {
        /// <summary>Input and output share memory: a layer would overwrite input it has not read yet.</summary>
        [DoesNotReturn]
        public static void ThrowOverlap(string networkName) => throw new ArgumentException(
            $"The output of {networkName}.Run overlaps its input. Layers write the output while they still read the " +
            "input, so the result would be wrong: pass separate buffers.", "output");

        /// <summary>A span passed to a generated constructor or Run has the wrong length.</summary>
        [DoesNotReturn]
        public static void ThrowWrongLength(string parameterName, string what, int expected, int actual) => throw new ArgumentException(
            $"Expected {expected} floats for the {what} but got {actual}.", parameterName);

        /// <summary>The instance is already running on another thread.</summary>
        [DoesNotReturn]
        public static void ThrowConcurrentUse(string networkName) => throw BatchRunner.ConcurrentUse(networkName);
    }
}
