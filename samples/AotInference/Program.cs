using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using AotInference;
using ConvGen.Data;
using ConvGen.Weights;

// lenet5.safetensors holds the weights samples/Mnist trained (99.11% on MNIST's 10,000 test digits); to reproduce:
//   dotnet run -c Release --project samples/Mnist && cp mnist-output/lenet5-mnist.safetensors samples/AotInference/lenet5.safetensors
// AotInference                          classify a generated "7" with the weights in lenet5.safetensors
// AotInference --input FILE             classify a digit picture: a 28x28 binary PGM, or a PNG/JPEG of any size
//                                       (brought to MNIST's format: inverted if light, fitted to 20x20, centred by mass)
// AotInference --idx IMAGES LABELS      accuracy on an IDX set, e.g. MNIST's t10k-images-idx3-ubyte t10k-labels-idx1-ubyte
// AotInference --write-weights PATH     write untrained pseudo-random weights (a file to try loading with), deterministically
// AotInference --write-image PATH       save the generated "7" as a PGM or PNG (by extension)
// Lines starting with "time:" or "mode:" vary between runs and builds; everything else is deterministic.
try
{
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
            if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                DigitImage.WritePng(path, DigitImage.Seven());
            }
            else
            {
                DigitImage.WritePgm(path, DigitImage.Seven());
            }

            Console.WriteLine($"wrote {path}");
            return 0;
        case ["--idx", string images, string labels]:
            return Classifier.Accuracy(MnistSet.Load(images, labels), Path.GetFileName(images));
        case []:
            return Classifier.One(DigitImage.Seven(), "generated 7");
        case ["--input", string path]:
            return Classifier.One(DigitImage.Load(path), Path.GetFileName(path));
        default:
            Console.Error.WriteLine("usage: AotInference [--input image.pgm|.png|.jpg | --idx IMAGES LABELS | --write-weights PATH | --write-image PATH]");
            return 2;
    }
}
catch (Exception e) when (e is IOException or FormatException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

/// <summary>Loads the shipped weights and classifies one image or a whole labelled set.</summary>
internal static class Classifier
{
    private static string WeightsPath => Path.Combine(AppContext.BaseDirectory, "lenet5.safetensors");

    // PublishAot also switches IsDynamicCodeSupported off for JIT runs, so ask whether anything was JIT-compiled instead.
    private static string Mode => System.Runtime.JitInfo.GetCompiledMethodCount() > 0 ? "JIT" : "native AOT";

    public static int One(float[] image, string source)
    {
        var clock = Stopwatch.StartNew();
        var net = new LeNet5(SafeTensors.LoadParameters(LeNet5.Network, WeightsPath));
        double loadMs = clock.Elapsed.TotalMilliseconds;

        var probabilities = new float[LeNet5.OutputLength];
        net.Run(image, probabilities);
        int top = ArgMax(probabilities);
        Console.WriteLine($"mode: {Mode}");
        Console.WriteLine($"input: {source}, weights: {Path.GetFileName(WeightsPath)} ({LeNet5.ParameterCount} parameters)");
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
    }

    /// <summary>Classifies every image with the batch Run (all cores) and prints the accuracy, overall and per class.</summary>
    public static int Accuracy(MnistSet set, string source)
    {
        var net = new LeNet5(SafeTensors.LoadParameters(LeNet5.Network, WeightsPath));
        var probabilities = new float[set.Count * LeNet5.OutputLength];
        var clock = Stopwatch.StartNew();
        net.Run(set.Images, probabilities, set.Count);
        double ms = clock.Elapsed.TotalMilliseconds;

        var correct = new int[MnistSet.ClassCount];
        var total = new int[MnistSet.ClassCount];
        for (int i = 0; i < set.Count; i++)
        {
            int label = set.Labels[i];
            total[label]++;
            correct[label] += ArgMax(probabilities.AsSpan(i * LeNet5.OutputLength, LeNet5.OutputLength)) == label ? 1 : 0;
        }

        int right = 0;
        Console.WriteLine($"mode: {Mode}");
        Console.WriteLine($"input: {source} ({set.Count} images), weights: {Path.GetFileName(WeightsPath)} ({LeNet5.ParameterCount} parameters)");
        for (int c = 0; c < MnistSet.ClassCount; c++)
        {
            right += correct[c];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"class {c}: {correct[c]}/{total[c]}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {(double)right / set.Count:F4} ({right}/{set.Count})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time: {set.Count} images in {ms:F1} ms ({ms * 1000 / set.Count:F1} us per image, batch Run on {Environment.ProcessorCount} cores)"));
        return 0;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int top = 0;
        for (int i = 1; i < values.Length; i++)
        {
            top = values[i] > values[top] ? i : top;
        }

        return top;
    }
}
