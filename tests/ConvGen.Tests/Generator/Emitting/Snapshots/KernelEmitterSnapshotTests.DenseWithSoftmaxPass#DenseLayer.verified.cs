/// <summary>dense (Dense): 6 units + bias, Softmax; [8] -> [6].</summary>
private static class DenseLayer
{
    private const int Inputs = 8, Units = 6;
    /// <summary>The kernel is packed as panels of PanelWidth units (16 units with the padding), each [Inputs, PanelWidth]: a panel row is PanelWidth floats, a panel PanelLength.</summary>
    private const int PanelWidth = 16, PanelLength = Inputs * PanelWidth;

    /// <summary>Computes the whole layer with the widest accelerated vectors.</summary>
    public static void Run(ref float input, ref float output, ref float kernel, ref float bias)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Run256(ref input, ref output, ref kernel, ref bias);
        }
        else
        {
            Run128(ref input, ref output, ref kernel, ref bias);
        }
        global::ConvGen.Kernels.ActivationPasses.Softmax(ref output, 1, 6);
    }

    /// <summary>The layer with Vector256 floats.</summary>
    private static void Run256(ref float input, ref float output, ref float kernel, ref float bias)
    {
        {
            const int oc = 0;
            Block1p6_256(ref input, ref Unsafe.Add(ref output, oc), ref Unsafe.Add(ref kernel, oc / PanelWidth * PanelLength), ref Unsafe.Add(ref bias, oc));
        }
    }

    /// <summary>8 units (1 Vector256) over all inputs, 4 inputs per step in separate accumulators.</summary>
    private static void Block1p6_256(ref float input, ref float dst, ref float kernel, ref float bias)
    {
        Vector256<float> a0_0 = Vector256.LoadUnsafe(ref bias);
        Vector256<float> a1_0 = Vector256<float>.Zero;
        Vector256<float> a2_0 = Vector256<float>.Zero;
        Vector256<float> a3_0 = Vector256<float>.Zero;
        nint kAt = 0;
        int i = 0;
        for (; i <= Inputs - 4; i += 4, kAt += 4 * PanelWidth)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref input, i));
            a0_0 = Vector256.MultiplyAddEstimate(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt)), a0_0);
            v = Vector256.Create(Unsafe.Add(ref input, i + 1));
            a1_0 = Vector256.MultiplyAddEstimate(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + PanelWidth)), a1_0);
            v = Vector256.Create(Unsafe.Add(ref input, i + 2));
            a2_0 = Vector256.MultiplyAddEstimate(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + 2 * PanelWidth)), a2_0);
            v = Vector256.Create(Unsafe.Add(ref input, i + 3));
            a3_0 = Vector256.MultiplyAddEstimate(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + 3 * PanelWidth)), a3_0);
        }
        for (; i < Inputs; i++, kAt += PanelWidth)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref input, i));
            a0_0 = Vector256.MultiplyAddEstimate(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt)), a0_0);
        }
        a0_0 += a1_0;
        a0_0 += a2_0;
        a0_0 += a3_0;
        a0_0.GetLower().StoreUnsafe(ref dst);
        Unsafe.Add(ref dst, 4) = a0_0.GetUpper().GetElement(0);
        Unsafe.Add(ref dst, 5) = a0_0.GetUpper().GetElement(1);
    }

    /// <summary>The layer with Vector128 floats.</summary>
    private static void Run128(ref float input, ref float output, ref float kernel, ref float bias)
    {
        {
            const int oc = 0;
            Block2p2_128(ref input, ref Unsafe.Add(ref output, oc), ref Unsafe.Add(ref kernel, oc / PanelWidth * PanelLength), ref Unsafe.Add(ref bias, oc));
        }
    }

    /// <summary>8 units (2 Vector128) over all inputs, 4 inputs per step in separate accumulators.</summary>
    private static void Block2p2_128(ref float input, ref float dst, ref float kernel, ref float bias)
    {
        Vector128<float> a0_0 = Vector128.LoadUnsafe(ref bias);
        Vector128<float> a1_0 = Vector128<float>.Zero;
        Vector128<float> a2_0 = Vector128<float>.Zero;
        Vector128<float> a3_0 = Vector128<float>.Zero;
        Vector128<float> a0_1 = Vector128.LoadUnsafe(ref bias, (nuint)4);
        Vector128<float> a1_1 = Vector128<float>.Zero;
        Vector128<float> a2_1 = Vector128<float>.Zero;
        Vector128<float> a3_1 = Vector128<float>.Zero;
        nint kAt = 0;
        int i = 0;
        for (; i <= Inputs - 4; i += 4, kAt += 4 * PanelWidth)
        {
            Vector128<float> v = Vector128.Create(Unsafe.Add(ref input, i));
            a0_0 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt)), a0_0);
            a0_1 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + 4)), a0_1);
            v = Vector128.Create(Unsafe.Add(ref input, i + 1));
            a1_0 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + PanelWidth)), a1_0);
            a1_1 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + PanelWidth + 4)), a1_1);
            v = Vector128.Create(Unsafe.Add(ref input, i + 2));
            a2_0 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + 2 * PanelWidth)), a2_0);
            a2_1 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + 2 * PanelWidth + 4)), a2_1);
            v = Vector128.Create(Unsafe.Add(ref input, i + 3));
            a3_0 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + 3 * PanelWidth)), a3_0);
            a3_1 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + 3 * PanelWidth + 4)), a3_1);
        }
        for (; i < Inputs; i++, kAt += PanelWidth)
        {
            Vector128<float> v = Vector128.Create(Unsafe.Add(ref input, i));
            a0_0 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt)), a0_0);
            a0_1 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref Unsafe.Add(ref kernel, kAt + 4)), a0_1);
        }
        a0_0 += a1_0;
        a0_0 += a2_0;
        a0_0 += a3_0;
        a0_1 += a1_1;
        a0_1 += a2_1;
        a0_1 += a3_1;
        a0_0.StoreUnsafe(ref dst);
        Unsafe.Add(ref dst, 4) = a0_1.GetElement(0);
        Unsafe.Add(ref dst, 4 + 1) = a0_1.GetElement(1);
    }
}
