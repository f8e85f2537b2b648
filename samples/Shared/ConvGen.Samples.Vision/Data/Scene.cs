using System;

namespace ConvGen.Samples.Vision.Data
{
    /// <summary>
    /// One synthetic picture being drawn: an RGB float image in [0, 1] (HWC) and, optionally, a class per pixel. Shapes are
    /// painted in order, so later ones occlude earlier ones; the image gets 2x2 supersampled edges, the label mask the
    /// plain pixel-center test. <see cref="Finish"/> adds the lighting gradient and sensor noise.
    /// </summary>
    public sealed class Scene
    {
        private static readonly float[] SubSamples = { 0.25f, 0.75f };

        /// <summary>An empty (black, all-background) scene.</summary>
        public Scene(int height, int width)
        {
            Height = height;
            Width = width;
            Image = new float[height * width * 3];
            Labels = new int[height * width];
        }

        /// <summary>Rows.</summary>
        public int Height { get; }

        /// <summary>Columns.</summary>
        public int Width { get; }

        /// <summary>The picture, [Height, Width, 3].</summary>
        public float[] Image { get; }

        /// <summary>Class per pixel, [Height, Width]; 0 where no labelled shape was painted.</summary>
        public int[] Labels { get; }

        /// <summary>A textured background: a random base colour plus two random sinusoidal gratings and a little blotchy noise.</summary>
        public void PaintBackground(SampleRandom random)
        {
            float r = random.Range(0.15f, 0.85f), g = random.Range(0.15f, 0.85f), b = random.Range(0.15f, 0.85f);
            Span<float> frequency = stackalloc float[2], phase = stackalloc float[2], amplitude = stackalloc float[2], cos = stackalloc float[2], sin = stackalloc float[2];
            for (int k = 0; k < 2; k++)
            {
                float angle = random.Range(0f, MathF.PI);
                cos[k] = MathF.Cos(angle);
                sin[k] = MathF.Sin(angle);
                frequency[k] = random.Range(0.15f, 0.9f);
                phase[k] = random.Range(0f, 2f * MathF.PI);
                amplitude[k] = random.Range(0.03f, 0.12f);
            }
            float tintR = random.Range(0.6f, 1.4f), tintG = random.Range(0.6f, 1.4f), tintB = random.Range(0.6f, 1.4f);
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    float t = 0f;
                    for (int k = 0; k < 2; k++)
                        t += amplitude[k] * MathF.Sin(frequency[k] * (x * cos[k] + y * sin[k]) + phase[k]);
                    int i = (y * Width + x) * 3;
                    Image[i] = r + t * tintR;
                    Image[i + 1] = g + t * tintG;
                    Image[i + 2] = b + t * tintB;
                }
            }
        }

        /// <summary>
        /// Paints <paramref name="shape"/> in a flat colour; where <paramref name="label"/> is not negative the mask takes it
        /// at every pixel whose center is inside. Returns the pixels whose center is inside, as an exclusive box
        /// (XMin, YMin, XMax, YMax), clipped to the image, or null when none is.
        /// </summary>
        public (int XMin, int YMin, int XMax, int YMax)? Paint(Shape shape, float red, float green, float blue, int label = -1)
        {
            (float ex0, float ey0, float ex1, float ey1) = shape.Extent;
            int x0 = Math.Max(0, (int)MathF.Floor(ex0) - 1), y0 = Math.Max(0, (int)MathF.Floor(ey0) - 1);
            int x1 = Math.Min(Width - 1, (int)MathF.Ceiling(ex1) + 1), y1 = Math.Min(Height - 1, (int)MathF.Ceiling(ey1) + 1);
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    int covered = 0;
                    foreach (float sy in SubSamples)
                    {
                        foreach (float sx in SubSamples)
                        {
                            if (shape.Contains(x + sx, y + sy))
                                covered++;
                        }
                    }
                    if (covered > 0)
                    {
                        float a = covered * 0.25f;
                        int i = (y * Width + x) * 3;
                        Image[i] += a * (red - Image[i]);
                        Image[i + 1] += a * (green - Image[i + 1]);
                        Image[i + 2] += a * (blue - Image[i + 2]);
                    }
                    if (!shape.Contains(x + 0.5f, y + 0.5f))
                        continue;
                    if (label >= 0)
                        Labels[y * Width + x] = label;
                    minX = Math.Min(minX, x);
                    minY = Math.Min(minY, y);
                    maxX = Math.Max(maxX, x);
                    maxY = Math.Max(maxY, y);
                }
            }
            return maxX < 0 ? null : (minX, minY, maxX + 1, maxY + 1);
        }

        /// <summary>Multiplies by a linear lighting gradient of random direction and strength, adds Gaussian noise, clamps to [0, 1].</summary>
        public void Finish(SampleRandom random, float noise)
        {
            float angle = random.Range(0f, 2f * MathF.PI);
            float strength = random.Range(0.2f, 0.7f);
            float gx = MathF.Cos(angle) * strength / Width, gy = MathF.Sin(angle) * strength / Height;
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    float light = 1f + gx * (x - 0.5f * Width) + gy * (y - 0.5f * Height);
                    int i = (y * Width + x) * 3;
                    for (int c = 0; c < 3; c++)
                        Image[i + c] = Math.Clamp(Image[i + c] * light + noise * random.Gaussian(), 0f, 1f);
                }
            }
        }

        /// <summary>A random colour at least <paramref name="minimumDistance"/> (RGB Euclidean) from the image's mean colour under the shape's extent, so shapes stay visible.</summary>
        public (float R, float G, float B) ContrastingColour(SampleRandom random, Shape shape, float minimumDistance = 0.35f)
        {
            (float ex0, float ey0, float ex1, float ey1) = shape.Extent;
            int x0 = Math.Clamp((int)ex0, 0, Width - 1), x1 = Math.Clamp((int)ex1, 0, Width - 1);
            int y0 = Math.Clamp((int)ey0, 0, Height - 1), y1 = Math.Clamp((int)ey1, 0, Height - 1);
            float mr = 0, mg = 0, mb = 0;
            int n = 0;
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    int i = (y * Width + x) * 3;
                    mr += Image[i];
                    mg += Image[i + 1];
                    mb += Image[i + 2];
                    n++;
                }
            }
            mr /= n;
            mg /= n;
            mb /= n;
            (float R, float G, float B) colour = default;
            for (int attempt = 0; attempt < 32; attempt++)
            {
                colour = (random.NextFloat(), random.NextFloat(), random.NextFloat());
                float d = MathF.Sqrt((colour.R - mr) * (colour.R - mr) + (colour.G - mg) * (colour.G - mg) + (colour.B - mb) * (colour.B - mb));
                if (d >= minimumDistance)
                    break;
            }
            return colour;
        }
    }
}
