using System;
using System.IO;
using ConvGen.Samples.Vision.Pictures;
using ConvGen.Vision;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ConvGen.Tests.Vision
{
    public sealed class PictureTests : IDisposable
    {
        private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "convgen-vision-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder))
                Directory.Delete(_folder, recursive: true);
        }

        private static Image<Rgb24> LoadPng(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            Assert.True(bytes.AsSpan(0, 8).SequenceEqual(PngSignature), "PNG signature");
            return Image.Load<Rgb24>(bytes);
        }

        private static void AssertPixel(Image<Rgb24> image, int x, int y, byte r, byte g, byte b)
        {
            Rgb24 p = image[x, y];
            Assert.True(p.R == r && p.G == g && p.B == b, $"pixel ({x}, {y}) is ({p.R}, {p.G}, {p.B}), expected ({r}, {g}, {b})");
        }

        [Fact]
        public void SegmentationGridHasTheDocumentedSizeAndDrawsTheMasks()
        {
            // Two 64x64 images at scale 2: tiles 128 px; width 4 + 3 * (128 + 4) = 400, height 16 + 2 * (128 + 4) = 280.
            var images = new float[2 * 64 * 64 * 3];
            images.AsSpan().Fill(1f);
            var truth = new int[2 * 64 * 64];
            var predicted = new int[2 * 64 * 64];
            truth[64 * 64 + 10 * 64 + 20] = 3;       // image 1, row 10, column 20: class 3
            predicted[5 * 64 + 7] = 4;               // image 0, row 5, column 7: class 4
            string path = Path.Combine(_folder, "seg.png");
            SegmentationPicture.Write(path, images, truth, predicted, 2, 64, 64, scale: 2);

            using Image<Rgb24> png = LoadPng(path);
            Assert.Equal(400, png.Width);
            Assert.Equal(280, png.Height);
            // True-mask tile of image 1 starts at (136, 148); pixel (20, 10) covers (176..177, 168..169): class 3 green (44, 160, 44).
            AssertPixel(png, 177, 169, 44, 160, 44);
            AssertPixel(png, 175, 169, 40, 40, 40);  // the background class next to it
            // Prediction tile of image 0 starts at (268, 16): pixel (7, 5) is white mixed 60% with class 4 red (214, 39, 40):
            // 255 + 0.6 * (214 - 255) = 230.4 -> 230, 255 + 0.6 * (39 - 255) = 125.4 -> 125, 255 + 0.6 * (40 - 255) = 126.
            AssertPixel(png, 268 + 14, 16 + 10, 230, 125, 126);
            AssertPixel(png, 268 + 16, 16 + 10, 255, 255, 255);
        }

        [Fact]
        public void ADetectionBoxColoursItsOutlineAndNothingInside()
        {
            // One black 16x16 image at scale 1 in one column: 24 x 36 canvas, tile at (4, 16). Box [2, 10) x [10, 15)
            // class 1 -> canvas [6, 16) x [26, 31), 2-pixel outline in the class colour (255, 127, 14).
            var images = new float[16 * 16 * 3];
            var box = new BoundingBox(2, 10, 12, 15, 1, 0.9f);
            string path = Path.Combine(_folder, "det.png");
            DetectionPicture.Write(path, images, 1, 16, 16, null, new[] { new[] { box } }, new[] { "box", "ring", "cross" }, columns: 1, scale: 1);

            using Image<Rgb24> png = LoadPng(path);
            Assert.Equal(24, png.Width);
            Assert.Equal(36, png.Height);
            AssertPixel(png, 6, 28, 255, 127, 14);   // left edge
            AssertPixel(png, 7, 28, 255, 127, 14);   // second outline column
            AssertPixel(png, 15, 28, 255, 127, 14);  // right edge (x1 - 1)
            AssertPixel(png, 10, 30, 255, 127, 14);  // bottom edge (y1 - 1)
            AssertPixel(png, 10, 28, 0, 0, 0);       // inside: the image
            AssertPixel(png, 5, 28, 0, 0, 0);        // left of the box: the image
            AssertPixel(png, 16, 28, 0, 0, 0);       // right of the box: the image
            // The label strip sits on the 9 rows above the box: (4..., 17..25) in the class colour behind the text.
            AssertPixel(png, 4, 17, 255, 127, 14);
            Assert.Equal("ring 0.90", DetectionPicture.Label(box, new[] { "box", "ring", "cross" }));
        }

        [Fact]
        public void GroundTruthBoxesAreOnePixelWhite()
        {
            var images = new float[16 * 16 * 3];
            var truth = new[] { new[] { new BoundingBox(2, 2, 8, 8, 0) } };
            RgbCanvas canvas = DetectionPicture.Render(images, 1, 16, 16, truth, new[] { Array.Empty<BoundingBox>() }, new[] { "box" }, columns: 1, scale: 2);
            // Tile at (4, 16), scale 2: [4, 16) x [4, 16) -> canvas [8, 20) x [20, 32).
            Assert.Equal(Rgb.White, canvas[8, 25]);
            Assert.Equal(Rgb.White, canvas[19, 25]);
            Assert.Equal(Rgb.Black, canvas[9, 25]);
            Assert.Equal(Rgb.Black, canvas[18, 25]);
        }

        [Fact]
        public void FontDrawsTheGlyphBits()
        {
            // 'I' is rows 0x0E, 0x04 x5, 0x0E: the top row sets columns 1-3, the middle rows column 2 only.
            var canvas = new RgbCanvas(20, 10, Rgb.Black);
            BitmapFont.Draw(canvas, "i", 2, 1, Rgb.White);
            Assert.Equal(Rgb.Black, canvas[2, 1]);
            Assert.Equal(Rgb.White, canvas[3, 1]);
            Assert.Equal(Rgb.White, canvas[5, 1]);
            Assert.Equal(Rgb.Black, canvas[6, 1]);
            Assert.Equal(Rgb.White, canvas[4, 4]);
            Assert.Equal(Rgb.Black, canvas[3, 4]);
            Assert.True(BitmapFont.IsSet('@', 2, 6), "unknown characters draw as '?', whose dot is at (2, 6)");
            Assert.Equal(11, BitmapFont.MeasureWidth("AB"));
            Assert.Equal(22, BitmapFont.MeasureWidth("AB", 2));
        }

        [Fact]
        public void LossPlotWritesAPngOfTheRequestedSize()
        {
            string path = Path.Combine(_folder, "loss.png");
            LossPlot.Write(path, "loss", "cross-entropy", new (string, System.Collections.Generic.IReadOnlyList<double>)[]
            {
                ("training", new[] { 1.5, 0.9, 0.6, 0.45 }),
                ("held-out", new[] { 1.6, 1.0, 0.8, 0.7 }),
            }, width: 320, height: 200);
            using Image<Rgb24> png = LoadPng(path);
            Assert.Equal(320, png.Width);
            Assert.Equal(200, png.Height);
            Assert.Throws<ArgumentException>(() => LossPlot.Write(path, "t", "y", new (string, System.Collections.Generic.IReadOnlyList<double>)[] { ("empty", Array.Empty<double>()) }));
        }

        [Fact]
        public void WritersRejectShortArrays()
        {
            Assert.Contains("images", Assert.Throws<ArgumentException>(() => SegmentationPicture.Render(new float[10], new int[64], new int[64], 1, 8, 8)).Message);
            Assert.Contains("predicted", Assert.Throws<ArgumentException>(() => SegmentationPicture.Render(new float[192], new int[64], new int[3], 1, 8, 8)).Message);
            Assert.Throws<ArgumentException>(() => DetectionPicture.Render(new float[192], 2, 8, 8, null, new[] { Array.Empty<BoundingBox>() }, new[] { "a" }));
        }
    }
}
