using ConvGen.Generator.Emitting;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// The Trainer of a broken <c>[ConvNet(..., Training = true)]</c> class (see StubEmitter): the public members of the
    /// generated Trainer, each throwing, so that training code using the class still compiles and only the CG diagnostics
    /// appear.
    /// </summary>
    internal static class TrainerStubEmitter
    {
        private static readonly string[] Members =
        {
            "public Trainer(global::System.ReadOnlySpan<float> parameters, int batchSize, int seed = 0) => throw Broken();",
            "public int InputLength => throw Broken();",
            "public int OutputLength => throw Broken();",
            "public int OutputChannels => throw Broken();",
            "public int ParameterCount => throw Broken();",
            "public int BatchSize => throw Broken();",
            "public global::System.Collections.Generic.IReadOnlyList<string> LayerNames => throw Broken();",
            "public long Step => throw Broken();",
            "public int MaxDegreeOfParallelism { get => throw Broken(); set => throw Broken(); }",
            "public float ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::ConvGen.Loss loss, global::System.Span<float> gradients) => throw Broken();",
            "public float ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<int> labels, global::ConvGen.Loss loss, global::System.Span<float> gradients) => throw Broken();",
            "public float TrainStep(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::ConvGen.Loss loss, global::ConvGen.Optimizer optimizer) => throw Broken();",
            "public float TrainStep(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<int> labels, global::ConvGen.Loss loss, global::ConvGen.Optimizer optimizer) => throw Broken();",
            "public float ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::ConvGen.Training.CustomLoss loss, global::System.Span<float> gradients) => throw Broken();",
            "public float TrainStep(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::ConvGen.Training.CustomLoss loss, global::ConvGen.Optimizer optimizer) => throw Broken();",
            "public global::System.ReadOnlySpan<float> Outputs => throw Broken();",
            "public void Predict(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs) => throw Broken();",
            "public void CopyParametersTo(global::System.Span<float> destination) => throw Broken();",
            "public void SetParameters(global::System.ReadOnlySpan<float> parameters) => throw Broken();",
            "public void SetTrainable(string layerName, bool trainable) => throw Broken();",
            "public bool IsTrainable(string layerName) => throw Broken();",
        };

        /// <summary>Writes the nested stub Trainer; <c>Broken()</c> is the enclosing stub's exception factory.</summary>
        public static void Emit(CodeWriter w)
        {
            w.Line("/// <summary>Not available: the declaration has errors.</summary>");
            using (w.Block("public sealed class Trainer : global::ConvGen.Training.ITrainer"))
            {
                foreach (string member in Members)
                {
                    w.Line("/// <summary>Not available: the declaration has errors.</summary>");
                    w.Line(member);
                    w.Line();
                }
            }

            w.Line();
        }
    }
}
