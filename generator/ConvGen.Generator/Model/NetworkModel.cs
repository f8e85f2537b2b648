namespace ConvGen.Generator.Model
{
    /// <summary>
    /// Everything the emitter needs for one [ConvNet] class, as plain equatable data (no symbols, no syntax):
    /// where to put the code and the network declaration.
    /// </summary>
    /// <param name="Namespace">Containing namespace, or null for the global namespace.</param>
    /// <param name="ClassName">The class name.</param>
    /// <param name="ContainingTypes">Declarations of the enclosing types, outermost first, e.g. "partial class Outer".</param>
    /// <param name="Network">The declaration.</param>
    /// <param name="Winograd">Whether eligible convolutions may run as Winograd (<c>[ConvNet(..., Winograd = false)]</c> turns it off).</param>
    internal sealed record NetworkModel(string? Namespace, string ClassName, EquatableArray<string> ContainingTypes, ConvGen.NetworkSpec Network, bool Winograd = true)
    {
        /// <summary>Full name used for the hint name and comments: Namespace.Outer.Class.</summary>
        public string FullName
        {
            get
            {
                string prefix = Namespace is null ? string.Empty : Namespace + ".";
                foreach (string containing in ContainingTypes)
                {
                    prefix += containing.Substring(containing.LastIndexOf(' ') + 1) + ".";
                }

                return prefix + ClassName;
            }
        }
    }

    /// <summary>
    /// The parse step's result: the model when code can be generated, and the diagnostics in any case; for a declaration
    /// with errors that can still hold generated code, the stub to emit instead.
    /// </summary>
    internal sealed record ParseResult(NetworkModel? Network, EquatableArray<DiagnosticInfo> Diagnostics, NetworkStub? Stub = null);
}
