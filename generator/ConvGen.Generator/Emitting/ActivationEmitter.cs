using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Activations: most are fused into the producing layer's registers (the exp-based ReLU6-to-GELU family through small
    /// inlined helpers using the vector e^x of <c>ConvGen.Kernels.FastExp</c>); Sigmoid, Tanh and Softmax run as a pass over the layer's output. The helpers
    /// and passes live once in the runtime library (<c>ConvGen.Kernels.Activations</c>, <c>ActivationPasses</c>), not in
    /// every network.
    /// </summary>
    internal static class ActivationEmitter
    {
        /// <summary>The runtime class with the in-register helpers: Vector128/256/512 and float overloads, inlined.</summary>
        private const string Helpers = "global::ConvGen.Kernels.Activations";

        /// <summary>The runtime class with the whole-tensor passes.</summary>
        private const string Passes = "global::ConvGen.Kernels.ActivationPasses";

        /// <summary>
        /// The activation applied to a Vector128&lt;float&gt; expression, or null when it needs a separate pass.
        /// ReLU and ReLU6 use the native maximum and minimum (one vmaxps/vminps, fmax/fmin on Arm) with the constant first:
        /// x86's instruction returns its second operand when either is NaN, so a NaN input stays NaN, as with
        /// <c>Vector128.Max</c>, whose IEEE semantics cost five instructions per vector without AVX-512 (a NaN test, a
        /// compare and three masks) and three with it. The one difference: ReLU(-0) is -0 instead of +0 (equal as numbers).
        /// </summary>
        public static string? InRegister(Activation activation, float slope, string v) => activation switch
        {
            Activation.Linear => v,
            Activation.ReLU => $"Vector128.MaxNative(Vector128<float>.Zero, {v})",
            Activation.LeakyReLU => $"Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual({v}, Vector128<float>.Zero), {v}, {v} * {F(slope)})",
            Activation.ReLU6 => $"Vector128.MinNative(Vector128.Create(6f), Vector128.MaxNative(Vector128<float>.Zero, {v}))",
            _ => Helper(activation, slope, v),
        };

        /// <summary>
        /// Whether the in-register activation is one of the exp family (Swish, ELU, the GELUs): a dozen constants and as many
        /// temporaries, so a tile applies it after storing its accumulators, one vector at a time in a loop (one copy of the
        /// helper, few live registers), instead of to every accumulator in registers, where with 16 registers (AVX2) the JIT
        /// kept them on the stack (a Vector256 depthwise layer with Swish took 181 us against 47 with ReLU).
        /// </summary>
        public static bool IsExpFamily(Activation activation) =>
            activation is Activation.Swish or Activation.ELU or Activation.GELUTanh or Activation.GELUErf;

        /// <summary>The activation applied to a float expression, or null when it needs a separate pass.</summary>
        public static string? InRegisterScalar(Activation activation, float slope, string v) => activation switch
        {
            Activation.Linear => v,
            Activation.ReLU => $"MathF.Max({v}, 0f)",
            Activation.LeakyReLU => $"({v} >= 0f ? {v} : {v} * {F(slope)})",
            Activation.ReLU6 => $"Math.Clamp({v}, 0f, 6f)",
            _ => Helper(activation, slope, v),
        };

        /// <summary>A call of the helper (vector and scalar overloads) that computes the activation, or null for the pass activations.</summary>
        private static string? Helper(Activation activation, float slope, string v) => activation switch
        {
            Activation.HardSigmoid => $"{Helpers}.HardSigmoid({v})",
            Activation.HardSwish => $"{Helpers}.HardSwish({v})",
            Activation.Swish => $"{Helpers}.Swish({v})",
            Activation.ELU => $"{Helpers}.Elu({v}, {F(slope)})",
            Activation.GELUTanh => $"{Helpers}.GeluTanh({v})",
            Activation.GELUErf => $"{Helpers}.GeluErf({v})",
            _ => null,
        };

        /// <summary>The statement that applies a pass activation in place over a whole tensor, or null.</summary>
        public static string? Pass(Activation activation, string target, TensorShape shape) => activation switch
        {
            Activation.Sigmoid => $"{Passes}.Sigmoid(ref {target}, {I(shape.Length)});",
            Activation.Tanh => $"{Passes}.Tanh(ref {target}, {I(shape.Length)});",
            Activation.Softmax => $"{Passes}.Softmax(ref {target}, {I(shape.Length / shape.Channels)}, {I(shape.Channels)});",
            _ => null,
        };
    }
}
