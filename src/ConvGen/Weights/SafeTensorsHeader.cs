using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ConvGen.Weights
{
    /// <summary>One tensor entry of a safetensors header, as written in the file (not yet checked against a network).</summary>
    internal sealed class SafeTensorsEntry
    {
        public SafeTensorsEntry(string name, string dataType, long[] shape, long begin, long end)
        {
            Name = name;
            DataType = dataType;
            Shape = shape;
            Begin = begin;
            End = end;
        }

        public string Name { get; }

        public string DataType { get; }

        public long[] Shape { get; }

        /// <summary>First byte, relative to the start of the data section.</summary>
        public long Begin { get; }

        /// <summary>One past the last byte, relative to the start of the data section.</summary>
        public long End { get; }
    }

    /// <summary>What a header holds for one network: the entries of the tensors it expects, and a bounded summary of the rest.</summary>
    internal sealed class SafeTensorsHeaderContent
    {
        /// <summary>Most tensors that are not the network's described in an error message; the others are only counted.</summary>
        public const int MaxExamples = 3;

        /// <summary>Entries whose names the network expects, in file order.</summary>
        public List<SafeTensorsEntry> Entries { get; } = new List<SafeTensorsEntry>();

        /// <summary>Tensors in the file that are not parameters of the network.</summary>
        public int UnexpectedCount { get; set; }

        /// <summary>The first <see cref="MaxExamples"/> of them: the name, and a description (name truncated, dtype, shape).</summary>
        public List<(string Name, string Text)> UnexpectedExamples { get; } = new List<(string Name, string Text)>();
    }

    /// <summary>
    /// Reads the JSON header of a safetensors file with <see cref="Utf8JsonReader"/> (no reflection, so it is trimming
    /// and Native AOT safe): <c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
    /// "__metadata__": {"key": "value"}}</c>. Only the syntax and the entry structure are checked here.
    /// The work is bounded by what the network expects, whatever the header holds: only the entries of expected tensor
    /// names are materialized (a name longer than any expected one is never decoded), tensors that are not the network's
    /// are counted and the first few described, metadata values (which the loader does not return) are checked for
    /// type and skipped, and unknown fields are skipped at any depth. So a hostile header under the size cap costs
    /// about its own size in time and a few kilobytes of memory beyond the network's tensors.
    /// </summary>
    internal static class SafeTensorsHeader
    {
        public const string MetadataKey = "__metadata__";

        /// <summary>Characters of a name shown in a message; longer names are cut.</summary>
        public const int MaxNameInMessage = 80;

        /// <summary>
        /// Parses the header, keeping the entries named in <paramref name="expectedNames"/>; throws
        /// <see cref="SafeTensorsException"/> for anything that is not a well-formed header.
        /// </summary>
        public static SafeTensorsHeaderContent Parse(ReadOnlySpan<byte> json, HashSet<string> expectedNames)
        {
            var content = new SafeTensorsHeaderContent();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int longestName = 0;
            foreach (string name in expectedNames)
            {
                longestName = Math.Max(longestName, name.Length);
            }

            // Strict JSON: no comments, no trailing commas, exactly one value (trailing spaces are allowed: writers pad
            // with them). Any depth: Utf8JsonReader does not recurse, and the header's size bounds the depth.
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = int.MaxValue });
            try
            {
                Expect(ref reader, JsonTokenType.StartObject, "the header must be a JSON object");
                while (Next(ref reader) != JsonTokenType.EndObject)
                {
                    // A name whose UTF-8 (escapes included) is over 6 bytes per character of the longest expected name
                    // cannot be one of them: it is never decoded.
                    if (reader.ValueSpan.Length > (6 * longestName) + MetadataKey.Length)
                    {
                        string cut = RawName(reader.ValueSpan);
                        Unexpected(ref reader, content, cut, cut);
                        continue;
                    }

                    string name = reader.GetString()!;
                    if (name == MetadataKey)
                    {
                        if (!seen.Add(name))
                        {
                            throw new SafeTensorsException($"The safetensors header lists '{name}' twice.", name);
                        }

                        SkipMetadata(ref reader);
                    }
                    else if (expectedNames.Contains(name))
                    {
                        if (!seen.Add(name))
                        {
                            throw new SafeTensorsException($"The safetensors header lists '{name}' twice.", name);
                        }

                        content.Entries.Add(ReadEntry(ref reader, name));
                    }
                    else
                    {
                        Unexpected(ref reader, content, name, Display(name));
                    }
                }

                if (reader.Read())
                {
                    throw new SafeTensorsException("The safetensors header has data after its JSON object.");
                }
            }
            catch (JsonException e)
            {
                throw new SafeTensorsException("The safetensors header is not valid JSON: " + e.Message, null, e);
            }
            catch (InvalidOperationException e)
            {
                // Utf8JsonReader reports invalid UTF-8 or bad escapes inside strings this way, without a position.
                long at = reader.TokenStartIndex;
                throw new SafeTensorsException(
                    $"The safetensors header is not valid JSON: the string at header byte {at.ToString(CultureInfo.InvariantCulture)} " +
                    $"(file byte {(at + 8).ToString(CultureInfo.InvariantCulture)}) is not valid UTF-8 or has a bad escape: {e.Message}", null, e);
            }

            return content;
        }

        /// <summary>A name cut to <see cref="MaxNameInMessage"/> characters for a message.</summary>
        public static string Display(string name) => name.Length <= MaxNameInMessage
            ? name
            : name.Substring(0, MaxNameInMessage) + $"... ({name.Length.ToString(CultureInfo.InvariantCulture)} characters)";

        private static string RawName(ReadOnlySpan<byte> raw) =>
            System.Text.Encoding.UTF8.GetString(raw.Slice(0, Math.Min(raw.Length, MaxNameInMessage)))
            + $"... ({raw.Length.ToString(CultureInfo.InvariantCulture)} bytes)";

        /// <summary>Counts a tensor the network does not have; describes the first few, skips the others unread.</summary>
        private static void Unexpected(ref Utf8JsonReader reader, SafeTensorsHeaderContent content, string name, string shown)
        {
            content.UnexpectedCount++;
            if (content.UnexpectedExamples.Count < SafeTensorsHeaderContent.MaxExamples)
            {
                SafeTensorsEntry entry = ReadEntry(ref reader, name);
                content.UnexpectedExamples.Add((name, $"'{shown}' ({Display(entry.DataType)} {Text(entry.Shape)})"));
                return;
            }

            Skip(ref reader, name);
        }

        private static void Skip(ref Utf8JsonReader reader, string name)
        {
            if (!reader.Read() || !reader.TrySkip())
            {
                throw new SafeTensorsException($"Tensor '{Display(name)}' is incomplete.", name);
            }
        }

        /// <summary>Checks that '__metadata__' is an object of strings; the loader does not return it, so nothing is kept.</summary>
        private static void SkipMetadata(ref Utf8JsonReader reader)
        {
            Expect(ref reader, JsonTokenType.StartObject, "'__metadata__' must be an object of strings");
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string key = reader.ValueSpan.Length <= MaxNameInMessage ? reader.GetString()! : RawName(reader.ValueSpan);
                Expect(ref reader, JsonTokenType.String, $"'__metadata__' value '{key}' must be a string");
            }
        }

        private static SafeTensorsEntry ReadEntry(ref Utf8JsonReader reader, string name)
        {
            Expect(ref reader, JsonTokenType.StartObject, $"tensor '{Display(name)}' must be an object with dtype, shape and data_offsets", name);
            string? dataType = null;
            long[]? shape = null, offsets = null;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string field = reader.GetString()!;
                switch (field)
                {
                    case "dtype":
                        Expect(ref reader, JsonTokenType.String, $"tensor '{Display(name)}' dtype must be a string", name);
                        // A dtype is a short word; a long string is shown cut, never decoded whole.
                        dataType = Once(dataType, reader.ValueSpan.Length <= 16 ? reader.GetString()! : RawName(reader.ValueSpan), name, field);
                        break;
                    case "shape":
                        shape = Once(shape, ReadIntegers(ref reader, name, field), name, field);
                        break;
                    case "data_offsets":
                        offsets = Once(offsets, ReadIntegers(ref reader, name, field), name, field);
                        break;
                    default:
                        // Unknown fields are ignored, as the reference implementation does.
                        if (!reader.Read() || !reader.TrySkip())
                        {
                            throw new SafeTensorsException($"Tensor '{Display(name)}' field '{Display(field)}' is incomplete.", name);
                        }

                        break;
                }
            }

            if (dataType is null || shape is null || offsets is null)
            {
                string missing = dataType is null ? "dtype" : shape is null ? "shape" : "data_offsets";
                throw new SafeTensorsException($"Tensor '{Display(name)}' has no '{missing}'.", name);
            }

            if (offsets.Length != 2 || offsets[0] > offsets[1])
            {
                throw new SafeTensorsException(
                    $"Tensor '{Display(name)}' data_offsets {Text(offsets)} must be two integers [begin, end] with begin <= end.", name);
            }

            return new SafeTensorsEntry(name, dataType, shape, offsets[0], offsets[1]);
        }

        private static T Once<T>(T? previous, T value, string name, string field)
            where T : class
        {
            if (previous is not null)
            {
                throw new SafeTensorsException($"Tensor '{Display(name)}' has '{field}' twice.", name);
            }

            return value;
        }

        private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string field)
        {
            Expect(ref reader, JsonTokenType.StartArray, $"tensor '{Display(name)}' {field} must be an array of integers", name);
            var values = new List<long>();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
                {
                    throw new SafeTensorsException(
                        $"Tensor '{Display(name)}' {field} must hold non-negative integers, found {Token(ref reader)}.", name);
                }

                if (values.Count == 16)
                {
                    throw new SafeTensorsException($"Tensor '{Display(name)}' {field} has more than 16 entries.", name);
                }

                values.Add(value);
            }

            return values.ToArray();
        }

        /// <summary>Moves to the next token; inside objects that is a property name or the end of the object.</summary>
        private static JsonTokenType Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                throw new SafeTensorsException("The safetensors header ends in the middle of its JSON.");
            }

            return reader.TokenType;
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, string? tensor = null)
        {
            if (Next(ref reader) != type)
            {
                throw new SafeTensorsException($"Invalid safetensors header: {what}, found {Token(ref reader)}.", tensor);
            }
        }

        private static string Token(ref Utf8JsonReader reader) => reader.TokenType switch
        {
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null =>
                System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.String => "\"" + reader.GetString() + "\"",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => reader.TokenType.ToString(),
        };

        internal static string Text(IEnumerable<long> values)
        {
            var parts = new List<string>();
            foreach (long v in values)
            {
                parts.Add(v.ToString(CultureInfo.InvariantCulture));
            }

            return "[" + string.Join(", ", parts) + "]";
        }
    }
}
