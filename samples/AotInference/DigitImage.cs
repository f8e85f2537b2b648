using System;
using System.IO;
using System.Text;
using SkiaSharp;

namespace AotInference;

/// <summary>28x28 grey images in [0, 1]: a generated handwritten-looking "7", a binary PGM (P5) file, or a PNG/JPEG photo of a digit.</summary>
public static class DigitImage
{
    public const int Size = 28;

    /// <summary>A "7": a top bar and a slanted stroke, anti-aliased by the distance to each segment (exact double maths).</summary>
    public static float[] Seven()
    {
        var pixels = new float[Size * Size];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                double d = Math.Min(Distance(x, y, 6, 6, 21, 6), Distance(x, y, 21, 6, 11, 23));
                pixels[(y * Size) + x] = (float)Math.Clamp(2.0 - d, 0.0, 1.0);
            }
        }

        return pixels;
    }

    /// <summary>
    /// Reads a digit picture: a 28x28 binary PGM as it is, or a PNG or JPEG of any size (decoded with SkiaSharp to
    /// grey, transparent parts over white paper, then brought to MNIST's format by <see cref="DigitNormalizer"/>).
    /// </summary>
    public static float[] Load(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pgm")
        {
            return ReadPgm(path);
        }

        if (extension is not (".png" or ".jpg" or ".jpeg"))
        {
            throw new InvalidDataException($"{path}: expected a .pgm, .png, .jpg or .jpeg file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        using SKBitmap bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path}: not a readable PNG or JPEG image.");
        SKColor[] colours = bitmap.Pixels;
        var grey = new float[colours.Length];
        for (int i = 0; i < grey.Length; i++)
        {
            SKColor c = colours[i];
            float luma = ((0.299f * c.Red) + (0.587f * c.Green) + (0.114f * c.Blue)) / 255f;
            float alpha = c.Alpha / 255f;
            grey[i] = (luma * alpha) + (1f - alpha);
        }

        return DigitNormalizer.ToMnist(grey, bitmap.Width, bitmap.Height);
    }

    /// <summary>Writes a 28x28 image as a PNG (8-bit grey).</summary>
    public static void WritePng(string path, float[] pixels)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Gray8, SKAlphaType.Opaque));
        Span<byte> bytes = bitmap.GetPixelSpan();
        for (int i = 0; i < Size * Size; i++)
        {
            bytes[i] = (byte)Math.Round(Math.Clamp(pixels[i], 0f, 1f) * 255f);
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }

    /// <summary>Writes a binary PGM (viewable in most image viewers), 8 bits per pixel.</summary>
    public static void WritePgm(string path, float[] pixels)
    {
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"P5\n{Size} {Size}\n255\n"));
        foreach (float p in pixels)
        {
            file.WriteByte((byte)Math.Round(Math.Clamp(p, 0f, 1f) * 255f));
        }
    }

    /// <summary>Reads a 28x28 binary PGM (P5, maxval up to 255) into [0, 1] floats.</summary>
    public static float[] ReadPgm(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int position = 0;
        string magic = Token(bytes, ref position);
        int width = int.Parse(Token(bytes, ref position), System.Globalization.CultureInfo.InvariantCulture);
        int height = int.Parse(Token(bytes, ref position), System.Globalization.CultureInfo.InvariantCulture);
        int maxValue = int.Parse(Token(bytes, ref position), System.Globalization.CultureInfo.InvariantCulture);
        if (magic != "P5" || width != Size || height != Size || maxValue is < 1 or > 255)
        {
            throw new InvalidDataException($"{path}: expected a binary PGM (P5) of {Size}x{Size} with maxval <= 255, got {magic} {width}x{height} maxval {maxValue}.");
        }

        position++; // the single whitespace after maxval
        if (bytes.Length - position < Size * Size)
        {
            throw new InvalidDataException($"{path}: expected {Size * Size} pixels, found {Math.Max(0, bytes.Length - position)}.");
        }

        var pixels = new float[Size * Size];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = bytes[position + i] / (float)maxValue;
        }

        return pixels;
    }

    private static string Token(byte[] bytes, ref int position)
    {
        while (position < bytes.Length && (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#'))
        {
            if (bytes[position] == '#')
            {
                while (position < bytes.Length && bytes[position] != '\n')
                {
                    position++;
                }
            }
            else
            {
                position++;
            }
        }

        int start = position;
        while (position < bytes.Length && !char.IsWhiteSpace((char)bytes[position]))
        {
            position++;
        }

        return Encoding.ASCII.GetString(bytes, start, position - start);
    }

    private static double Distance(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double t = Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / ((dx * dx) + (dy * dy)), 0.0, 1.0);
        double ex = px - (ax + (t * dx)), ey = py - (ay + (t * dy));
        return Math.Sqrt((ex * ex) + (ey * ey));
    }
}
