using System;
using AotInference;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Mnist.Tests;

public sealed class DigitNormalizerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A 100x50 sheet of white paper (1.0) with a black bar 40 wide and 10 high at x 30..69, y 5..14.</summary>
    private static float[] PaperWithBar()
    {
        var grey = new float[100 * 50];
        Array.Fill(grey, 1f);
        for (int y = 5; y < 15; y++)
        {
            for (int x = 30; x < 70; x++)
            {
                grey[(y * 100) + x] = 0f;
            }
        }

        return grey;
    }

    private static (double Y, double X, int Left, int Right, int Top, int Bottom) Measure(float[] image)
    {
        double mass = 0, sy = 0, sx = 0;
        int left = 28, right = -1, top = 28, bottom = -1;
        for (int y = 0; y < 28; y++)
        {
            for (int x = 0; x < 28; x++)
            {
                float v = image[(y * 28) + x];
                mass += v;
                sy += v * (y + 0.5);
                sx += v * (x + 0.5);
                if (v > 0.5f)
                {
                    (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
                }
            }
        }

        return (sy / mass, sx / mass, left, right, top, bottom);
    }

    [Fact]
    public void Dark_ink_on_paper_is_inverted_fitted_to_20_pixels_and_centred_by_mass()
    {
        float[] result = DigitNormalizer.ToMnist(PaperWithBar(), 100, 50);

        // 40x10 bar -> 20x5 (aspect kept), white on black, centre of mass at (14, 14).
        (double cy, double cx, int left, int right, int top, int bottom) = Measure(result);
        Assert.Equal(20, right - left + 1);
        Assert.Equal(5, bottom - top + 1);
        Assert.InRange(cy, 13.5, 14.5);
        Assert.InRange(cx, 13.5, 14.5);
        Assert.Equal(0f, result[0]); // background is black
        Assert.True(result[(14 * 28) + 14] > 0.9f);
    }

    [Fact]
    public void A_small_off_centre_digit_is_enlarged_to_20_pixels()
    {
        // A 4x8 white block on black at the top-left of a 60x60 picture: height 8 -> 20, width 4 -> 10.
        var grey = new float[60 * 60];
        for (int y = 2; y < 10; y++)
        {
            for (int x = 3; x < 7; x++)
            {
                grey[(y * 60) + x] = 1f;
            }
        }

        (double cy, double cx, int left, int right, int top, int bottom) = Measure(DigitNormalizer.ToMnist(grey, 60, 60));

        Assert.Equal(10, right - left + 1);
        Assert.Equal(20, bottom - top + 1);
        Assert.InRange(cy, 13.5, 14.5);
        Assert.InRange(cx, 13.5, 14.5);
    }

    [Fact]
    public void A_28_by_28_picture_on_black_is_already_in_MNIST_format()
    {
        float[] seven = DigitImage.Seven();

        Assert.Equal(seven, DigitNormalizer.ToMnist(seven, 28, 28));
    }

    [Fact]
    public void A_28_by_28_picture_on_white_is_only_inverted()
    {
        float[] seven = DigitImage.Seven();
        float[] paper = Array.ConvertAll(seven, v => 1f - v);

        float[] result = DigitNormalizer.ToMnist(paper, 28, 28);

        for (int i = 0; i < seven.Length; i++)
        {
            Assert.Equal(seven[i], result[i], 1e-6f); // 1 - (1 - v) may differ from v in the last bit
        }
    }

    [Fact]
    public void A_blank_picture_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => DigitNormalizer.ToMnist(new float[40 * 30], 40, 30));

        Assert.Contains("no digit found", e.Message);
        Assert.Throws<ArgumentException>(() => DigitNormalizer.ToMnist(new float[10], 4, 3));
    }

    [Fact]
    public void Png_and_jpeg_photos_load_through_the_normalizer()
    {
        float[] bar = PaperWithBar();
        using var image = new Image<L8>(100, 50);
        for (int y = 0; y < 50; y++)
        {
            for (int x = 0; x < 100; x++)
            {
                image[x, y] = new L8((byte)(bar[(y * 100) + x] * 255));
            }
        }

        image.SaveAsPng(_folder.File("bar.png"));
        image.SaveAsJpeg(_folder.File("bar.jpg"));

        // PNG is lossless: exactly the normalised bar. JPEG is lossy: the same shape.
        Assert.Equal(DigitNormalizer.ToMnist(bar, 100, 50), DigitImage.Load(_folder.File("bar.png")));
        (_, _, int left, int right, int top, int bottom) = Measure(DigitImage.Load(_folder.File("bar.jpg")));
        Assert.Equal(20, right - left + 1);
        Assert.InRange(bottom - top + 1, 4, 6);
    }

    [Fact]
    public void The_generated_seven_survives_a_png_round_trip()
    {
        DigitImage.WritePng(_folder.File("seven.png"), DigitImage.Seven());

        float[] loaded = DigitImage.Load(_folder.File("seven.png"));

        float[] seven = DigitImage.Seven();
        for (int i = 0; i < seven.Length; i++)
        {
            Assert.Equal(Math.Round(seven[i] * 255) / 255, loaded[i], 4); // 8-bit PNG
        }
    }

    [Fact]
    public void Other_formats_are_refused_by_name()
    {
        var e = Assert.Throws<System.IO.InvalidDataException>(() => DigitImage.Load("digit.bmp"));

        Assert.Contains("expected a .pgm, .png, .jpg or .jpeg file", e.Message);
    }
}
