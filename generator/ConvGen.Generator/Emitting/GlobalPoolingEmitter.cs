// GlobalAveragePooling2D and GlobalMaxPooling2D's generator code, in one file: the inference kernel (GlobalPoolingEmitter, namespace Emitting) and the
// training passes (GlobalPoolTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>
    /// GlobalAveragePooling2D and GlobalMaxPooling2D: [H, W, C] to [C], vectorized over channels with the widest
    /// accelerated vectors, in blocks of up to <see cref="MaxBlockVectors"/> vectors with one accumulator each (independent
    /// chains, so the adds overlap), pixels in order; the channels no whole vector covers one at a time.
    /// </summary>
    internal sealed class GlobalPoolingEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.GlobalAveragePooling2D, LayerKind.GlobalMaxPooling2D);

        /// <summary>Vectors of channels summed at once: eight chains of adds hide their latency.</summary>
        public const int MaxBlockVectors = 8;

        protected override string Describe(LayerAnalysis l) =>
            (l.Spec.Kind == LayerKind.GlobalMaxPooling2D ? "maximum" : "mean") + " of each channel over all pixels";

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            bool max = plan.Layer.Spec.Kind == LayerKind.GlobalMaxPooling2D;
            TensorShape input = plan.Layer.InputShape;
            IReadOnlyList<VectorWidth> widths = VectorWidth.For(input.Channels);
            w.Line($"private const int Pixels = {I(input.Height * input.Width)}, Channels = {I(input.Channels)};");
            w.Line();
            WriteDispatchingRun(w, plan, widths, weighted: false);
            foreach (VectorWidth width in widths)
            {
                w.Line();
                EmitWidth(w, width, input.Channels, input.Height * input.Width, max);
            }
        }

        private static void EmitWidth(CodeWriter w, VectorWidth width, int channels, int pixels, bool max)
        {
            int lanes = width.Lanes, blockWidth = MaxBlockVectors * lanes;
            int blocks = channels / blockWidth, rest = channels % blockWidth / lanes, tail = channels % lanes;
            w.Line($"/// <summary>The layer with {width.Static} floats: {(blocks > 0 ? $"{Count(blocks, "block")} of {I(MaxBlockVectors)} vectors" : string.Empty)}{(blocks > 0 && rest > 0 ? ", then " : string.Empty)}{(rest > 0 ? $"one of {I(rest)}" : string.Empty)}{(tail > 0 ? $"{(blocks + rest > 0 ? ", then " : string.Empty)}{Count(tail, "channel")} one at a time" : string.Empty)}.</summary>");
            using (w.Block($"private static void Run{width.Suffix}(ref float input, ref float output)"))
            {
                if (blocks > 0)
                {
                    using (w.For("c", 0, blocks * blockWidth, blockWidth))
                    {
                        Block(w, width, MaxBlockVectors, pixels, max);
                    }
                }

                if (rest > 0)
                {
                    using (w.Scope())
                    {
                        w.Line($"const int c = {I(blocks * blockWidth)};");
                        Block(w, width, rest, pixels, max);
                    }
                }

                if (tail > 0)
                {
                    using (w.For("c", channels - tail, channels, toText: "Channels"))
                    {
                        w.Line(max ? "float acc = float.NegativeInfinity;" : "float acc = 0f;");
                        using (w.For("p", 0, pixels, toText: "Pixels"))
                        {
                            w.Line("float v = Unsafe.Add(ref input, p * Channels + c);");
                            w.Line(max ? "acc = MathF.Max(acc, v);" : "acc += v;");
                        }

                        w.Line(max ? "Unsafe.Add(ref output, c) = acc;" : "Unsafe.Add(ref output, c) = acc / Pixels;");
                    }
                }
            }
        }

        /// <summary>Channels [c, c + vectors * lanes): one accumulator per vector, over the pixels in order.</summary>
        private static void Block(CodeWriter w, VectorWidth width, int vectors, int pixels, bool max)
        {
            for (int j = 0; j < vectors; j++)
            {
                w.Line($"{width.Type} a{I(j)} = {(max ? $"{width.Static}.Create(float.NegativeInfinity)" : $"{width.Type}.Zero")};");
            }

            using (w.For("p", 0, pixels, toText: "Pixels"))
            {
                w.Line("ref float at = ref Unsafe.Add(ref input, p * Channels + c);");
                for (int j = 0; j < vectors; j++)
                {
                    string load = ChannelBlockEmitter.Load(width, "at", I(j * width.Lanes));
                    w.Line(max ? $"a{I(j)} = {width.Static}.Max(a{I(j)}, {load});" : $"a{I(j)} += {load};");
                }
            }

            for (int j = 0; j < vectors; j++)
            {
                string value = max ? $"a{I(j)}" : $"(a{I(j)} / {width.Static}.Create((float)Pixels))";
                w.Line($"{ChannelBlockEmitter.Store(value, "output", Plus("c", I(j * width.Lanes)))};");
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
