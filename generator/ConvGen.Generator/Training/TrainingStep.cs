using System.Collections.Generic;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// One layer as the generated trainer runs it: where its input, pre-activation and output values live (fields
    /// holding region offsets into the trainer's value and gradient arrays, one region per layer, images one after
    /// the other) and what its kind emitter needs to write per-image or per-batch code.
    /// </summary>
    internal sealed class TrainingStep
    {
        public TrainingStep(LayerAnalysis layer, IReadOnlyList<string> inputValues, IReadOnlyList<string?> inputDeltas, IReadOnlyList<int> inputLengths)
        {
            Layer = layer;
            InputValues = inputValues;
            InputDeltas = inputDeltas;
            InputLengths = inputLengths;
            int k = layer.Index;
            Output = "_y" + I(k);
            OutputDelta = "_dy" + I(k);
            HasActivation = layer.Spec.Activation != Activation.Linear && TakesActivation(layer.Spec.Kind);

            // An Activation layer reads its input as its pre-activation values (no copy); other layers with a
            // non-linear activation keep their pre-activation values in a region of their own.
            PreActivation = !HasActivation ? Output : layer.Spec.Kind == LayerKind.Activation ? inputValues[0] : "_z" + I(k);
            OwnsPreActivation = HasActivation && layer.Spec.Kind != LayerKind.Activation;
        }

        public LayerAnalysis Layer { get; }

        public int Index => Layer.Index;

        public LayerSpec Spec => Layer.Spec;

        public TensorShape In => Layer.InputShape;

        public TensorShape Out => Layer.OutputShape;

        /// <summary>Region fields of the inputs' values (the network input is "_x").</summary>
        public IReadOnlyList<string> InputValues { get; }

        /// <summary>Region fields of the inputs' gradients; null for the network input.</summary>
        public IReadOnlyList<string?> InputDeltas { get; }

        public IReadOnlyList<int> InputLengths { get; }

        public string Output { get; }

        public string OutputDelta { get; }

        public string PreActivation { get; }

        public bool OwnsPreActivation { get; }

        public bool HasActivation { get; }

        /// <summary>SeparableConv2D's depthwise result (values and gradients).</summary>
        public string Middle => "_m" + I(Index);

        public string MiddleDelta => "_dm" + I(Index);

        public int MiddleLength => Out.Height * Out.Width * In.Channels * Spec.DepthMultiplier;

        /// <summary>Offset of parameter tensor <paramref name="index"/> in the parameter vector.</summary>
        public int Tensor(int index) => Layer.Parameters[index].Offset;

        public int TensorLength(int index) => Layer.Parameters[index].Length;

        /// <summary>"_values.AsSpan(field + n * length, length)".</summary>
        public static string Span(string array, string field, int length) => $"{array}.AsSpan({field} + n * {I(length)}, {I(length)})";

        public static bool TakesActivation(LayerKind kind) => LayerKinds.HasActivation(kind);
    }
}
