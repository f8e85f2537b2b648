extern alias GeneratorAssembly;

using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    // The generator compiles its own copy of the model types: plans are built from those, not from the runtime's.
    using LayerSpec = GeneratorAssembly::ConvGen.LayerSpec;
    using NetworkAnalysis = GeneratorAssembly::ConvGen.NetworkAnalysis;
    using NetworkSpec = GeneratorAssembly::ConvGen.NetworkSpec;
    using ShapeInference = GeneratorAssembly::ConvGen.ShapeInference;

    /// <summary>Plans of hand-built networks, from the generator's own model types.</summary>
    internal static class Plans
    {
        /// <summary>The shape analysis of a valid network (the test fails on a diagnostic).</summary>
        public static NetworkAnalysis Analyze(int height, int width, int channels, params LayerSpec[] layers)
        {
            NetworkAnalysis analysis = ShapeInference.Analyze(new NetworkSpec(height, width, channels, layers));
            Assert.Empty(analysis.Diagnostics);
            return analysis;
        }

        public static ExecutionPlan Create(int height, int width, int channels, params LayerSpec[] layers) =>
            ExecutionPlan.Create(Analyze(height, width, channels, layers));
    }
}
