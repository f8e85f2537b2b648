// BatchNormalization's generator code, in one file: the inference kernel (BatchNormEmitter, namespace Emitting) and the
// training passes (BatchNormalizationTraining, namespace Training). Both are found by the kinds they declare.

namespace ConvGen.Generator.Emitting
{
    using System;
    using System.Collections.Generic;
    using ConvGen.Generator.Planning;
    using static ConvGen.Generator.Emitting.CodeWriter;

    /// <summary>
    /// A BatchNormalization that could not be folded into the layer before it: y = x * scale + shift per channel, with
    /// scale and shift precomputed by the constructor (packed as the step's "kernel" and "bias").
    /// </summary>
    internal sealed class BatchNormEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.BatchNormalization);

        protected override string Describe(LayerAnalysis l) => "per-channel scale and shift (gamma / sqrt(variance + epsilon), beta - mean * scale)";

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            TensorShape shape = plan.Layer.OutputShape;
            w.Line($"private const int Pixels = {I(shape.Length / shape.Channels)}, Channels = {I(shape.Channels)};");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using IDisposable run = w.Block("public static void Run(ref float input, ref float output, ref float scale, ref float shift)");
            using (w.For("p", 0, (int)(shape.Length / shape.Channels), toText: "Pixels"))
            {
                w.Line("int at = p * Channels, c = 0;");
                if (shape.Channels >= 4)
                {
                    using (w.Block("for (; c <= Channels - 4; c += 4)"))
                    {
                        w.Line("Vector128<float> x = Vector128.LoadUnsafe(ref input, (nuint)(at + c));");
                        w.Line("Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref scale, (nuint)c), Vector128.LoadUnsafe(ref shift, (nuint)c)).StoreUnsafe(ref output, (nuint)(at + c));");
                    }
                }

                if (shape.Channels % 4 != 0)
                {
                    using (w.Block("for (; c < Channels; c++)"))
                    {
                        w.Line("Unsafe.Add(ref output, at + c) = MathF.FusedMultiplyAdd(Unsafe.Add(ref input, at + c), Unsafe.Add(ref scale, c), Unsafe.Add(ref shift, c));");
                    }
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

    /// <summary>
    /// BatchNormalization over the whole batch (Keras 3): trainable and in training mode it normalizes with the batch
    /// mean and biased variance over (images, height, width) per channel, keeping them (mean, 1/sqrt(var + eps),
    /// var) for the backward pass and the moving-statistics update; frozen, or in inference mode, it uses the moving
    /// statistics. Backward in training mode: dx = gamma/sigma * (d - mean(d) - xhat * mean(d * xhat)),
    /// dgamma = sum(d * xhat), dbeta = sum(d); frozen: dx = d * gamma/sigma.
    /// </summary>
    internal sealed class BatchNormalizationTraining : KindTraining
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.BatchNormalization);

        public override bool WholeBatch => true;

        public override void Forward(CodeWriter w, TrainingStep s)
        {
            Names(s, out int c, out int length, out int gamma, out int beta, out int mean, out int variance, out string stats);
            w.Line($"int positions = _count * {I(length / c)};");
            w.Line($"ReadOnlySpan<float> x = _values.AsSpan({s.InputValues[0]}, _count * {I(length)});");
            w.Line($"Span<float> z = _values.AsSpan({s.Output}, _count * {I(length)});");
            w.Line($"Span<float> stats = {stats};");
            using (w.Block($"if (_training && _trainable[{I(s.Index)}])"))
            {
                w.Line($"Span<double> sums = _accumulator.AsSpan(0, {I(c)});");
                w.Line("sums.Clear();");
                using (w.Block("for (int p = 0; p < positions; p++)"))
                {
                    w.Line($"for (int c = 0; c < {I(c)}; c++) sums[c] += x[p * {I(c)} + c];");
                }

                w.Line($"for (int c = 0; c < {I(c)}; c++) stats[c] = (float)(sums[c] / positions);");
                w.Line("sums.Clear();");
                using (w.Block("for (int p = 0; p < positions; p++)"))
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line($"double e = x[p * {I(c)} + c] - stats[c];");
                    w.Line("sums[c] += e * e;");
                }

                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line($"stats[{I(2 * c)} + c] = (float)(sums[c] / positions);");
                    w.Line($"stats[{I(c)} + c] = 1f / MathF.Sqrt(stats[{I(2 * c)} + c] + {F(s.Spec.Epsilon)});");
                }
            }

            using (w.Block("else"))
            using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
            {
                w.Line($"stats[c] = _parameters[{I(mean)} + c];");
                w.Line($"stats[{I(2 * c)} + c] = _parameters[{I(variance)} + c];");
                w.Line($"stats[{I(c)} + c] = 1f / MathF.Sqrt(_parameters[{I(variance)} + c] + {F(s.Spec.Epsilon)});");
            }

            using (w.Block("for (int p = 0; p < positions; p++)"))
            using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
            {
                w.Line($"int at = p * {I(c)} + c;");
                w.Line($"z[at] = _parameters[{I(gamma)} + c] * (x[at] - stats[c]) * stats[{I(c)} + c] + _parameters[{I(beta)} + c];");
            }
        }

        public override void Backward(CodeWriter w, TrainingStep s)
        {
            Names(s, out int c, out int length, out int gamma, out int beta, out int mean, out int variance, out string stats);
            string? inputDelta = s.InputDeltas[0];
            int input = s.Layer.InputIndices[0];
            w.Line($"bool wantW = _trainsParameters[{I(s.Index)}];");
            w.Line($"bool wantX = {(input < 0 ? "false" : $"_upstream[{I(input)}]")};");
            w.Line($"int positions = _count * {I(length / c)};");
            w.Line($"ReadOnlySpan<float> x = _values.AsSpan({s.InputValues[0]}, _count * {I(length)});");
            w.Line($"ReadOnlySpan<float> d = _deltas.AsSpan({s.OutputDelta}, _count * {I(length)});");
            w.Line($"Span<float> dx = wantX ? _deltas.AsSpan({inputDelta ?? "0"}, _count * {I(length)}) : Span<float>.Empty;");
            w.Line($"ReadOnlySpan<float> stats = {stats};");
            using (w.Block($"if (_trainable[{I(s.Index)}])"))
            {
                w.Line($"Span<double> sums = _accumulator.AsSpan(0, {I(2 * c)});");
                w.Line("sums.Clear();");
                using (w.Block("for (int p = 0; p < positions; p++)"))
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line($"int at = p * {I(c)} + c;");
                    w.Line("sums[c] += d[at];");
                    w.Line($"sums[{I(c)} + c] += (double)d[at] * ((x[at] - stats[c]) * stats[{I(c)} + c]);");
                }

                using (w.Block("if (wantW)"))
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line($"grad[{I(gamma)} + c] += (float)sums[{I(c)} + c];");
                    w.Line($"grad[{I(beta)} + c] += (float)sums[c];");
                }

                using (w.Block("if (wantX)"))
                using (w.Block("for (int p = 0; p < positions; p++)"))
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line($"int at = p * {I(c)} + c;");
                    w.Line($"float xhat = (x[at] - stats[c]) * stats[{I(c)} + c];");
                    w.Line($"dx[at] += _parameters[{I(gamma)} + c] * stats[{I(c)} + c] * (float)(d[at] - sums[c] / positions - xhat * sums[{I(c)} + c] / positions);");
                }
            }

            using (w.Block("else if (wantX)"))
            using (w.Block("for (int p = 0; p < positions; p++)"))
            using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
            {
                w.Line($"int at = p * {I(c)} + c;");
                w.Line($"dx[at] += d[at] * _parameters[{I(gamma)} + c] * stats[{I(c)} + c];");
            }
        }

        /// <summary>Keras 3: moving = moving * momentum + batch statistic * (1 - momentum), with the biased batch variance.</summary>
        public static void UpdateMovingStatistics(CodeWriter w, TrainingStep s)
        {
            Names(s, out int c, out _, out _, out _, out int mean, out int variance, out string stats);
            float momentum = s.Spec.Momentum;
            using (w.Block($"if (_trainable[{I(s.Index)}])"))
            {
                w.Line($"ReadOnlySpan<float> stats = {stats};");
                w.Line($"float rest = global::ConvGen.Training.KerasFloat.OneMinus({F(momentum)});");
                using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
                {
                    w.Line($"_parameters[{I(mean)} + c] = _parameters[{I(mean)} + c] * {F(momentum)} + stats[c] * rest;");
                    w.Line($"_parameters[{I(variance)} + c] = _parameters[{I(variance)} + c] * {F(momentum)} + stats[{I(2 * c)} + c] * rest;");
                }
            }
        }

        /// <summary>The field holding this layer's batch statistics: [mean, 1/sigma, variance] per channel.</summary>
        public static string StatsField(TrainingStep s) => "_batchStatistics" + I(s.Index);

        private static void Names(TrainingStep s, out int c, out int length, out int gamma, out int beta, out int mean, out int variance, out string stats)
        {
            c = s.In.Channels;
            length = (int)s.In.Length;
            gamma = s.Tensor(0);
            beta = s.Tensor(1);
            mean = s.Tensor(2);
            variance = s.Tensor(3);
            stats = StatsField(s);
        }
    }
}
