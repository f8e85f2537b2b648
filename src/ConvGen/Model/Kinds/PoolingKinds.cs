using System;
using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
    // The home of MaxPool2D, AvgPool2D, GlobalAveragePooling2D and GlobalMaxPooling2D in the library:
    // their attributes (the public API), their LayerSpec factories and, in PoolingKinds, their descriptors,
    // shape rules, constructor readers and attribute text.

    /// <summary>2-D max pooling (Keras <c>MaxPooling2D</c>); padded cells never win.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class MaxPool2DAttribute : PoolingLayerAttribute
    {
        /// <summary>A square window; strides default to the pool size.</summary>
        public MaxPool2DAttribute(int poolSize)
            : this(poolSize, poolSize)
        {
        }

        /// <summary>A rectangular window; strides default to the pool size.</summary>
        public MaxPool2DAttribute(int poolHeight, int poolWidth)
            : base(poolHeight, poolWidth)
        {
        }
    }

    /// <summary>2-D average pooling (Keras <c>AveragePooling2D</c>): divides by the number of in-bounds cells, as TensorFlow does.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class AvgPool2DAttribute : PoolingLayerAttribute
    {
        /// <summary>A square window; strides default to the pool size.</summary>
        public AvgPool2DAttribute(int poolSize)
            : this(poolSize, poolSize)
        {
        }

        /// <summary>A rectangular window; strides default to the pool size.</summary>
        public AvgPool2DAttribute(int poolHeight, int poolWidth)
            : base(poolHeight, poolWidth)
        {
        }
    }

    /// <summary>Mean of each channel over all pixels: [H, W, C] to [C] (Keras <c>GlobalAveragePooling2D</c>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class GlobalAveragePooling2DAttribute : SingleInputLayerAttribute
    {
    }

    /// <summary>Maximum of each channel over all pixels: [H, W, C] to [C] (Keras <c>GlobalMaxPooling2D</c>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class GlobalMaxPooling2DAttribute : SingleInputLayerAttribute
    {
    }

    public sealed partial record LayerSpec
    {
        /// <summary>Max pooling; strides default to the pool size (Keras).</summary>
        public static LayerSpec MaxPool2D(int poolHeight, int poolWidth, int strideHeight = 0, int strideWidth = 0, Padding padding = Padding.Valid)
            => Pool(LayerKind.MaxPool2D, poolHeight, poolWidth, strideHeight, strideWidth, padding);

        /// <summary>Average pooling (padding cells not counted); strides default to the pool size (Keras).</summary>
        public static LayerSpec AvgPool2D(int poolHeight, int poolWidth, int strideHeight = 0, int strideWidth = 0, Padding padding = Padding.Valid)
            => Pool(LayerKind.AvgPool2D, poolHeight, poolWidth, strideHeight, strideWidth, padding);

        private static LayerSpec Pool(LayerKind kind, int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding) => new LayerSpec
        {
            Kind = kind, KernelHeight = poolHeight, KernelWidth = poolWidth,
            StrideHeight = strideHeight == 0 ? poolHeight : strideHeight,
            StrideWidth = strideWidth == 0 ? poolWidth : strideWidth,
            Padding = padding,
        };

        /// <summary>Mean over all pixels: [H, W, C] to [C] (Keras <c>GlobalAveragePooling2D</c>).</summary>
        public static LayerSpec GlobalAveragePooling2D() => new LayerSpec { Kind = LayerKind.GlobalAveragePooling2D };

        /// <summary>Maximum over all pixels: [H, W, C] to [C] (Keras <c>GlobalMaxPooling2D</c>).</summary>
        public static LayerSpec GlobalMaxPooling2D() => new LayerSpec { Kind = LayerKind.GlobalMaxPooling2D };
    }

    /// <summary>The poolings: MaxPool2D, AvgPool2D, GlobalAveragePooling2D and GlobalMaxPooling2D (descriptors, shape rules, attribute text).</summary>
    internal static class PoolingKinds
    {
        public static readonly LayerKindInfo[] All =
        {
            new LayerKindInfo(LayerKind.MaxPool2D, "MaxPool2D", "max_pooling2d", Window, WindowArguments, ReadWindow),
            new LayerKindInfo(LayerKind.AvgPool2D, "AvgPool2D", "average_pooling2d", Window, WindowArguments, ReadWindow),
            new LayerKindInfo(LayerKind.GlobalAveragePooling2D, "GlobalAveragePooling2D", "global_average_pooling2d", Global, NoArguments),
            new LayerKindInfo(LayerKind.GlobalMaxPooling2D, "GlobalMaxPooling2D", "global_max_pooling2d", Global, NoArguments),
        };

        /// <summary>MaxPool2D and AvgPool2D: a window (TF padding, no dilation); strides default to the pool size.</summary>
        private static LayerAnalysis? Window(ShapeContext c)
        {
            LayerSpec layer = c.Layer;
            string where = c.Where;
            bool ok = c.CheckSize("poolHeight|poolSize", where + " pool height", layer.KernelHeight)
                & c.CheckSize("poolWidth|poolSize", where + " pool width", layer.KernelWidth)
                & c.CheckSize(Either(nameof(PoolingLayerAttribute.StrideHeight), nameof(PoolingLayerAttribute.Stride)), where + " stride height", layer.StrideHeight)
                & c.CheckSize(Either(nameof(PoolingLayerAttribute.StrideWidth), nameof(PoolingLayerAttribute.Stride)), where + " stride width", layer.StrideWidth);
            if (!ok || !c.CheckSpatialInput())
            {
                return null;
            }

            if (!c.Window("pool", "poolHeight|poolSize", out int outH, out int outW, out int padTop, out int padBottom, out int padLeft, out int padRight))
            {
                return null;
            }

            return c.Result(new TensorShape(outH, outW, c.Input.Channels), null, 0, padTop, padBottom, padLeft, padRight);
        }

        /// <summary>The global poolings: [H, W, C] to [C].</summary>
        private static LayerAnalysis? Global(ShapeContext c) => c.CheckSpatialInput() ? c.Result(TensorShape.Flat(c.Input.Channels)) : null;

        /// <summary>
        /// Constructors (poolSize) or (poolHeight, poolWidth). Strides start as the pool size (the attribute's constructor does
        /// the same); a written 0 is then reported. An invalid pool size is reported once, not again as a stride nobody wrote.
        /// </summary>
        private static LayerSpec ReadWindow(IConstructorArguments a, LayerSpec layer)
        {
            int height = a.Int("poolHeight", a.Int("poolSize", 0)), width = a.Int("poolWidth", a.Int("poolSize", 0));
            return layer with { KernelHeight = height, KernelWidth = width, StrideHeight = height > 0 ? height : 1, StrideWidth = width > 0 ? width : 1 };
        }

        private static void WindowArguments(LayerSpec layer, List<string> args)
        {
            LayerText.AddPair(args, layer.KernelHeight, layer.KernelWidth);
            if (layer.StrideHeight != layer.KernelHeight || layer.StrideWidth != layer.KernelWidth)
            {
                LayerText.AddNamedPair(args, "Stride", layer.StrideHeight, layer.StrideWidth, -1);
            }

            LayerText.AddPadding(args, layer.Padding);
        }

        private static void NoArguments(LayerSpec layer, List<string> args)
        {
        }
    }
}
