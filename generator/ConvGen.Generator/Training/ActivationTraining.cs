using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// A layer's activation in the trainer: forward from the pre-activation values z into the output y, and backward
    /// in place on the output gradient (dy becomes dz). Element-wise activations are one expression each; softmax runs
    /// per position over the channels. The math lives once in ConvGen.Training.TrainingMath.
    /// </summary>
    internal static class ActivationTraining
    {
        private const string M = "global::ConvGen.Training.TrainingMath.";

        public static void Forward(CodeWriter w, TrainingStep s, string z, string y)
        {
            Activation a = s.Spec.Activation;
            int length = (int)s.Out.Length, channels = s.Out.Channels;
            if (a == Activation.Softmax)
            {
                using (w.Block($"for (int p = 0; p < {I(length / channels)}; p++)"))
                {
                    w.Line($"{M}Softmax({z}.Slice(p * {I(channels)}, {I(channels)}), {y}.Slice(p * {I(channels)}, {I(channels)}));");
                }

                return;
            }

            if (a == Activation.ReLU)
            {
                w.Line($"{M}Relu({z}.Slice(0, {I(length)}), {y});");
                return;
            }

            using (w.Block($"for (int i = 0; i < {I(length)}; i++)"))
            {
                w.Line($"float v = {z}[i];");
                w.Line($"{y}[i] = {Value(a, s.Spec.ActivationCoefficient, "v")};");
            }
        }

        public static void Backward(CodeWriter w, TrainingStep s, string z, string y, string d)
        {
            Activation a = s.Spec.Activation;
            int length = (int)s.Out.Length, channels = s.Out.Channels;
            if (a == Activation.Softmax)
            {
                using (w.Block($"for (int p = 0; p < {I(length / channels)}; p++)"))
                {
                    w.Line($"{M}SoftmaxBackward({y}.Slice(p * {I(channels)}, {I(channels)}), {d}.Slice(p * {I(channels)}, {I(channels)}));");
                }

                return;
            }

            if (a == Activation.ReLU)
            {
                w.Line($"{M}ReluBackward({z}.Slice(0, {I(length)}), {d});");
                return;
            }

            using (w.Block($"for (int i = 0; i < {I(length)}; i++)"))
            {
                w.Line($"float v = {z}[i];");
                w.Line($"{d}[i] *= {Derivative(a, s.Spec.ActivationCoefficient, "v", $"{y}[i]")};");
            }
        }

        /// <summary>The activation of the float <paramref name="v"/>.</summary>
        private static string Value(Activation a, float slope, string v) => a switch
        {
            Activation.ReLU => $"MathF.Max({v}, 0f)",
            Activation.Sigmoid => $"{M}Sigmoid({v})",
            Activation.Tanh => $"MathF.Tanh({v})",
            Activation.LeakyReLU => $"({v} >= 0f ? {v} : {v} * {F(slope)})",
            Activation.ReLU6 => $"Math.Clamp({v}, 0f, 6f)",
            Activation.HardSigmoid => $"{M}HardSigmoid({v})",
            Activation.Swish => $"{M}Swish({v})",
            Activation.HardSwish => $"{M}HardSwish({v})",
            Activation.ELU => $"{M}Elu({v}, {F(slope)})",
            Activation.GELUTanh => $"{M}GeluTanh({v})",
            Activation.GELUErf => $"{M}GeluErf({v})",
            _ => v,
        };

        /// <summary>d activation / dz at <paramref name="v"/>, given the output <paramref name="y"/>; TensorFlow's choices at kinks.</summary>
        private static string Derivative(Activation a, float slope, string v, string y) => a switch
        {
            Activation.ReLU => $"({v} > 0f ? 1f : 0f)",
            Activation.Sigmoid => $"({y} * (1f - {y}))",
            Activation.Tanh => $"(1f - {y} * {y})",
            Activation.LeakyReLU => $"({v} > 0f ? 1f : {F(slope)})",
            Activation.ReLU6 => $"({v} > 0f && {v} < 6f ? 1f : 0f)",
            Activation.HardSigmoid => $"({v} > -3f && {v} < 3f ? {F(1f / 6f)} : 0f)",
            Activation.Swish => $"{M}SwishDerivative({v})",
            Activation.HardSwish => $"{M}HardSwishDerivative({v})",
            Activation.ELU => $"({v} > 0f ? 1f : {y} + {F(slope)})",
            Activation.GELUTanh => $"{M}GeluTanhDerivative({v})",
            Activation.GELUErf => $"{M}GeluErfDerivative({v})",
            _ => "1f",
        };
    }
}
