using System;
using System.Globalization;
using Spectre.Console;

namespace Mnist;

/// <summary>One progress report from the training loop (the fields of ConvGen.Training.TrainingProgress).</summary>
public readonly record struct ProgressReport(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy, double ImagesPerSecond, TimeSpan Elapsed, double? TestAccuracy = null);

/// <summary>
/// Shows training progress: a Spectre.Console progress bar per epoch (batches, loss, accuracy, images/s, time left) on
/// a terminal, or a plain line every few seconds and at the end of each epoch when the output is redirected (CI logs).
/// </summary>
public sealed class TrainingDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Uses the progress bar when the console is an interactive terminal and output is not redirected.</summary>
    public TrainingDisplay(bool? interactive = null)
    {
        Interactive = interactive ?? (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected);
    }

    /// <summary>Whether the live progress bar is used (otherwise plain lines).</summary>
    public bool Interactive { get; }

    /// <summary>Runs <paramref name="work"/>, which calls the given callback with each report, while showing progress.</summary>
    public T Run<T>(string title, Func<Action<ProgressReport>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        if (!Interactive)
        {
            TimeSpan? lastLine = null;
            return work(report =>
            {
                bool epochDone = report.Batch == report.Batches;
                if (epochDone || lastLine is null || report.Elapsed - lastLine.Value >= PlainInterval)
                {
                    lastLine = report.Elapsed;
                    Console.WriteLine(Describe(report) + $", {FormatTime(TimeLeft(report))} left");
                }
            });
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                int taskEpoch = 0;
                return work(report =>
                {
                    if (task is null || taskEpoch != report.Epoch)
                    {
                        task?.StopTask();
                        task = context.AddTask(Describe(report), maxValue: report.Batches);
                        taskEpoch = report.Epoch;
                    }

                    task.Description = Markup.Escape(Describe(report));
                    task.Value = report.Batch;
                });
            });
    }

    /// <summary>"epoch 2/12  batch 300/938  loss 0.0812  acc 97.45%  5,321 img/s" (at the end of an epoch also "  test 98.91%").</summary>
    public static string Describe(ProgressReport r) => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {r.Epoch}/{r.Epochs}  batch {r.Batch}/{r.Batches}  loss {r.Loss:F4}  acc {r.Accuracy * 100:F2}%  {r.ImagesPerSecond:N0} img/s{(r.TestAccuracy is double t ? $"  test {t * 100:F2}%" : "")}");

    /// <summary>Time left for the whole run, from the pace so far (batches done over all epochs).</summary>
    public static TimeSpan TimeLeft(ProgressReport r)
    {
        long done = ((long)(r.Epoch - 1) * r.Batches) + r.Batch;
        long total = (long)r.Epochs * r.Batches;
        return done <= 0 ? TimeSpan.Zero : r.Elapsed * ((double)(total - done) / done);
    }

    private static string FormatTime(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}
