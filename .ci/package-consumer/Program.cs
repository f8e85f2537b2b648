using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Consumer;
using ConvGen.Reference;
using ConvGen.Weights;

// Usage: Consumer <ConvGen.nupkg> <ConvGen.snupkg>. Prints what it checked; exits 1 on the first failure.
int failures = 0;

// 1. Hand-checked: input 1..9 (row-major 3x3), kernel [[1, 2], [3, 4]], bias -50:
//    windows give 37, 47, 67, 77; minus 50 = -13, -3, 17, 27; ReLU -> 0 0 17 27.
var tiny = new TinyNet(new float[] { 1, 2, 3, 4, -50 });
var tinyOutput = new float[TinyNet.OutputLength];
tiny.Run(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, tinyOutput);
Console.WriteLine("tiny: " + string.Join(" ", tinyOutput.Select(v => v.ToString(CultureInfo.InvariantCulture))));

// 2. Weights through the packaged safetensors writer and reader, generated code against the packaged interpreter.
float[] parameters = Fill(ClassifierNet.ParameterCount, seed: 7, scale: 0.3f);
float[] input = Fill(ClassifierNet.InputLength, seed: 8, scale: 1f);
byte[] file = SafeTensors.Save(ClassifierNet.Network, parameters);
var net = new ClassifierNet(SafeTensors.LoadParameters(ClassifierNet.Network, file));
var output = new float[ClassifierNet.OutputLength];
net.Run(input, output);
float[] expected = new ReferenceInterpreter(ClassifierNet.Network, parameters).Run(input);
double maxDiff = output.Zip(expected, (a, b) => Math.Abs((double)a - b)).Max();
double sum = output.Sum(v => (double)v);
Check(string.Create(CultureInfo.InvariantCulture, $"classifier: {ClassifierNet.OutputLength} outputs, max |generated - interpreter| {maxDiff:E2}"), maxDiff <= 1e-5);
Check(string.Create(CultureInfo.InvariantCulture, $"classifier: softmax sums to {sum:F6}"), Math.Abs(sum - 1) <= 1e-5);

// 3. The package layout a consumer depends on.
if (args.Length == 2)
{
    using ZipArchive package = ZipFile.OpenRead(args[0]);
    string[] entries = package.Entries.Select(e => e.FullName).ToArray();
    foreach (string required in new[] { "lib/net10.0/ConvGen.dll", "lib/net10.0/ConvGen.xml", "analyzers/dotnet/cs/ConvGen.Generator.dll", "README.md", "docs/diagnostics.md" })
    {
        Check("package has " + required, entries.Contains(required));
    }

    Check("generator is not a lib reference", !entries.Any(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal)));
    using var nuspec = new StreamReader(package.GetEntry("ConvGen.nuspec")!.Open());
    string spec = nuspec.ReadToEnd();
    Check("nuspec: MIT license expression", spec.Contains("<license type=\"expression\">MIT</license>", StringComparison.Ordinal));
    Check("nuspec: readme", spec.Contains("<readme>README.md</readme>", StringComparison.Ordinal));
    Check("nuspec: no package dependencies", !spec.Contains("<dependency ", StringComparison.Ordinal));
    using ZipArchive symbols = ZipFile.OpenRead(args[1]);
    Check("symbols package has lib/net10.0/ConvGen.pdb", symbols.Entries.Any(e => e.FullName == "lib/net10.0/ConvGen.pdb"));
}

Console.WriteLine(failures == 0 ? "consumer: OK" : $"consumer: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

void Check(string what, bool ok)
{
    Console.WriteLine((ok ? "ok   " : "FAIL ") + what);
    failures += ok ? 0 : 1;
}

// xorshift32 values in [-scale, scale): the same on every machine.
static float[] Fill(int length, uint seed, float scale)
{
    var values = new float[length];
    uint state = 2463534242u ^ seed;
    for (int i = 0; i < length; i++)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        values[i] = ((state >> 8) / (float)(1 << 24) * 2f - 1f) * scale;
    }

    return values;
}
