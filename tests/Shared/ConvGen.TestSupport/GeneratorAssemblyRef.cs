extern alias GeneratorAssembly;

using Microsoft.CodeAnalysis;

namespace ConvGen.Tests.Infrastructure
{
    /// <summary>The ConvGen generator as an <see cref="ISourceGenerator"/>, for tests that build their own driver.</summary>
    public sealed class GeneratorAssemblyRef
    {
        public ISourceGenerator Generator { get; } = new GeneratorAssembly::ConvGen.Generator.ConvNetGenerator().AsSourceGenerator();
    }
}
