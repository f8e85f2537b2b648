using System;
using System.Collections.Generic;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// One SIMD width the generated kernels come in: Vector512, Vector256 and the portable Vector128 baseline.
    /// Each layer emits one method per width it uses and a dispatch on <c>VectorNNN.IsHardwareAccelerated</c>, which the
    /// JIT folds to a constant (under Native AOT it is a cheap runtime check), widest first, Vector128 last.
    /// </summary>
    internal sealed class VectorWidth
    {
        /// <summary>AVX-512: 32 registers, so up to 24 accumulators (6 pixels x 4 vectors) stay in registers with the 4 weight vectors and one broadcast.</summary>
        public static readonly VectorWidth V512 = new VectorWidth(512, 16, accumulatorBudget: 24, tileVectors: 4);

        /// <summary>
        /// AVX2 has 16 registers: 12 accumulators, 2 weight vectors and one broadcast (6 pixels x 2 vectors) use 15 of them.
        /// A tile of 3 pixels x 4 vectors needs 17, and the JIT then keeps one accumulator on the stack, a store and a
        /// reload on every step of the inner loop (the tiles ran at 55% of the FMA peak).
        /// </summary>
        public static readonly VectorWidth V256 = new VectorWidth(256, 8, accumulatorBudget: 12, tileVectors: 2);

        /// <summary>The portable baseline (SSE, NEON, WASM SIMD, or software).</summary>
        public static readonly VectorWidth V128 = new VectorWidth(128, 4, accumulatorBudget: 12, tileVectors: 4);

        /// <summary>Packed kernel rows and biases are zero-padded to a multiple of this, so every width reads the same layout with whole loads.</summary>
        public const int PaddingLanes = 16;

        private VectorWidth(int bits, int lanes, int accumulatorBudget, int tileVectors)
        {
            Bits = bits;
            Lanes = lanes;
            AccumulatorBudget = accumulatorBudget;
            TileVectors = tileVectors;
        }

        public int Bits { get; }

        /// <summary>Floats per vector.</summary>
        public int Lanes { get; }

        /// <summary>Accumulator registers a register-blocked kernel may use.</summary>
        public int AccumulatorBudget { get; }

        /// <summary>Most vectors of output channels in one convolution register tile (each is a weight register the tile keeps live).</summary>
        public int TileVectors { get; }

        /// <summary>Vector512 (the static class).</summary>
        public string Static => "Vector" + I(Bits);

        /// <summary>Vector512&lt;float&gt;.</summary>
        public string Type => Static + "<float>";

        /// <summary>Method name suffix: Run512.</summary>
        public string Suffix => I(Bits);

        /// <summary>
        /// The widths worth emitting for <paramref name="channels"/> channels, widest first. A layer with at most 8
        /// channels gains nothing from Vector512 (it would compute padding), so narrow layers use narrower vectors.
        /// </summary>
        public static IReadOnlyList<VectorWidth> For(int channels) =>
            channels > 8 ? new[] { V512, V256, V128 } : channels > 4 ? new[] { V256, V128 } : new[] { V128 };

        /// <summary>
        /// The activation for this width. <see cref="ActivationEmitter"/> writes each activation once, for Vector128;
        /// the APIs of the wider vector types have the same names, so the expression only needs the type renamed.
        /// </summary>
        public string? Activation(Activation activation, float slope, string v)
        {
            string? expression = ActivationEmitter.InRegister(activation, slope, v);
            return expression?.Replace("Vector128", Static);
        }

        /// <summary>Writes <c>if (Vector512.IsHardwareAccelerated) { ...512 } else if ... else { ...128 }</c>.</summary>
        public static void Dispatch(CodeWriter w, IReadOnlyList<VectorWidth> widths, Func<VectorWidth, string> statement)
        {
            if (widths.Count == 1)
            {
                w.Line(statement(widths[0]));
                return;
            }

            for (int i = 0; i < widths.Count; i++)
            {
                VectorWidth width = widths[i];
                string test = $"({width.Static}.IsHardwareAccelerated)";
                string header = i == 0 ? "if " + test : i == widths.Count - 1 ? "else" : "else if " + test;
                using (w.Block(header))
                {
                    w.Line(statement(width));
                }
            }
        }

        /// <summary>
        /// Stores the first <paramref name="lanes"/> lanes of the vector variable <paramref name="vector"/> at
        /// <c>dst[offset...]</c> with the widest whole stores that fit (halves of the vector), then single floats.
        /// </summary>
        public void StorePartial(CodeWriter w, string vector, int lanes, string destination, string offset)
        {
            StorePart(w, vector, Lanes, 0, lanes, destination, offset);
        }

        private static void StorePart(CodeWriter w, string expression, int vectorLanes, int start, int lanes, string destination, string offset)
        {
            if (lanes == vectorLanes)
            {
                w.Line(ChannelBlockEmitter.Store(expression, destination, Plus(offset, I(start))) + ";");
                return;
            }

            if (vectorLanes == 4)
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    w.Line($"Unsafe.Add(ref {destination}, {Plus(offset, I(start + lane))}) = {expression}.GetElement({I(lane)});");
                }

                return;
            }

            int half = vectorLanes / 2;
            if (lanes >= half)
            {
                StorePart(w, expression + ".GetLower()", half, start, half, destination, offset);
                if (lanes > half)
                {
                    StorePart(w, expression + ".GetUpper()", half, start + half, lanes - half, destination, offset);
                }
            }
            else
            {
                StorePart(w, expression + ".GetLower()", half, start, lanes, destination, offset);
            }
        }
    }
}
