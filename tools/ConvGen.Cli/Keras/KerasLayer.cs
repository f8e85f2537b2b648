using System.Collections.Generic;

namespace ConvGen.Cli.Keras
{
    /// <summary>A Keras layer translated to ConvGen: its declaration (named as in Keras), the Keras names it reads, its Keras class.</summary>
    /// <param name="NeedsFlatInput">A Softmax over axis 1, which is the channel axis only when its input is flat.</param>
    public sealed record KerasLayer(LayerSpec Spec, string KerasName, string ClassName, IReadOnlyList<string> Inputs, bool NeedsFlatInput = false);
}
