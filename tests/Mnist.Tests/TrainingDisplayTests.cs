using System;

namespace Mnist.Tests;

public class TrainingDisplayTests
{
    [Fact]
    public void Time_left_follows_the_pace_over_all_epochs()
    {
        // Epoch 2 of 4, batch 50 of 100: 150 of 400 batches in 30 s -> 250 more take 50 s.
        var report = new ProgressReport(2, 4, 50, 100, 0.1, 0.9, 1000, TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(50), TrainingDisplay.TimeLeft(report));
    }

    [Fact]
    public void Description_shows_batches_loss_accuracy_and_speed()
    {
        var report = new ProgressReport(2, 12, 300, 938, 0.08123, 0.97456, 5321.4, TimeSpan.FromSeconds(10));

        Assert.Equal("epoch 2/12  batch 300/938  loss 0.0812  acc 97.46%  5,321 img/s", TrainingDisplay.Describe(report));
        Assert.Equal("epoch 2/12  batch 938/938  loss 0.0812  acc 97.46%  5,321 img/s  test 98.91%",
            TrainingDisplay.Describe(report with { Batch = 938, TestAccuracy = 0.98912 }));
    }

    [Fact]
    public void Plain_mode_passes_the_work_result_through()
    {
        var display = new TrainingDisplay(interactive: false);

        int result = display.Run("title", report =>
        {
            report(new ProgressReport(1, 1, 1, 1, 0.5, 0.5, 10, TimeSpan.FromSeconds(1)));
            return 42;
        });

        Assert.Equal(42, result);
    }

    [Fact]
    public void Progress_bar_mode_runs_the_work_through_every_epoch_and_returns_its_result()
    {
        var display = new TrainingDisplay(interactive: true);
        int reports = 0;

        string result = display.Run("title", report =>
        {
            for (int epoch = 1; epoch <= 2; epoch++)
            {
                for (int batch = 1; batch <= 3; batch++)
                {
                    report(new ProgressReport(epoch, 2, batch, 3, 0.5, 0.5, 10, TimeSpan.FromSeconds(batch)));
                    reports++;
                }
            }

            return "done";
        });

        Assert.Equal("done", result);
        Assert.Equal(6, reports);
    }
}
