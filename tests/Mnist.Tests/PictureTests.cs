using System;
using Mnist.Pictures;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Mnist.Tests;

public sealed class PictureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Training_curves_are_a_png_of_the_requested_size()
    {
        string path = _folder.File("curves.png");

        TrainingCurvesPlot.Write(path, new[] { 0.9, 0.3, 0.1 }, new[] { 0.5, 0.2, 0.15 }, new[] { 0.7, 0.9, 0.97 }, new[] { 0.85, 0.95, 0.96 }, width: 900, height: 400);

        Assert.Equal((900, 400), Png.AssertValid(path));
    }

    [Fact]
    public void Training_curves_need_one_value_per_epoch_in_every_series()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingCurvesPlot.Write(_folder.File("x.png"), new[] { 1.0, 2.0 }, new[] { 1.0 }, new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }));

        Assert.Contains("got 2, 1, 2 and 2", e.Message);
    }

    [Fact]
    public void Fine_tuning_comparison_is_a_png_and_needs_every_series()
    {
        string path = _folder.File("finetune-vs-scratch.png");

        FineTuneComparisonPlot.Write(path, new[] { 0.5, 0.8 }, new[] { 0.85, 0.9 }, new[] { 0.3, 0.5, 0.6, 0.7 }, width: 700, height: 350);

        Assert.Equal((700, 350), Png.AssertValid(path));
        var e = Assert.Throws<ArgumentException>(() => FineTuneComparisonPlot.Write(_folder.File("y.png"), new[] { 0.5 }, Array.Empty<double>(), new[] { 0.3 }));
        Assert.Contains("got 1, 0 and 1", e.Message);
    }

    [Fact]
    public void Confusion_matrix_is_a_png_of_the_requested_size()
    {
        var labels = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9 };
        var predictions = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 4, 7 };
        string path = _folder.File("confusion.png");

        ConfusionMatrixPlot.Write(path, ConfusionMatrix.FromPredictions(labels, predictions, 10), width: 640, height: 600);

        Assert.Equal((640, 600), Png.AssertValid(path));
    }

    [Fact]
    public void Misclassified_grid_holds_the_wrong_digits_enlarged_in_order()
    {
        // Five images, each filled with its own grey level; images 1, 3 and 4 are wrong.
        var images = new float[5 * 784];
        for (int i = 0; i < 5; i++)
        {
            images.AsSpan(i * 784, 784).Fill((i + 1) / 10f);
        }

        images[(3 * 784) + (2 * 28) + 1] = 1f; // image 3, row 2, column 1: one white pixel
        string path = _folder.File("wrong.png");

        int drawn = MisclassifiedGrid.Write(path, images, new[] { 1, 2, 3, 4, 5 }, new[] { 1, 7, 3, 0, 6 }, columns: 2, scale: 3);

        Assert.Equal(3, drawn);
        // 2 columns of (28*3 + 4) px + 4 px border; 2 rows of (28*3 + 2 + 5*3 + 4) px + 4.
        Assert.Equal((180, 214), Png.AssertValid(path));
        Assert.Equal((180, 214), MisclassifiedGrid.Size(3, columns: 2, scale: 3));
        using var picture = Image.Load<Rgb24>(path);
        Assert.Equal(new Rgb24(51, 51, 51), picture[4, 4]);           // tile 0 = image 1, grey 0.2
        Assert.Equal(new Rgb24(102, 102, 102), picture[4 + 88, 4]);   // tile 1 = image 3, grey 0.4
        Assert.Equal(new Rgb24(255, 255, 255), picture[4 + 88 + 3, 4 + 6]); // its white pixel, 3x3 at column 1, row 2
        Assert.Equal(new Rgb24(255, 255, 255), picture[4 + 88 + 5, 4 + 8]);
        Assert.Equal(new Rgb24(128, 128, 128), picture[4, 4 + 105]);  // tile 2 = image 4, grey 0.5, second row
    }

    [Fact]
    public void Misclassified_grid_labels_are_drawn_in_the_digit_font()
    {
        var images = new float[784];
        string path = _folder.File("one.png");

        MisclassifiedGrid.Write(path, images, new[] { 1 }, new[] { 7 }, scale: 1);

        using var picture = Image.Load<Rgb24>(path);
        int top = 4 + 28 + 2, left = 4 + 2; // label below the 28x28 tile; font pixels 3x3
        // '1' = rows 010,110,010,010,111: its top-middle pixel is set (green), top-left is not.
        Assert.Equal(new Rgb24(80, 220, 80), picture[left + 3, top]);
        Assert.NotEqual(new Rgb24(80, 220, 80), picture[left, top]);
        // '7' after '1' and '>' (each 4 font pixels wide): top row 111 set (red).
        Assert.Equal(new Rgb24(240, 80, 80), picture[left + 24, top]);
        Assert.Equal(new Rgb24(240, 80, 80), picture[left + 24 + 8, top]);
    }

    [Fact]
    public void Grid_with_no_mistakes_is_one_empty_tile()
    {
        string path = _folder.File("none.png");

        Assert.Equal(0, MisclassifiedGrid.Write(path, new float[784], new[] { 3 }, new[] { 3 }));
        Assert.Equal(MisclassifiedGrid.Size(0, 10, 3), Png.AssertValid(path));
    }

    [Fact]
    public void Digit_font_has_every_digit_and_refuses_other_characters()
    {
        // '8' is the full 3x5 block minus the two inner holes.
        int set = 0;
        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                set += DigitFont.IsSet('8', x, y) ? 1 : 0;
            }
        }

        Assert.Equal(13, set);
        Assert.False(DigitFont.IsSet('8', 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitFont.IsSet('a', 0, 0));
    }
}
