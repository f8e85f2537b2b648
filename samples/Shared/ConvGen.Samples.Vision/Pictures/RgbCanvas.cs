using System;

namespace ConvGen.Samples.Vision.Pictures
{
    /// <summary>
    /// A plain RGB24 raster (row-major, 3 bytes per pixel) with the few drawing operations the pictures need. Drawing
    /// outside the canvas is clipped silently.
    /// </summary>
    public sealed class RgbCanvas
    {
        /// <summary>A canvas filled with <paramref name="background"/>.</summary>
        public RgbCanvas(int width, int height, Rgb background)
        {
            if (width <= 0 || height <= 0)
                throw new ArgumentOutOfRangeException(nameof(width), $"A canvas needs a positive size; got {width}x{height}.");
            Width = width;
            Height = height;
            Pixels = new byte[width * height * 3];
            FillRectangle(0, 0, width, height, background);
        }

        /// <summary>Columns.</summary>
        public int Width { get; }

        /// <summary>Rows.</summary>
        public int Height { get; }

        /// <summary>The pixels, [Height, Width, 3].</summary>
        public byte[] Pixels { get; }

        /// <summary>The colour at (x, y).</summary>
        public Rgb this[int x, int y]
        {
            get
            {
                int i = Index(x, y);
                return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
            }
        }

        /// <summary>Sets one pixel (ignored outside the canvas).</summary>
        public void Set(int x, int y, Rgb colour)
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                return;
            int i = (y * Width + x) * 3;
            Pixels[i] = colour.R;
            Pixels[i + 1] = colour.G;
            Pixels[i + 2] = colour.B;
        }

        /// <summary>Fills the rectangle with top-left (x, y) and the given size.</summary>
        public void FillRectangle(int x, int y, int width, int height, Rgb colour)
        {
            int x0 = Math.Max(0, x), y0 = Math.Max(0, y), x1 = Math.Min(Width, x + width), y1 = Math.Min(Height, y + height);
            for (int py = y0; py < y1; py++)
            {
                for (int px = x0; px < x1; px++)
                    Set(px, py, colour);
            }
        }

        /// <summary>
        /// Draws the outline of the pixels [x0, x1) x [y0, y1), <paramref name="thickness"/> pixels wide, inside that
        /// rectangle (so the outline never covers pixels outside the box).
        /// </summary>
        public void DrawRectangle(int x0, int y0, int x1, int y1, Rgb colour, int thickness = 1)
        {
            int w = x1 - x0, h = y1 - y0;
            if (w <= 0 || h <= 0)
                return;
            int t = Math.Min(thickness, Math.Min((w + 1) / 2, (h + 1) / 2));
            FillRectangle(x0, y0, w, t, colour);
            FillRectangle(x0, y1 - t, w, t, colour);
            FillRectangle(x0, y0, t, h, colour);
            FillRectangle(x1 - t, y0, t, h, colour);
        }

        /// <summary>Draws an RGB float image ([height, width, 3], values in [0, 1], clamped) at (x, y), each pixel a <paramref name="scale"/>-sized square.</summary>
        public void DrawImage(ReadOnlySpan<float> image, int height, int width, int x, int y, int scale = 1)
        {
            CheckLength(image.Length, height * width * 3, nameof(image));
            for (int py = 0; py < height; py++)
            {
                for (int px = 0; px < width; px++)
                {
                    int i = (py * width + px) * 3;
                    FillRectangle(x + px * scale, y + py * scale, scale, scale, new Rgb(ToByte(image[i]), ToByte(image[i + 1]), ToByte(image[i + 2])));
                }
            }
        }

        /// <summary>Draws a class mask ([height, width]) in palette colours.</summary>
        public void DrawLabels(ReadOnlySpan<int> labels, int height, int width, int x, int y, int scale = 1)
        {
            CheckLength(labels.Length, height * width, nameof(labels));
            for (int py = 0; py < height; py++)
            {
                for (int px = 0; px < width; px++)
                    FillRectangle(x + px * scale, y + py * scale, scale, scale, Palette.Segmentation(labels[py * width + px]));
            }
        }

        /// <summary>
        /// Draws the image with the class mask laid over it: each non-background pixel mixes <paramref name="opacity"/> of
        /// its class colour into the image; background pixels show the image alone.
        /// </summary>
        public void DrawOverlay(ReadOnlySpan<float> image, ReadOnlySpan<int> labels, int height, int width, int x, int y, int scale = 1, float opacity = 0.6f)
        {
            CheckLength(image.Length, height * width * 3, nameof(image));
            CheckLength(labels.Length, height * width, nameof(labels));
            for (int py = 0; py < height; py++)
            {
                for (int px = 0; px < width; px++)
                {
                    int p = py * width + px, i = p * 3;
                    float r = image[i], g = image[i + 1], b = image[i + 2];
                    if (labels[p] != 0)
                    {
                        Rgb c = Palette.Segmentation(labels[p]);
                        r += opacity * (c.R / 255f - r);
                        g += opacity * (c.G / 255f - g);
                        b += opacity * (c.B / 255f - b);
                    }
                    FillRectangle(x + px * scale, y + py * scale, scale, scale, new Rgb(ToByte(r), ToByte(g), ToByte(b)));
                }
            }
        }

        private int Index(int x, int y)
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}x{Height} canvas.");
            return (y * Width + x) * 3;
        }

        private static void CheckLength(int actual, int expected, string name)
        {
            if (actual != expected)
                throw new ArgumentException($"{name} has {actual} elements; the size given needs {expected}.", name);
        }

        private static byte ToByte(float v) => (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
    }
}
