using System;
using System.Collections.Generic;
using System.Globalization;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Writes one step's nested kernel class: the summary comment (<see cref="Describe"/>), the
    /// <c>private static class {Name}Layer</c> opening and closing brace, and, through <see cref="WriteActivationPass"/>,
    /// the activation pass that ends Run when the activation is not computed in registers. Each layer family derives from
    /// it, describes the layer and writes the class members, and is found by its kinds in <see cref="KernelEmitters"/>
    /// (by reflection: no list to edit). A kind's training passes (its <c>KindTraining</c>) go in the same file.
    /// </summary>
    internal abstract class LayerKernelEmitter
    {
        /// <summary>The layer kinds this emitter computes.</summary>
        public abstract IReadOnlyList<LayerKind> Kinds { get; }

        /// <summary>Whether this emitter computes <paramref name="layer"/>, for a kind with several emitters (grouped Conv2D).</summary>
        public virtual bool Accepts(LayerSpec layer) => true;

        /// <summary>Writes the kernel class of <paramref name="plan"/>.</summary>
        public void Emit(CodeWriter w, LayerPlan plan)
        {
            w.Line($"/// <summary>{Summary(plan)}</summary>");
            string? remarks = Remarks(plan);
            if (remarks is not null)
            {
                w.Line($"/// <remarks>{remarks}</remarks>");
            }

            using (w.Block($"private static class {plan.Method}"))
            {
                EmitMembers(w, plan);
            }
        }

        /// <summary>The arguments Run passes to the kernel's Run after the input and output refs: the packed kernel and bias.</summary>
        public static string WeightArguments(LayerPlan plan)
        {
            if (plan.PackedKernelOffset < 0)
            {
                return string.Empty;
            }

            string bias = plan.PackedBiasOffset < 0 ? "ref w" : $"ref Unsafe.Add(ref w, {I(plan.PackedBiasOffset)})";
            return $", ref Unsafe.Add(ref w, {I(plan.PackedKernelOffset)}), {bias}";
        }

        /// <summary>
        /// The class summary: what the step computes, on one line, e.g. "conv2d: Conv2D: 16 filters 3x3, ..., ReLU; [28, 28, 3] -> [28, 28, 16]."
        /// (the layer's name and type, <see cref="Describe"/>, the shapes).
        /// </summary>
        protected virtual string Summary(LayerPlan plan) => SummaryOf(plan.Layer);

        /// <summary>The summary line of one analysed layer (also how a fused layer is described inside another's remarks).</summary>
        internal string SummaryOf(LayerAnalysis l) => $"{l.Name} ({LayerText.TypeName(l.Spec.Kind)}): {Describe(l)}; {l.InputShape} -> {l.OutputShape}.";

        /// <summary>What the layer computes, in words, for the summary (its settings as the analysis resolved them).</summary>
        protected abstract string Describe(LayerAnalysis l);

        /// <summary>An optional remarks line under the summary.</summary>
        protected virtual string? Remarks(LayerPlan plan) => null;

        /// <summary>The members of the class: constants, Run and its helpers.</summary>
        protected abstract void EmitMembers(CodeWriter w, LayerPlan plan);

        /// <summary>
        /// The public Run of a layer with one kernel per vector width: picks the widest accelerated width at run time, then
        /// applies the activation pass if the kernels do not compute the activation in registers.
        /// </summary>
        protected static void WriteDispatchingRun(CodeWriter w, LayerPlan plan, IReadOnlyList<VectorWidth> widths, bool weighted)
        {
            string weights = weighted ? ", ref float kernel, ref float bias" : string.Empty;
            string arguments = weighted ? ", ref kernel, ref bias" : string.Empty;
            w.Line("/// <summary>Computes the whole layer with the widest accelerated vectors.</summary>");
            using (w.Block($"public static void Run(ref float input, ref float output{weights})"))
            {
                VectorWidth.Dispatch(w, widths, width => $"Run{width.Suffix}(ref input, ref output{arguments});");
                WriteActivationPass(w, plan);
            }
        }

        /// <summary>The activation applied as a pass over the output at the end of Run, when it is not computed in registers.</summary>
        protected static void WriteActivationPass(CodeWriter w, LayerPlan plan)
        {
            LayerSpec s = plan.Layer.Spec;
            string? pass = ActivationEmitter.Pass(s.Activation, "output", plan.Layer.OutputShape);
            if (pass is not null)
            {
                w.Line(pass);
            }
        }

        /// <summary>"same" or "valid", for <see cref="Describe"/>.</summary>
        protected static string PaddingText(LayerSpec s) => s.Padding == Padding.Same ? "same" : "valid";

        /// <summary>" + bias" when the layer has one, for <see cref="Describe"/>.</summary>
        protected static string BiasText(LayerSpec s) => s.UseBias ? " + bias" : string.Empty;

        /// <summary>The activation's name, with its slope or alpha where it has one, for <see cref="Describe"/>.</summary>
        protected static string ActivationText(LayerSpec s) => s.Activation switch
        {
            Activation.LeakyReLU => "LeakyReLU (slope " + s.NegativeSlope.ToString("R", CultureInfo.InvariantCulture) + ")",
            Activation.ELU => "ELU (alpha " + s.Alpha.ToString("R", CultureInfo.InvariantCulture) + ")",
            _ => LayerText.ActivationName(s.Activation),
        };

        /// <summary>A kinds list, for <see cref="Kinds"/>.</summary>
        protected static IReadOnlyList<LayerKind> KindList(params LayerKind[] kinds) => Array.AsReadOnly(kinds);
    }
}
