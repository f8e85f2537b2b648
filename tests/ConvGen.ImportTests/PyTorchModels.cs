using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ConvGen.ImportTests
{
    /// <summary>The committed PyTorch exports (made by make_pytorch_models.py): each model's file, input and PyTorch output.</summary>
    public static class PyTorchModels
    {
        public static string Folder => Path.Combine(AppContext.BaseDirectory, "PyTorchModels");

        public sealed record Entry(string Name, int Opset, int[] Input, int[] Output, string[] Constructs)
        {
            public string OnnxPath => Path.Combine(Folder, Name + ".onnx");

            public float[] InputData => ReadFloats(Path.Combine(Folder, Name + ".input.bin"));

            public float[] OutputData => ReadFloats(Path.Combine(Folder, Name + ".output.bin"));

            public override string ToString() => Name;
        }

        public static IReadOnlyList<Entry> All { get; } = Load();

        public static IEnumerable<object[]> Names => All.Select(e => new object[] { e.Name });

        public static Entry Get(string name) => All.Single(e => e.Name == name);

        private static List<Entry> Load()
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
            return doc.RootElement.EnumerateArray().Select(e => new Entry(
                e.GetProperty("name").GetString()!,
                e.GetProperty("opset").GetInt32(),
                e.GetProperty("input").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                e.GetProperty("output").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                e.GetProperty("constructs").EnumerateArray().Select(v => v.GetString()!).ToArray())).ToList();
        }

        private static float[] ReadFloats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
    }
}
