using System.Collections.Generic;

namespace ConvGen.Tests.Training
{
    /// <summary>Small hand-picked networks, one per layer kind and option, for the finite-difference checks.</summary>
    public static class GradientCases
    {
        public static readonly IReadOnlyDictionary<string, NetworkSpec> Networks = new Dictionary<string, NetworkSpec>
        {
            ["Conv2D valid stride 2"] = Net(6, 5, 2, LayerSpec.Conv2D(3, 3, 3, 2, 2, Padding.Valid)),
            ["Conv2D same stride 2x1 dilation 2x1"] = Net(6, 5, 2, LayerSpec.Conv2D(3, 3, 2, 2, 1, Padding.Same, dilationHeight: 2)),
            ["Conv2D groups 2 no bias"] = Net(5, 5, 4, LayerSpec.Conv2D(4, 3, 3, padding: Padding.Same, useBias: false, groups: 2)),
            ["DepthwiseConv2D multiplier 2 same stride 2"] = Net(5, 6, 3, LayerSpec.DepthwiseConv2D(3, 3, 2, 2, 2, Padding.Same)),
            ["DepthwiseConv2D dilation 2 valid"] = Net(6, 6, 2, LayerSpec.DepthwiseConv2D(2, 3, dilationHeight: 2, dilationWidth: 2)),
            ["SeparableConv2D multiplier 2 same"] = Net(5, 5, 3, LayerSpec.SeparableConv2D(4, 3, 3, 2, padding: Padding.Same)),
            ["SeparableConv2D stride 2 valid no bias"] = Net(6, 7, 2, LayerSpec.SeparableConv2D(3, 3, 3, 1, 2, 2, useBias: false)),
            ["Conv2DTranspose valid stride 2"] = Net(3, 4, 2, LayerSpec.Conv2DTranspose(3, 3, 3, 2, 2)),
            ["Conv2DTranspose same stride 2"] = Net(3, 3, 2, LayerSpec.Conv2DTranspose(2, 3, 2, 2, 2, Padding.Same)),
            ["Dense"] = Net(1, 1, 6, LayerSpec.Flatten(), LayerSpec.Dense(4)),
            ["Dense no bias"] = Net(2, 2, 2, LayerSpec.Flatten(), LayerSpec.Dense(3, useBias: false)),
            ["MaxPool2D valid"] = Net(6, 6, 2, Conv(3), LayerSpec.MaxPool2D(2, 2)),
            ["MaxPool2D same 3 stride 2"] = Net(7, 6, 2, Conv(2), LayerSpec.MaxPool2D(3, 3, 2, 2, Padding.Same)),
            ["AvgPool2D valid"] = Net(6, 6, 2, Conv(2), LayerSpec.AvgPool2D(2, 3)),
            ["AvgPool2D same 3 stride 2"] = Net(7, 6, 2, Conv(2), LayerSpec.AvgPool2D(3, 3, 2, 2, Padding.Same)),
            ["GlobalAveragePooling2D"] = Net(4, 5, 2, Conv(3), LayerSpec.GlobalAveragePooling2D()),
            ["GlobalMaxPooling2D"] = Net(4, 5, 2, Conv(3), LayerSpec.GlobalMaxPooling2D()),
            ["BatchNormalization training"] = Net(4, 4, 2, Conv(3), LayerSpec.BatchNormalization(), LayerSpec.Conv2D(2, 1, 1)),
            ["BatchNormalization after Dense"] = Net(2, 2, 2, LayerSpec.Flatten(), LayerSpec.Dense(3), LayerSpec.BatchNormalization(0.01f), LayerSpec.Dense(2)),
            ["BatchNormalization frozen"] = Net(4, 4, 2, Conv(3), LayerSpec.BatchNormalization() with { Trainable = false }, LayerSpec.Conv2D(2, 1, 1)),
            ["ZeroPadding2D"] = Net(3, 4, 2, LayerSpec.ZeroPadding2D(1, 2, 0, 1), LayerSpec.Conv2D(2, 2, 2)),
            ["Cropping2D"] = Net(5, 6, 2, Conv(2), LayerSpec.Cropping2D(1, 2, 0, 3), LayerSpec.Conv2D(2, 1, 2)),
            ["Cropping2D first"] = Net(4, 4, 3, LayerSpec.Cropping2D(1, 0, 2, 1), LayerSpec.Flatten(), LayerSpec.Dense(2)),
            ["UpSampling2D nearest"] = Net(3, 3, 2, Conv(2), LayerSpec.UpSampling2D(2, 3)),
            ["UpSampling2D bilinear"] = Net(3, 4, 2, Conv(2), LayerSpec.UpSampling2D(3, 2, Interpolation.Bilinear)),
            ["Flatten"] = Net(3, 3, 2, Conv(2), LayerSpec.Flatten(), LayerSpec.Dense(3)),
            ["Dropout"] = Net(4, 4, 3, Conv(4), LayerSpec.Dropout(0.4f), LayerSpec.Conv2D(2, 1, 1)),
            ["Add"] = Graph(4, 4, 2,
                Conv(3) with { Name = "a" },
                LayerSpec.Conv2D(3, 1, 1) with { Name = "b", Inputs = new[] { "input" } },
                LayerSpec.Add("a", "b", "a")),
            ["Concatenate"] = Graph(4, 4, 2,
                Conv(3) with { Name = "a" },
                LayerSpec.Conv2D(2, 1, 1) with { Name = "b", Inputs = new[] { "input" } },
                LayerSpec.Concatenate("b", "a"),
                LayerSpec.Conv2D(2, 1, 1)),
            ["Frozen Conv2D"] = Net(4, 4, 2, Conv(3) with { Trainable = false }, LayerSpec.Conv2D(2, 3, 3)),
        };

        /// <summary>A Conv2D 3x3 same with <paramref name="filters"/> filters and a smooth activation.</summary>
        private static LayerSpec Conv(int filters) => LayerSpec.Conv2D(filters, 3, 3, padding: Padding.Same, activation: Activation.Tanh);

        private static NetworkSpec Net(int h, int w, int c, params LayerSpec[] layers) => new NetworkSpec(h, w, c, layers, training: true);

        private static NetworkSpec Graph(int h, int w, int c, params LayerSpec[] layers) => Net(h, w, c, layers);
    }
}
