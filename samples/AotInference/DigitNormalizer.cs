using System;

namespace AotInference;

/// <summary>
/// Turns a picture of one digit into MNIST's format, the way MNIST itself was made: white digit on black, the digit's
/// bounding box scaled to fit 20x20 keeping its aspect ratio (area averaging, anti-aliased), then placed in a 28x28 frame so that its
/// centre of mass is at the frame's centre. A picture with a light background (ink on paper) is inverted first.
/// </summary>
public static class DigitNormalizer
{
    /// <summary>Pixels darker than this (after inversion, in [0, 1]) count as background when finding the digit.</summary>
    public const float InkThreshold = 0.2f;

    private const int Frame = 28;
    private const int Box = 20;

    /// <summary>
    /// Normalises a grey picture (<paramref name="width"/> x <paramref name="height"/>, row-major, values in [0, 1]).
    /// A 28x28 picture on a dark background is taken to be in MNIST format already and returned as it is.
    /// </summary>
    public static float[] ToMnist(ReadOnlySpan<float> grey, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (grey.Length != width * height)
        {
            throw new ArgumentException($"a {width}x{height} picture has {width * height} pixels, got {grey.Length}.", nameof(grey));
        }

        float[] ink = grey.ToArray();
        if (BorderMean(ink, width, height) > 0.5f)
        {
            for (int i = 0; i < ink.Length; i++)
            {
                ink[i] = 1f - ink[i];
            }
        }

        if (width == Frame && height == Frame)
        {
            return ink;
        }

        (int left, int top, int right, int bottom) = BoundingBox(ink, width, height);
        int boxWidth = right - left + 1, boxHeight = bottom - top + 1;
        double scale = (double)Box / Math.Max(boxWidth, boxHeight);
        int fitWidth = Math.Clamp((int)Math.Round(boxWidth * scale), 1, Box);
        int fitHeight = Math.Clamp((int)Math.Round(boxHeight * scale), 1, Box);
        float[] fitted = AreaResize(ink, width, left, top, boxWidth, boxHeight, fitWidth, fitHeight);

        // Centre of mass of the fitted digit, then the offset that puts it at (14, 14), kept inside the frame.
        double mass = 0, sumX = 0, sumY = 0;
        for (int y = 0; y < fitHeight; y++)
        {
            for (int x = 0; x < fitWidth; x++)
            {
                float v = fitted[(y * fitWidth) + x];
                mass += v;
                sumX += v * (x + 0.5);
                sumY += v * (y + 0.5);
            }
        }

        int offsetX = Math.Clamp((int)Math.Round((Frame / 2.0) - (sumX / mass)), 0, Frame - fitWidth);
        int offsetY = Math.Clamp((int)Math.Round((Frame / 2.0) - (sumY / mass)), 0, Frame - fitHeight);
        var result = new float[Frame * Frame];
        for (int y = 0; y < fitHeight; y++)
        {
            fitted.AsSpan(y * fitWidth, fitWidth).CopyTo(result.AsSpan(((y + offsetY) * Frame) + offsetX));
        }

        return result;
    }

    private static float BorderMean(float[] pixels, int width, int height)
    {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (y == 0 || y == height - 1 || x == 0 || x == width - 1)
                {
                    sum += pixels[(y * width) + x];
                    count++;
                }
            }
        }

        return (float)(sum / count);
    }

    private static (int Left, int Top, int Right, int Bottom) BoundingBox(float[] ink, int width, int height)
    {
        int left = width, top = height, right = -1, bottom = -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (ink[(y * width) + x] > InkThreshold)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }

        if (right < 0)
        {
            throw new ArgumentException($"no digit found: every pixel of the {width}x{height} picture is background (ink below {InkThreshold}).");
        }

        return (left, top, right, bottom);
    }

    /// <summary>
    /// Resizes the crop (<paramref name="left"/>, <paramref name="top"/>, <paramref name="cropWidth"/> x
    /// <paramref name="cropHeight"/>) by area averaging: each output pixel is the mean of the input area it covers,
    /// counting partly covered pixels by their covered fraction (anti-aliased when shrinking, exact and deterministic).
    /// </summary>
    private static float[] AreaResize(float[] ink, int width, int left, int top, int cropWidth, int cropHeight, int newWidth, int newHeight)
    {
        double sx = (double)cropWidth / newWidth, sy = (double)cropHeight / newHeight;
        var result = new float[newWidth * newHeight];
        for (int oy = 0; oy < newHeight; oy++)
        {
            double y0 = oy * sy, y1 = (oy + 1) * sy;
            for (int ox = 0; ox < newWidth; ox++)
            {
                double x0 = ox * sx, x1 = (ox + 1) * sx;
                double sum = 0;
                for (int y = (int)y0; y < Math.Min(cropHeight, (int)Math.Ceiling(y1)); y++)
                {
                    double wy = Math.Min(y + 1, y1) - Math.Max(y, y0);
                    for (int x = (int)x0; x < Math.Min(cropWidth, (int)Math.Ceiling(x1)); x++)
                    {
                        double wx = Math.Min(x + 1, x1) - Math.Max(x, x0);
                        sum += wx * wy * ink[((y + top) * width) + x + left];
                    }
                }

                result[(oy * newWidth) + ox] = (float)(sum / (sx * sy));
            }
        }

        return result;
    }
}
