namespace ConvGen.Generator.Model
{
    /// <summary>
    /// A [ConvNet] class that has errors but can hold generated code (a partial, non-generic, non-static class): the
    /// emitter gives it the generated members' signatures, each throwing, so that code using them still compiles and the
    /// user sees only the ConvGen diagnostic that matters instead of a cascade of "does not contain a definition".
    /// </summary>
    /// <param name="Namespace">Containing namespace, or null for the global namespace.</param>
    /// <param name="ClassName">The class name.</param>
    /// <param name="ContainingTypes">Declarations of the enclosing types, outermost first.</param>
    /// <param name="UserMembers">Names of members the class declares itself that a stub must not declare again.</param>
    /// <param name="Training">The declaration asks for a Trainer (<c>Training = true</c>): the stub declares one too.</param>
    internal sealed record NetworkStub(string? Namespace, string ClassName, EquatableArray<string> ContainingTypes, EquatableArray<string> UserMembers, bool Training)
    {
        /// <summary>The same hint name a valid network's file has (a class gets one or the other).</summary>
        public string FullName => new NetworkModel(Namespace, ClassName, ContainingTypes, Empty).FullName;

        private static readonly ConvGen.NetworkSpec Empty = new ConvGen.NetworkSpec(1, 1, 1, new ConvGen.LayerSpec[0]);
    }
}
