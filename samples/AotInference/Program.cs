using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using AotInference;
using ConvGen.Weights;

// AotInference                         classify a generated "7" with the weights in lenet5.safetensors
// AotInference --input image.pgm       classify a 28x28 binary PGM
// AotInference --write-weights PATH    (re)create the sample weights file, deterministically
// AotInference --write-image PATH      save the generated "7" as a PGM
// Lines starting with "time:" or "mode:" vary between runs and builds; everything else is deterministic.
switch (args)
{
    case ["--write-weights", string path]:
        SafeTensors.Save(LeNet5.Network, SampleWeights.Create(), path, new Dictionary<string, string>
        {
            ["description"] = "ConvGen AotInference sample: deterministic pseudo-random LeNet-5 weights (xorshift32), not trained",
        });
        Console.WriteLine($"wrote {LeNet5.ParameterCount} parameters to {path}");
        return 0;
    case ["--write-image", string path]:
        DigitImage.WritePgm(path, DigitImage.Seven());
        Console.WriteLine($"wrote {path}");
        return 0;
    case [] or ["--input", _]:
        break;
    default:
        Console.Error.WriteLine("usage: AotInference [--input image.pgm | --write-weights PATH | --write-image PATH]");
        return 2;
}

string weightsPath = Path.Combine(AppContext.BaseDirectory, "lenet5.safetensors");
float[] image = args.Length == 2 ? DigitImage.ReadPgm(args[1]) : DigitImage.Seven();
string source = args.Length == 2 ? Path.GetFileName(args[1]) : "generated 7";

var clock = Stopwatch.StartNew();
var net = new LeNet5(SafeTensors.LoadParameters(LeNet5.Network, weightsPath));
double loadMs = clock.Elapsed.TotalMilliseconds;

var probabilities = new float[LeNet5.OutputLength];
net.Run(image, probabilities);
int top = 0;
for (int i = 1; i < probabilities.Length; i++)
{
    top = probabilities[i] > probabilities[top] ? i : top;
}

// PublishAot also switches IsDynamicCodeSupported off for JIT runs, so ask whether anything was JIT-compiled instead.
Console.WriteLine($"mode: {(System.Runtime.JitInfo.GetCompiledMethodCount() > 0 ? "JIT" : "native AOT")}");
Console.WriteLine($"input: {source}, weights: {Path.GetFileName(weightsPath)} ({LeNet5.ParameterCount} parameters)");
for (int i = 0; i < probabilities.Length; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"class {i}: {probabilities[i]:F6}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"top class: {top} (p = {probabilities[top]:F6})"));

// Timing: warm up, then the mean of many runs (a rough figure; benchmarks live in BenchmarkDotNet).
for (int i = 0; i < 200; i++)
{
    net.Run(image, probabilities);
}

const int Runs = 2000;
clock.Restart();
for (int i = 0; i < Runs; i++)
{
    net.Run(image, probabilities);
}

double microseconds = clock.Elapsed.TotalMilliseconds * 1000 / Runs;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time: load {loadMs:F1} ms, inference {microseconds:F1} us (mean of {Runs})"));
return 0;
