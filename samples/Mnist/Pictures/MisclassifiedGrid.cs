using System;
using System.Collections.Generic;
using ConvGen.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Mnist.Pictures;

/// <summary>
/// A PNG grid of misclassified test digits, each enlarged <c>scale</c> times (white on black, as MNIST stores them)
/// above a label "true>predicted": the true digit in green, the prediction in red.
/// </summary>
public static class MisclassifiedGrid
{
    private const int LabelScale = 3; // font pixel size in image pixels
    private const int Gap = 4;

    /// <summary>The size of the PNG <see cref="Write"/> produces for <paramref name="count"/> tiles.</summary>
    public static (int Width, int Height) Size(int count, int columns, int scale)
    {
        int tiles = Math.Max(count, 1);
        int rows = (tiles + columns - 1) / columns;
        int cols = Math.Min(tiles, columns);
        return ((cols * TileWidth(scale)) + Gap, (rows * TileHeight(scale)) + Gap);
    }

    /// <summary>
    /// Writes up to <paramref name="maxCount"/> images of <paramref name="images"/> ([N, 28, 28, 1], [0, 1]) whose
    /// prediction differs from the label, in data set order; returns how many were drawn. With none, one empty tile is written.
    /// </summary>
    public static int Write(string path, ReadOnlySpan<float> images, IReadOnlyList<int> labels, IReadOnlyList<int> predictions, int maxCount = 100, int columns = 10, int scale = 3)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (labels.Count != predictions.Count || images.Length != labels.Count * MnistSet.ImageLength)
        {
            throw new ArgumentException($"expected one label and one prediction per 28x28 image, got {images.Length} floats, {labels.Count} labels, {predictions.Count} predictions.");
        }

        var wrong = new List<int>();
        for (int i = 0; i < labels.Count && wrong.Count < maxCount; i++)
        {
            if (labels[i] != predictions[i])
            {
                wrong.Add(i);
            }
        }

        (int width, int height) = Size(wrong.Count, columns, scale);
        using var picture = new Image<Rgb24>(width, height, new Rgb24(40, 40, 40));
        for (int t = 0; t < wrong.Count; t++)
        {
            int left = ((t % columns) * TileWidth(scale)) + Gap, top = ((t / columns) * TileHeight(scale)) + Gap;
            ReadOnlySpan<float> image = images.Slice(wrong[t] * MnistSet.ImageLength, MnistSet.ImageLength);
            for (int y = 0; y < 28 * scale; y++)
            {
                for (int x = 0; x < 28 * scale; x++)
                {
                    byte v = (byte)Math.Round(Math.Clamp(image[((y / scale) * 28) + (x / scale)], 0f, 1f) * 255f);
                    picture[left + x, top + y] = new Rgb24(v, v, v);
                }
            }

            int textTop = top + (28 * scale) + 2;
            int textLeft = left + 2;
            textLeft = DrawChar(picture, (char)('0' + labels[wrong[t]]), textLeft, textTop, new Rgb24(80, 220, 80));
            textLeft = DrawChar(picture, '>', textLeft, textTop, new Rgb24(200, 200, 200));
            DrawChar(picture, (char)('0' + predictions[wrong[t]]), textLeft, textTop, new Rgb24(240, 80, 80));
        }

        picture.SaveAsPng(path);
        return wrong.Count;
    }

    // Wide enough for the image and for the three-character label ("7>2").
    private static int TileWidth(int scale) => Math.Max(28 * scale, 2 + (3 * (DigitFont.Width + 1) * LabelScale)) + Gap;

    private static int TileHeight(int scale) => (28 * scale) + 2 + (DigitFont.Height * LabelScale) + Gap;

    private static int DrawChar(Image<Rgb24> picture, char c, int left, int top, Rgb24 colour)
    {
        for (int y = 0; y < DigitFont.Height * LabelScale; y++)
        {
            for (int x = 0; x < DigitFont.Width * LabelScale; x++)
            {
                if (DigitFont.IsSet(c, x / LabelScale, y / LabelScale))
                {
                    picture[left + x, top + y] = colour;
                }
            }
        }

        return left + ((DigitFont.Width + 1) * LabelScale);
    }
}
