using System;
using System.CommandLine;

namespace ConvGen.Samples.Vision
{
    /// <summary>The options both vision samples take: <c>--quick</c>, <c>--epochs N</c>, <c>--images N</c>, <c>--weights FILE</c>, <c>--output DIR</c>, <c>--seed N</c>.</summary>
    public sealed class SampleOptions
    {
        /// <summary>Small data and few epochs (a smoke run).</summary>
        public bool Quick { get; init; }

        /// <summary>Training epochs; 0 evaluates and draws the untrained network.</summary>
        public int Epochs { get; init; }

        /// <summary>Training images; null means the sample's default (or the quick default with <see cref="Quick"/>).</summary>
        public int? Images { get; init; }

        /// <summary>A safetensors file to start from (a checkpoint the sample wrote); null starts from the Keras initialisation.</summary>
        public string? Weights { get; init; }

        /// <summary>Where pictures, plots, weights and checkpoints go.</summary>
        public string Output { get; init; } = "output";

        /// <summary>Seed of the data and the initial weights.</summary>
        public int Seed { get; init; }

        /// <summary>
        /// Parses <paramref name="args"/> with System.CommandLine and calls <paramref name="run"/>; returns the exit code
        /// (help, version and parse errors handled by System.CommandLine).
        /// </summary>
        public static int Run(string[] args, string description, string defaultOutput, int defaultEpochs, int quickEpochs, Func<SampleOptions, int> run)
        {
            ArgumentNullException.ThrowIfNull(run);
            var quick = new Option<bool>("--quick") { Description = $"small data sets and {quickEpochs} epoch(s) (unless --epochs is given)" };
            var epochs = new Option<int?>("--epochs") { Description = $"training epochs (default {defaultEpochs}; 0 evaluates the untrained network)" };
            var images = new Option<int?>("--images") { Description = "training images (default: the sample's own)" };
            var weights = new Option<string?>("--weights") { Description = "start from this safetensors file (with --epochs 0: evaluate it)" };
            var output = new Option<string>("--output") { Description = "folder for the pictures and plots", DefaultValueFactory = _ => defaultOutput };
            var seed = new Option<int>("--seed") { Description = "seed of the data sets and the initial weights", DefaultValueFactory = _ => 1 };
            epochs.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 0)
                    result.AddError("--epochs cannot be negative.");
            });

            images.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 1)
                    result.AddError("--images must be at least 1.");
            });

            var root = new RootCommand(description) { quick, epochs, images, weights, output, seed };
            root.SetAction(parsed =>
            {
                bool isQuick = parsed.GetValue(quick);
                return run(new SampleOptions
                {
                    Quick = isQuick,
                    Epochs = parsed.GetValue(epochs) ?? (isQuick ? quickEpochs : defaultEpochs),
                    Images = parsed.GetValue(images),
                    Weights = parsed.GetValue(weights),
                    Output = parsed.GetValue(output) ?? defaultOutput,
                    Seed = parsed.GetValue(seed),
                });
            });
            return root.Parse(args).Invoke();
        }
    }
}
