using System;
using System.Collections.Generic;
using System.Globalization;
using ConvGen.Vision;

namespace ConvGen.Samples.Vision.Pictures
{
    /// <summary>
    /// Images in a grid of <c>columns</c> tiles with ground-truth boxes (1-pixel white outlines) and predicted boxes
    /// (2-pixel outlines in the class colour, labelled "name score" on a strip above the box, or inside it at the top of the
    /// tile). Layout: a <see cref="HeaderHeight"/> legend, then tiles <c>width * scale</c> wide with <see cref="Margin"/>
    /// around them: <c>Margin + columns * (width * scale + Margin)</c> by <c>HeaderHeight + rows * (height * scale + Margin)</c>.
    /// </summary>
    public static class DetectionPicture
    {
        /// <summary>Space between tiles and around the grid.</summary>
        public const int Margin = 4;

        /// <summary>Height of the legend strip.</summary>
        public const int HeaderHeight = 16;

        /// <summary>Height of a box's label strip.</summary>
        public const int LabelHeight = BitmapFont.GlyphHeight + 2;

        /// <summary>Outline width of a predicted box.</summary>
        public const int PredictionThickness = 2;

        private static readonly Rgb Background = new(24, 24, 24);

        /// <summary>
        /// Draws <paramref name="count"/> images ([count, height, width, 3] floats in [0, 1]) with their boxes (pixel
        /// coordinates of the image; <paramref name="truth"/> may be null).
        /// </summary>
        public static RgbCanvas Render(ReadOnlySpan<float> images, int count, int height, int width, IReadOnlyList<BoundingBox[]>? truth, IReadOnlyList<BoundingBox[]> predicted, IReadOnlyList<string> classNames, int columns = 4, int scale = 3)
        {
            ArgumentNullException.ThrowIfNull(predicted);
            ArgumentNullException.ThrowIfNull(classNames);
            if (count <= 0 || height <= 0 || width <= 0 || scale <= 0 || columns <= 0)
                throw new ArgumentOutOfRangeException(nameof(count), $"count, height, width, columns and scale must be positive; got {count}, {height}, {width}, {columns}, {scale}.");
            int pixels = height * width * 3;
            if (images.Length < count * pixels)
                throw new ArgumentException($"images has {images.Length} floats; {count} images of {height}x{width}x3 need {count * pixels}.", nameof(images));
            if (predicted.Count < count || (truth != null && truth.Count < count))
                throw new ArgumentException($"Boxes are needed for all {count} images (predicted: {predicted.Count}, truth: {truth?.Count}).", nameof(predicted));

            columns = Math.Min(columns, count);
            int rows = (count + columns - 1) / columns;
            int tileWidth = width * scale, tileHeight = height * scale;
            var canvas = new RgbCanvas(Margin + columns * (tileWidth + Margin), HeaderHeight + rows * (tileHeight + Margin), Background);
            DrawLegend(canvas, classNames);

            for (int i = 0; i < count; i++)
            {
                int left = Margin + i % columns * (tileWidth + Margin), top = HeaderHeight + i / columns * (tileHeight + Margin);
                canvas.DrawImage(images.Slice(i * pixels, pixels), height, width, left, top, scale);
                if (truth != null)
                {
                    foreach (BoundingBox box in truth[i])
                    {
                        (int x0, int y0, int x1, int y1) = ToCanvas(box, left, top, scale);
                        canvas.DrawRectangle(x0, y0, x1, y1, Rgb.White);
                    }
                }
                foreach (BoundingBox box in predicted[i])
                    DrawPrediction(canvas, box, classNames, left, top, tileWidth, scale);
            }
            return canvas;
        }

        /// <summary>Renders and saves as PNG.</summary>
        public static void Write(string path, ReadOnlySpan<float> images, int count, int height, int width, IReadOnlyList<BoundingBox[]>? truth, IReadOnlyList<BoundingBox[]> predicted, IReadOnlyList<string> classNames, int columns = 4, int scale = 3) =>
            PngFile.Save(Render(images, count, height, width, truth, predicted, classNames, columns, scale), path);

        /// <summary>The label drawn on a predicted box, e.g. "ring 0.87".</summary>
        public static string Label(BoundingBox box, IReadOnlyList<string> classNames)
        {
            ArgumentNullException.ThrowIfNull(classNames);
            string name = box.ClassId < classNames.Count ? classNames[box.ClassId] : box.ClassId.ToString(CultureInfo.InvariantCulture);
            return name + " " + box.Score.ToString("0.00", CultureInfo.InvariantCulture);
        }

        private static (int X0, int Y0, int X1, int Y1) ToCanvas(BoundingBox box, int left, int top, int scale) =>
            (left + (int)MathF.Floor(box.XMin * scale), top + (int)MathF.Floor(box.YMin * scale),
             left + (int)MathF.Ceiling(box.XMax * scale), top + (int)MathF.Ceiling(box.YMax * scale));

        private static void DrawPrediction(RgbCanvas canvas, BoundingBox box, IReadOnlyList<string> classNames, int left, int top, int tileWidth, int scale)
        {
            Rgb colour = Palette.Detection(box.ClassId);
            (int x0, int y0, int x1, int y1) = ToCanvas(box, left, top, scale);
            canvas.DrawRectangle(x0, y0, x1, y1, colour, PredictionThickness);

            string text = Label(box, classNames);
            int labelWidth = BitmapFont.MeasureWidth(text) + 2;
            int labelX = Math.Max(left, Math.Min(x0, left + tileWidth - labelWidth));
            int labelY = y0 - LabelHeight >= top ? y0 - LabelHeight : y0;
            canvas.FillRectangle(labelX, labelY, labelWidth, LabelHeight, colour);
            BitmapFont.Draw(canvas, text, labelX + 1, labelY + 1, Luminance(colour) > 140 ? Rgb.Black : Rgb.White);
        }

        private static void DrawLegend(RgbCanvas canvas, IReadOnlyList<string> classNames)
        {
            int x = Margin, y = (HeaderHeight - BitmapFont.GlyphHeight) / 2;
            canvas.DrawRectangle(x, y, x + 7, y + 7, Rgb.White);
            BitmapFont.Draw(canvas, "truth", x + 10, y, Rgb.White);
            x += 10 + BitmapFont.MeasureWidth("truth") + 10;
            for (int c = 0; c < classNames.Count; c++)
            {
                canvas.FillRectangle(x, y, 7, 7, Palette.Detection(c));
                BitmapFont.Draw(canvas, classNames[c], x + 10, y, Rgb.White);
                x += 10 + BitmapFont.MeasureWidth(classNames[c]) + 10;
            }
        }

        private static int Luminance(Rgb c) => (299 * c.R + 587 * c.G + 114 * c.B) / 1000;
    }
}
