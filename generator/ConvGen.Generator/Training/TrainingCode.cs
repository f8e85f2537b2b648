using ConvGen.Generator.Emitting;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// Small statement writers shared by the kind emitters: vector helper calls for long runs, constant-bound scalar
    /// loops for short ones (a call per 6 channels would cost more than the arithmetic).
    /// </summary>
    internal static class TrainingCode
    {
        public const string Math = "global::ConvGen.Training.TrainingMath.";

        /// <summary>Runs shorter than this are written as scalar loops.</summary>
        private const int ShortRun = 8;

        /// <summary>Runs up to this long are written as unrolled Vector256 statements (no call); longer ones call the helpers.</summary>
        private const int InlineRun = 64;

        /// <summary>y[yo + q] += a * x[xo + q] for q &lt; length.</summary>
        public static void Axpy(CodeWriter w, string a, string x, string xo, string y, string yo, int length)
        {
            if (length >= ShortRun && length <= InlineRun)
            {
                Vectorized(w, length, $"{Math}Axpy({a}, {Slice(x, xo, length)}, {Slice(y, yo, length)});", () =>
                {
                    w.Line($"var va = Vector256.Create({a});");
                    for (int k = 0; k + 8 <= length; k += 8)
                    {
                        w.Line($"(Vector256.Create((ReadOnlySpan<float>){Slice(y, Plus(yo, I(k)), 8)}) + va * Vector256.Create((ReadOnlySpan<float>){Slice(x, Plus(xo, I(k)), 8)})).CopyTo({Slice(y, Plus(yo, I(k)), 8)});");
                    }

                    for (int k = length / 8 * 8; k < length; k++)
                    {
                        w.Line($"{y}[{Plus(yo, I(k))}] += {a} * {x}[{Plus(xo, I(k))}];");
                    }
                });
            }
            else if (length >= ShortRun)
            {
                w.Line($"{Math}Axpy({a}, {Slice(x, xo, length)}, {Slice(y, yo, length)});");
            }
            else if (length == 1)
            {
                w.Line($"{y}[{yo}] += {a} * {x}[{xo}];");
            }
            else
            {
                w.Line($"for (int q = 0; q < {I(length)}; q++) {y}[{yo} + q] += {a} * {x}[{xo} + q];");
            }
        }

        /// <summary>z[zo + q] += x[xo + q] * y[yo + q] for q &lt; length.</summary>
        public static void MultiplyAdd(CodeWriter w, string x, string xo, string y, string yo, string z, string zo, int length)
        {
            if (length >= ShortRun && length <= InlineRun)
            {
                Vectorized(w, length, $"{Math}MultiplyAdd({Slice(x, xo, length)}, {Slice(y, yo, length)}, {Slice(z, zo, length)});", () =>
                {
                    for (int k = 0; k + 8 <= length; k += 8)
                    {
                        w.Line($"(Vector256.Create((ReadOnlySpan<float>){Slice(z, Plus(zo, I(k)), 8)}) + Vector256.Create((ReadOnlySpan<float>){Slice(x, Plus(xo, I(k)), 8)}) * Vector256.Create((ReadOnlySpan<float>){Slice(y, Plus(yo, I(k)), 8)})).CopyTo({Slice(z, Plus(zo, I(k)), 8)});");
                    }

                    for (int k = length / 8 * 8; k < length; k++)
                    {
                        w.Line($"{z}[{Plus(zo, I(k))}] += {x}[{Plus(xo, I(k))}] * {y}[{Plus(yo, I(k))}];");
                    }
                });
            }
            else if (length >= ShortRun)
            {
                w.Line($"{Math}MultiplyAdd({Slice(x, xo, length)}, {Slice(y, yo, length)}, {Slice(z, zo, length)});");
            }
            else
            {
                w.Line($"for (int q = 0; q < {I(length)}; q++) {z}[{zo} + q] += {x}[{xo} + q] * {y}[{yo} + q];");
            }
        }

        /// <summary>target += sum over q &lt; length of a[ao + q] * b[bo + q].</summary>
        public static void DotAdd(CodeWriter w, string target, string a, string ao, string b, string bo, int length)
        {
            if (length >= ShortRun && length <= InlineRun)
            {
                Vectorized(w, length, $"{target} += {Math}Dot({Slice(a, ao, length)}, {Slice(b, bo, length)});", () =>
                {
                    var terms = new System.Collections.Generic.List<string>();
                    for (int k = 0; k + 8 <= length; k += 8)
                    {
                        terms.Add($"Vector256.Create((ReadOnlySpan<float>){Slice(a, Plus(ao, I(k)), 8)}) * Vector256.Create((ReadOnlySpan<float>){Slice(b, Plus(bo, I(k)), 8)})");
                    }

                    string sum = $"Vector256.Sum({string.Join(" + ", terms)})";
                    for (int k = length / 8 * 8; k < length; k++)
                    {
                        sum += $" + {a}[{Plus(ao, I(k))}] * {b}[{Plus(bo, I(k))}]";
                    }

                    w.Line($"{target} += {sum};");
                });
            }
            else if (length >= ShortRun)
            {
                w.Line($"{target} += {Math}Dot({Slice(a, ao, length)}, {Slice(b, bo, length)});");
            }
            else if (length == 1)
            {
                w.Line($"{target} += {a}[{ao}] * {b}[{bo}];");
            }
            else
            {
                using (w.Scope())
                {
                    w.Line("float s = 0f;");
                    w.Line($"for (int q = 0; q < {I(length)}; q++) s += {a}[{ao} + q] * {b}[{bo} + q];");
                    w.Line($"{target} += s;");
                }
            }
        }

        /// <summary>Unrolled Vector256 code where the hardware has it (the JIT drops the other branch), else the helper call.</summary>
        private static void Vectorized(CodeWriter w, int length, string fallback, System.Action vector)
        {
            using (w.Block("if (Vector256.IsHardwareAccelerated)"))
            {
                vector();
            }

            using (w.Block("else"))
            {
                w.Line(fallback);
            }
        }

        /// <summary>y[yo + q] += x[xo + q].</summary>
        public static void Add(CodeWriter w, string x, string xo, string y, string yo, int length) => Axpy(w, "1f", x, xo, y, yo, length);

        /// <summary>span.Slice(offset, length), or the span itself when the offset is "0" and the length is the whole.</summary>
        public static string Slice(string span, string offset, int length) => $"{span}.Slice({offset}, {I(length)})";

        /// <summary>"a * b" with the trivial cases folded ("0", "b", "a").</summary>
        public static string Times(string a, int b) => b == 1 ? a : a == "0" ? "0" : $"{a} * {I(b)}";

        /// <summary>"a + b" with "0" folded away.</summary>
        public static string Plus(string a, string b) => a == "0" ? b : b == "0" ? a : $"{a} + {b}";
    }
}
