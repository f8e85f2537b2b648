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
