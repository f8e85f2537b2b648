using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// Loads ONNX Runtime's native library from <c>CONVGEN_ORT_LIBRARY</c> when it is set, instead of the package's copy.
    /// The AVX2 configuration uses it with the copy ort-avx2/make_avx2_ort.py writes: the same ORT build, whose MLAS stops
    /// at its AVX2/FMA3 kernels as it does on a CPU without AVX-512 (DOTNET_EnableAVX512=0 changes only .NET's JIT).
    /// The benchmarks run in process, so the resolver set here is the one every InferenceSession goes through.
    /// </summary>
    public static class OrtLibrary
    {
        public const string Variable = "CONVGEN_ORT_LIBRARY";

        /// <summary>Where ORT comes from in this run, for the report.</summary>
        public static string Description { get; private set; } = "ONNX Runtime from its NuGet package";

        public static void UseFromEnvironment()
        {
            string? path = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrEmpty(path))
            {
                Console.WriteLine(Description + ".");
                return;
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{Variable} names {path}, which does not exist.", path);
            }

            IntPtr handle = NativeLibrary.Load(Path.GetFullPath(path));
            NativeLibrary.SetDllImportResolver(typeof(InferenceSession).Assembly,
                (name, _, _) => name == "onnxruntime" ? handle : IntPtr.Zero);
            Description = $"ONNX Runtime from {path} ({Variable})";
            Console.WriteLine(Description + ".");
        }
    }
}
