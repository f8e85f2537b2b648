using System;
using System.Globalization;
using System.Text;

namespace ConvGen.Generator.Emitting
{
    /// <summary>A small indented text writer. Numbers always go through <see cref="CultureInfo.InvariantCulture"/>.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public CodeWriter(int indent = 0) => _indent = indent;

        /// <summary>The current indentation level (4 spaces each).</summary>
        public int Indent => _indent;

        /// <summary>Appends text written by another writer (already indented) as it is.</summary>
        public void Raw(string text) => _text.Append(text);

        public void Line(string line = "")
        {
            if (line.Length > 0)
            {
                _text.Append(' ', _indent * 4);
            }

            _text.Append(line).Append('\n');
        }

        /// <summary>Writes <paramref name="header"/>, an opening brace, and returns a scope that writes the closing brace.</summary>
        public IDisposable Block(string header, string close = "}")
        {
            Line(header);
            Line("{");
            _indent++;
            return new Closer(this, close);
        }

        /// <summary>A bare { } scope.</summary>
        public IDisposable Scope()
        {
            Line("{");
            _indent++;
            return new Closer(this, "}");
        }

        /// <summary>
        /// <c>for (int variable = from; variable &lt; to; variable += step)</c>; a loop that would run once is a scope with
        /// <c>const int variable = from;</c> instead, so the text says what runs. <paramref name="fromText"/> and
        /// <paramref name="toText"/> name the bounds (constants such as InteriorStart) when given. A loop that never runs is a
        /// bug in the caller.
        /// </summary>
        public IDisposable For(string variable, int from, int to, int step = 1, string? fromText = null, string? toText = null)
        {
            int count = to <= from ? 0 : (to - from + step - 1) / step;
            if (count == 0)
            {
                throw new InvalidOperationException($"The loop over {variable} from {from} to {to} would never run.");
            }

            if (count == 1)
            {
                IDisposable scope = Scope();
                Line($"const int {variable} = {fromText ?? I(from)};");
                return scope;
            }

            string advance = step == 1 ? variable + "++" : $"{variable} += {I(step)}";
            return Block($"for (int {variable} = {fromText ?? I(from)}; {variable} < {toText ?? I(to)}; {advance})");
        }

        /// <summary><paramref name="a"/> + <paramref name="b"/> as C# text, leaving out a literal 0 term.</summary>
        public static string Plus(string a, string b) => a == "0" ? b : b == "0" ? a : a + " + " + b;

        /// <summary><paramref name="factor"/> * <paramref name="x"/> as C# text: 0, x, or factor * x.</summary>
        public static string Times(int factor, string x) => factor == 0 ? "0" : factor == 1 ? x : I(factor) + " * " + x;

        /// <summary><paramref name="index"/> * <paramref name="unit"/>, folded when either is the literal 0 or 1.</summary>
        public static string Times(string index, string unit) =>
            int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? Times(value, unit)
            : int.TryParse(unit, NumberStyles.None, CultureInfo.InvariantCulture, out int factor) ? Times(factor, index)
            : index + " * " + unit;

        /// <summary><c>ref reference</c>, or <c>ref Unsafe.Add(ref reference, offset)</c> when the offset is not 0.</summary>
        public static string Ref(string reference, string offset) => offset == "0" ? "ref " + reference : $"ref Unsafe.Add(ref {reference}, {offset})";

        /// <summary>The first input index of the window at output <paramref name="index"/>: index * stride - pad, folded for 0 and 1.</summary>
        public static string WindowStart(string index, string stride, string pad)
        {
            string scaled = Times(index, stride);
            return scaled == "0" ? "-" + pad : scaled + " - " + pad;
        }

        /// <summary>"1 block", "3 blocks": a count with its noun in the right number.</summary>
        public static string Count(int count, string noun) => I(count) + " " + noun + (count == 1 ? string.Empty : "s");

        public void Comment(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                Line(line.Length == 0 ? "//" : "// " + line);
            }
        }

        public override string ToString() => _text.ToString();

        public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

        public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A float literal that round-trips: 0.3f, 1E-05f, -2f.</summary>
        public static string F(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

        private sealed class Closer : IDisposable
        {
            private readonly CodeWriter _writer;
            private readonly string _close;

            public Closer(CodeWriter writer, string close)
            {
                _writer = writer;
                _close = close;
            }

            public void Dispose()
            {
                _writer._indent--;
                _writer.Line(_close);
            }
        }
    }
}
