using System;

namespace ConvGen.Samples.Vision.Pictures
{
    /// <summary>
    /// A grid with one row per image: input | true mask | predicted mask over the input. Layout (canvas pixels):
    /// a <see cref="HeaderHeight"/> header with the column titles, then rows of tiles <c>width * scale</c> wide with
    /// <see cref="Margin"/> around them, so the picture is <c>Margin + 3 * (width * scale + Margin)</c> wide and
    /// <c>HeaderHeight + count * (height * scale + Margin)</c> high.
    /// </summary>
    public static class SegmentationPicture
    {
        /// <summary>Space between tiles and around the grid.</summary>
        public const int Margin = 4;

        /// <summary>Height of the title strip above the first row.</summary>
        public const int HeaderHeight = 16;

        private static readonly Rgb Background = new(24, 24, 24);

        /// <summary>
        /// Draws <paramref name="count"/> images ([count, height, width, 3] floats in [0, 1]) with their true and predicted
        /// masks ([count, height, width] class ids).
        /// </summary>
        public static RgbCanvas Render(ReadOnlySpan<float> images, ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int count, int height, int width, int scale = 2)
        {
            if (count <= 0 || height <= 0 || width <= 0 || scale <= 0)
                throw new ArgumentOutOfRangeException(nameof(count), $"count, height, width and scale must be positive; got {count}, {height}, {width}, {scale}.");
            int pixels = height * width;
            if (images.Length < count * pixels * 3)
                throw new ArgumentException($"images has {images.Length} floats; {count} images of {height}x{width}x3 need {count * pixels * 3}.", nameof(images));
            if (truth.Length < count * pixels)
                throw new ArgumentException($"truth has {truth.Length} labels; {count} masks of {height}x{width} need {count * pixels}.", nameof(truth));
            if (predicted.Length < count * pixels)
                throw new ArgumentException($"predicted has {predicted.Length} labels; {count} masks of {height}x{width} need {count * pixels}.", nameof(predicted));

            int tileWidth = width * scale, tileHeight = height * scale;
            var canvas = new RgbCanvas(Margin + 3 * (tileWidth + Margin), HeaderHeight + count * (tileHeight + Margin), Background);
            string[] titles = { "input", "true mask", "predicted" };
            for (int column = 0; column < 3; column++)
                BitmapFont.Draw(canvas, titles[column], Margin + column * (tileWidth + Margin), (HeaderHeight - BitmapFont.GlyphHeight) / 2, Rgb.White);

            for (int i = 0; i < count; i++)
            {
                int y = HeaderHeight + i * (tileHeight + Margin);
                ReadOnlySpan<float> image = images.Slice(i * pixels * 3, pixels * 3);
                canvas.DrawImage(image, height, width, Margin, y, scale);
                canvas.DrawLabels(truth.Slice(i * pixels, pixels), height, width, Margin + tileWidth + Margin, y, scale);
                canvas.DrawOverlay(image, predicted.Slice(i * pixels, pixels), height, width, Margin + 2 * (tileWidth + Margin), y, scale);
            }
            return canvas;
        }

        /// <summary>Renders and saves as PNG.</summary>
        public static void Write(string path, ReadOnlySpan<float> images, ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int count, int height, int width, int scale = 2) =>
            PngFile.Save(Render(images, truth, predicted, count, height, width, scale), path);
    }
}
