using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConvGen.Weights
{
    /// <summary>One parameter tensor the network expects: its file name and where its floats go in the parameter vector.</summary>
    internal readonly struct ExpectedTensor
    {
        public ExpectedTensor(string name, IReadOnlyList<int> shape, int offset, int length, string? alias = null)
        {
            Name = name;
            Shape = shape;
            Offset = offset;
            Length = length;
            Alias = alias;
        }

        /// <summary><c>{layer name}.{parameter name}</c>, e.g. <c>conv2d.kernel</c>.</summary>
        public string Name { get; }

        /// <summary>
        /// Another name the tensor is accepted under: Keras 3 names a <c>DepthwiseConv2D</c> kernel <c>kernel</c>, Keras 2
        /// <c>depthwise_kernel</c> (ConvGen's name, the one <c>Save</c> writes).
        /// </summary>
        public string? Alias { get; }

        public IReadOnlyList<int> Shape { get; }

        /// <summary>Offset in the concatenated <c>get_weights()</c> vector.</summary>
        public int Offset { get; }

        public int Length { get; }

        public long ByteLength => (long)Length * sizeof(float);

        public string Describe() => $"{Name} F32 {SafeTensorsHeader.Text(Shape.Select(d => (long)d))}";
    }

    /// <summary>
    /// Matches a parsed header against what the declaration implies: every expected tensor present with dtype F32 and
    /// the exact shape, no extra tensor, and data offsets that tile the data section exactly (no gap, no overlap,
    /// nothing outside it). Throws before a single float is decoded, so nothing is ever half-loaded.
    /// </summary>
    internal static class SafeTensorsLayout
    {
        public const string FloatType = "F32";

        /// <summary>The tensors of a valid network in <c>get_weights()</c> order.</summary>
        public static List<ExpectedTensor> Expected(NetworkAnalysis analysis)
        {
            var list = new List<ExpectedTensor>();
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                bool depthwiseOnly = layer.Parameters.Any(p => p.Name == "depthwise_kernel") && !layer.Parameters.Any(p => p.Name == "pointwise_kernel");
                foreach (ParameterTensor p in layer.Parameters)
                {
                    string? alias = depthwiseOnly && p.Name == "depthwise_kernel" ? layer.Name + ".kernel" : null;
                    list.Add(new ExpectedTensor(layer.Name + "." + p.Name, p.Shape, p.Offset, p.Length, alias));
                }
            }

            return list;
        }

        /// <summary>Most problems a message lists; the rest are counted (a hostile file can have millions).</summary>
        public const int MaxListedProblems = 5;

        /// <summary>Most expected tensors a message lists.</summary>
        public const int MaxListedExpected = 12;

        /// <summary>All expected tensor names.</summary>
        public static HashSet<string> Names(List<ExpectedTensor> expected)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (ExpectedTensor e in expected)
            {
                names.Add(e.Name);
                if (e.Alias is not null)
                {
                    names.Add(e.Alias);
                }
            }

            return names;
        }

        /// <summary>
        /// Returns, for each expected tensor (same order), its entry in the file. <paramref name="dataLength"/> is the size of
        /// the data section (the bytes after the header).
        /// </summary>
        public static SafeTensorsEntry[] Match(List<ExpectedTensor> expected, SafeTensorsHeaderContent content, long dataLength)
        {
            var byName = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
            foreach (SafeTensorsEntry entry in content.Entries)
            {
                byName.Add(entry.Name, entry); // the header parser already rejected duplicates
            }

            // Names, dtypes and shapes first: these are the mistakes a user makes, so report them at once (a few listed,
            // the rest counted).
            var problems = new List<string>();
            int problemCount = 0;
            string? firstTensor = null;
            var matched = new SafeTensorsEntry[expected.Count];
            void Problem(string tensor, string text)
            {
                firstTensor ??= tensor;
                if (problemCount++ < MaxListedProblems)
                {
                    problems.Add(text);
                }
            }

            for (int i = 0; i < expected.Count; i++)
            {
                ExpectedTensor e = expected[i];
                if (!byName.Remove(e.Name, out SafeTensorsEntry? entry) && (e.Alias is null || !byName.Remove(e.Alias, out entry)))
                {
                    Problem(e.Name, $"tensor '{e.Name}' is missing (expected F32 {Shape(e)})");
                    continue;
                }

                if (entry.DataType != FloatType)
                {
                    Problem(e.Name, $"tensor '{e.Name}' has dtype {SafeTensorsHeader.Display(entry.DataType)}, expected {FloatType}");
                }

                if (!SameShape(e.Shape, entry.Shape))
                {
                    Problem(e.Name, $"tensor '{e.Name}' has shape {SafeTensorsHeader.Text(entry.Shape)}, expected {Shape(e)}");
                }

                matched[i] = entry;
            }

            // Entries left over: a tensor given under both of its names.
            foreach (SafeTensorsEntry extra in byName.Values)
            {
                Problem(extra.Name, $"tensor '{extra.Name}' ({SafeTensorsHeader.Display(extra.DataType)} {SafeTensorsHeader.Text(extra.Shape)}) is not a parameter of this network (the same tensor is also in the file under its other name)");
            }

            for (int k = 0; k < content.UnexpectedExamples.Count; k++)
            {
                Problem(content.UnexpectedExamples[k].Name, $"tensor {content.UnexpectedExamples[k].Text} is not a parameter of this network");
            }

            int unlisted = content.UnexpectedCount - content.UnexpectedExamples.Count;
            if (problemCount > 0 || unlisted > 0)
            {
                var message = new StringBuilder("The safetensors file does not match the network: ");
                message.Append(string.Join("; ", problems));
                if (problemCount > problems.Count)
                {
                    message.Append($"; and {I(problemCount - problems.Count)} more problem(s)");
                }

                if (unlisted > 0)
                {
                    message.Append($"; and {I(unlisted)} more tensor(s) that are not parameters of this network");
                }

                message.Append(". The network expects ");
                message.Append(expected.Count == 0 ? "no tensors" : string.Join(", ", expected.Take(MaxListedExpected).Select(e => e.Describe())));
                if (expected.Count > MaxListedExpected)
                {
                    message.Append($" and {I(expected.Count - MaxListedExpected)} more");
                }

                message.Append('.');
                throw new SafeTensorsException(message.ToString(), firstTensor);
            }

            CheckOffsets(expected, matched, dataLength);
            return matched;
        }

        /// <summary>Each tensor's byte range holds exactly its floats, and the ranges tile [0, dataLength) without gaps or overlaps.</summary>
        private static void CheckOffsets(List<ExpectedTensor> expected, SafeTensorsEntry[] matched, long dataLength)
        {
            for (int i = 0; i < matched.Length; i++)
            {
                SafeTensorsEntry entry = matched[i];
                long bytes = entry.End - entry.Begin;
                if (bytes != expected[i].ByteLength)
                {
                    throw new SafeTensorsException(
                        $"Tensor '{entry.Name}' data_offsets [{I(entry.Begin)}, {I(entry.End)}] span {I(bytes)} bytes, but F32 {Shape(expected[i])} needs {I(expected[i].ByteLength)}.",
                        entry.Name);
                }

                if (entry.End > dataLength)
                {
                    throw new SafeTensorsException(
                        $"Tensor '{entry.Name}' data_offsets [{I(entry.Begin)}, {I(entry.End)}] reach beyond the data section, which has {I(dataLength)} bytes: the file is truncated or its offsets are wrong.",
                        entry.Name);
                }
            }

            SafeTensorsEntry[] sorted = matched.OrderBy(e => e.Begin).ThenBy(e => e.End).ToArray();
            long position = 0;
            SafeTensorsEntry? previous = null;
            foreach (SafeTensorsEntry entry in sorted)
            {
                if (entry.Begin < position)
                {
                    throw new SafeTensorsException(
                        $"Tensors '{previous!.Name}' [{I(previous.Begin)}, {I(previous.End)}] and '{entry.Name}' [{I(entry.Begin)}, {I(entry.End)}] overlap in the data section.",
                        entry.Name);
                }

                if (entry.Begin > position)
                {
                    throw new SafeTensorsException(
                        $"Bytes [{I(position)}, {I(entry.Begin)}) of the data section belong to no tensor (before '{entry.Name}').", entry.Name);
                }

                position = entry.End;
                previous = entry;
            }

            if (position != dataLength)
            {
                throw new SafeTensorsException(
                    $"The data section has {I(dataLength)} bytes but the tensors cover only [0, {I(position)}): {I(dataLength - position)} bytes at the end belong to no tensor.");
            }
        }

        private static bool SameShape(IReadOnlyList<int> expected, long[] actual)
        {
            if (expected.Count != actual.Length)
            {
                return false;
            }

            for (int i = 0; i < actual.Length; i++)
            {
                if (expected[i] != actual[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string Shape(ExpectedTensor e) => SafeTensorsHeader.Text(e.Shape.Select(d => (long)d));

        private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
