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

    /// <summary>
    /// Reads the JSON header of a safetensors file with <see cref="Utf8JsonReader"/> (no reflection, so it is trimming
    /// and Native AOT safe): <c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
    /// "__metadata__": {"key": "value"}}</c>. Only the syntax and the entry structure are checked here.
    /// </summary>
    internal static class SafeTensorsHeader
    {
        public const string MetadataKey = "__metadata__";

        /// <summary>Parses the header; throws <see cref="SafeTensorsException"/> for anything that is not a well-formed header.</summary>
        public static List<SafeTensorsEntry> Parse(ReadOnlySpan<byte> json, out Dictionary<string, string> metadata)
        {
            metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<SafeTensorsEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            // Strict JSON: no comments, no trailing commas, exactly one value (trailing spaces are allowed: writers pad with them).
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
            try
            {
                Expect(ref reader, JsonTokenType.StartObject, "the header must be a JSON object");
                while (Next(ref reader) != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!;
                    if (!seen.Add(name))
                    {
                        throw new SafeTensorsException($"The safetensors header lists '{name}' twice.", name);
                    }

                    if (name == MetadataKey)
                    {
                        ReadMetadata(ref reader, metadata);
                    }
                    else
                    {
                        entries.Add(ReadEntry(ref reader, name));
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
                // Utf8JsonReader reports invalid UTF-8 or bad escapes inside strings this way.
                throw new SafeTensorsException("The safetensors header is not valid JSON: " + e.Message, null, e);
            }

            return entries;
        }

        private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata)
        {
            Expect(ref reader, JsonTokenType.StartObject, "'__metadata__' must be an object of strings");
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                Expect(ref reader, JsonTokenType.String, $"'__metadata__' value '{key}' must be a string");
                if (!metadata.TryAdd(key, reader.GetString()!))
                {
                    throw new SafeTensorsException($"The safetensors '__metadata__' lists '{key}' twice.");
                }
            }
        }

        private static SafeTensorsEntry ReadEntry(ref Utf8JsonReader reader, string name)
        {
            Expect(ref reader, JsonTokenType.StartObject, $"tensor '{name}' must be an object with dtype, shape and data_offsets", name);
            string? dataType = null;
            long[]? shape = null, offsets = null;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string field = reader.GetString()!;
                switch (field)
                {
                    case "dtype":
                        Expect(ref reader, JsonTokenType.String, $"tensor '{name}' dtype must be a string", name);
                        dataType = Once(dataType, reader.GetString()!, name, field);
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
                            throw new SafeTensorsException($"Tensor '{name}' field '{field}' is incomplete.", name);
                        }

                        break;
                }
            }

            if (dataType is null || shape is null || offsets is null)
            {
                string missing = dataType is null ? "dtype" : shape is null ? "shape" : "data_offsets";
                throw new SafeTensorsException($"Tensor '{name}' has no '{missing}'.", name);
            }

            if (offsets.Length != 2 || offsets[0] > offsets[1])
            {
                throw new SafeTensorsException(
                    $"Tensor '{name}' data_offsets {Text(offsets)} must be two integers [begin, end] with begin <= end.", name);
            }

            return new SafeTensorsEntry(name, dataType, shape, offsets[0], offsets[1]);
        }

        private static T Once<T>(T? previous, T value, string name, string field)
            where T : class
        {
            if (previous is not null)
            {
                throw new SafeTensorsException($"Tensor '{name}' has '{field}' twice.", name);
            }

            return value;
        }

        private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string field)
        {
            Expect(ref reader, JsonTokenType.StartArray, $"tensor '{name}' {field} must be an array of integers", name);
            var values = new List<long>();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
                {
                    throw new SafeTensorsException(
                        $"Tensor '{name}' {field} must hold non-negative integers, found {Token(ref reader)}.", name);
                }

                if (values.Count == 16)
                {
                    throw new SafeTensorsException($"Tensor '{name}' {field} has more than 16 entries.", name);
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
