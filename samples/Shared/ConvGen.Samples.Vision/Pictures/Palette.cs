using System;

namespace ConvGen.Samples.Vision.Pictures
{
    /// <summary>Fixed, distinguishable colours for classes (a Tableau-like set; class 0 of a segmentation is background).</summary>
    public static class Palette
    {
        private static readonly Rgb[] Colours =
        {
            new(40, 40, 40), new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40),
            new(148, 103, 189), new(140, 86, 75), new(227, 119, 194), new(188, 189, 34), new(23, 190, 207),
        };

        /// <summary>Segmentation colour of class <paramref name="classId"/> (class 0 dark grey).</summary>
        public static Rgb Segmentation(int classId) => Colours[Math.Abs(classId) % Colours.Length];

        /// <summary>Detection colour of object class <paramref name="classId"/> (skips the background grey).</summary>
        public static Rgb Detection(int classId) => Colours[1 + Math.Abs(classId) % (Colours.Length - 1)];
    }
}
