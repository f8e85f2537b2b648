namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 compile <c>init</c> accessors (the shared model uses them).</summary>
    internal static class IsExternalInit
    {
    }
}
