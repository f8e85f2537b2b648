using System;
using System.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ConvGen.Samples.Vision.Pictures
{
    /// <summary>Writes a canvas as PNG with ImageSharp.</summary>
    public static class PngFile
    {
        /// <summary>Saves <paramref name="canvas"/> to <paramref name="path"/>, creating the folder if needed.</summary>
        public static void Save(RgbCanvas canvas, string path)
        {
            ArgumentNullException.ThrowIfNull(canvas);
            ArgumentException.ThrowIfNullOrEmpty(path);
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder != null)
                Directory.CreateDirectory(folder);
            using Image<Rgb24> image = Image.LoadPixelData<Rgb24>(canvas.Pixels, canvas.Width, canvas.Height);
            image.SaveAsPng(path);
        }
    }
}
