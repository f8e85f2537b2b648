// GlobalAveragePooling2D and GlobalMaxPooling2D's generator code, in one file: the inference kernel (GlobalPoolingEmitter, namespace Emitting) and the
// training passes (GlobalPoolTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>GlobalAveragePooling2D and GlobalMaxPooling2D: [H, W, C] to [C], vectorized over channels, pixels in order.</summary>
    internal sealed class GlobalPoolingEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.GlobalAveragePooling2D, LayerKind.GlobalMaxPooling2D);

        protected override string Describe(LayerAnalysis l) =>
            (l.Spec.Kind == LayerKind.GlobalMaxPooling2D ? "maximum" : "mean") + " of each channel over all pixels";

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            bool max = plan.Layer.Spec.Kind == LayerKind.GlobalMaxPooling2D;
            TensorShape input = plan.Layer.InputShape;
            w.Line($"private const int Pixels = {I(input.Height * input.Width)}, Channels = {I(input.Channels)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable run = w.Block("public static void Run(ref float input, ref float output)");
            w.Line("int c = 0;");
            if (input.Channels >= 4)
            {
                using (w.Block("for (; c <= Channels - 4; c += 4)"))
                {
                    w.Line(max ? "Vector128<float> acc = Vector128.Create(float.NegativeInfinity);" : "Vector128<float> acc = Vector128<float>.Zero;");
                    using (w.For("p", 0, input.Height * input.Width, toText: "Pixels"))
                    {
                        w.Line("Vector128<float> v = Vector128.LoadUnsafe(ref input, (nuint)(p * Channels + c));");
                        w.Line(max ? "acc = Vector128.Max(acc, v);" : "acc += v;");
                    }

                    w.Line(max ? "acc.StoreUnsafe(ref output, (nuint)c);" : "(acc / Vector128.Create((float)Pixels)).StoreUnsafe(ref output, (nuint)c);");
                }
            }

            if (input.Channels % 4 != 0)
            {
                using (w.Block("for (; c < Channels; c++)"))
                {
                    w.Line(max ? "float acc = float.NegativeInfinity;" : "float acc = 0f;");
                    using (w.For("p", 0, input.Height * input.Width, toText: "Pixels"))
                    {
                        w.Line("float v = Unsafe.Add(ref input, p * Channels + c);");
                        w.Line(max ? "acc = MathF.Max(acc, v);" : "acc += v;");
                    }

                    w.Line(max ? "Unsafe.Add(ref output, c) = acc;" : "Unsafe.Add(ref output, c) = acc / Pixels;");
                }
            }
        }
    }
}

namespace ConvGen.Generator.Training
{
    using System.Collections.Generic;
    using ConvGen.Generator.Emitting;
    using static ConvGen.Generator.Emitting.CodeWriter;
    using static ConvGen.Generator.Training.TrainingCode;

    /// <summary>GlobalAveragePooling2D and GlobalMaxPooling2D: [H, W, C] to [C]; the max gradient goes to each channel's first maximum.</summary>
    internal sealed class GlobalPoolTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.GlobalAveragePooling2D, LayerKind.GlobalMaxPooling2D);

        private static bool Max(TrainingStep s) => s.Spec.Kind == LayerKind.GlobalMaxPooling2D;

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            int c = s.In.Channels, pixels = s.In.Height * s.In.Width;
            if (Max(s))
            {
                w.Line("z.Fill(float.NegativeInfinity);");
                using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line($"float v = x[pixel * {I(c)} + c];");
                    using (w.Block("if (v > z[c])"))
                    {
                        w.Line("z[c] = v;");
                    }
                }

                return;
            }

            w.Line("z.Clear();");
            using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
            {
                Add(w, "x", $"pixel * {I(c)}", "z", "0", c);
            }

            w.Line($"for (int c = 0; c < {I(c)}; c++) z[c] *= {F(1f / pixels)};");
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            int c = s.In.Channels, pixels = s.In.Height * s.In.Width;
            using (w.Block("if (!wantX)"))
            {
                w.Line("return;");
            }

            if (Max(s))
            {
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line("float best = float.NegativeInfinity;");
                    w.Line("int at = -1;");
                    using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
                    {
                        w.Line($"int xi = pixel * {I(c)} + c;");
                        using (w.Block("if (x[xi] > best)"))
                        {
                            w.Line("best = x[xi];");
                            w.Line("at = xi;");
                        }
                    }

                    using (w.Block("if (at >= 0)"))
                    {
                        w.Line("dx[at] += d[c];");
                    }
                }

                return;
            }

            using (w.Block($"for (int pixel = 0; pixel < {I(pixels)}; pixel++)"))
            {
                Axpy(w, F(1f / pixels), "d", "0", "dx", $"pixel * {I(c)}", c);
            }
        }
    }
}
