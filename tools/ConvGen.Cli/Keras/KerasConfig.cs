using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace ConvGen.Cli.Keras
{
    /// <summary>Reads Keras layer config values, which come as ints or lists ("kernel_size": 3 or [3, 3]).</summary>
    public static class KerasConfig
    {
        /// <summary>A (height, width) pair from an int or a two-element list; <paramref name="fallback"/> when absent or null.</summary>
        public static (int H, int W) Pair(JsonNode? config, string key, (int, int) fallback)
        {
            JsonNode? v = config?[key];
            if (v is null)
            {
                return fallback;
            }

            if (v is JsonArray a)
            {
                int[] values = a.Select(x => x!.GetValue<int>()).ToArray();
                return values.Length switch
                {
                    1 => (values[0], values[0]),
                    2 => (values[0], values[1]),
                    _ => throw new FormatException($"{key} has {values.Length} values; a 2-D layer has 2"),
                };
            }

            int n = v.GetValue<int>();
            return (n, n);
        }

        /// <summary>A string value.</summary>
        public static string? String(JsonNode? config, string key) => config?[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

        /// <summary>An integer value.</summary>
        public static int Int(JsonNode? config, string key, int fallback) => config?[key] is JsonValue v ? v.GetValue<int>() : fallback;

        /// <summary>A float value.</summary>
        public static float Float(JsonNode? config, string key, float fallback) => config?[key] is JsonValue v ? (float)v.GetValue<double>() : fallback;

        /// <summary>A boolean value.</summary>
        public static bool Bool(JsonNode? config, string key, bool fallback) => config?[key] is JsonValue v ? v.GetValue<bool>() : fallback;

        /// <summary>An activation name: a string, or Keras 3's serialized function object.</summary>
        public static string Activation(JsonNode? config, string key = "activation")
        {
            JsonNode? v = config?[key];
            return v switch
            {
                null => "linear",
                JsonValue s => s.GetValue<string>(),
                JsonObject o => String(o, "config") ?? String(o["config"], "name") ?? String(o, "class_name") ?? "?",
                _ => "?",
            };
        }
    }
}
