using System.Collections.Generic;

namespace ConvGen
{
    /// <summary>Validates one layer and works out its output shape, padding, parameter tensors and multiply-adds; null (with diagnostics) when it is broken.</summary>
    internal delegate LayerAnalysis? ShapeRule(ShapeContext context);

    /// <summary>Adds a layer's attribute arguments, as a user writes them, to <c>args</c> (see <see cref="LayerText.Describe"/>).</summary>
    internal delegate void ArgumentWriter(LayerSpec layer, List<string> args);

    /// <summary>
    /// Sets the fields a layer attribute's constructor sets, from its constructor arguments, on <paramref name="layer"/>
    /// (a default <see cref="LayerSpec"/> of the kind); null when the arguments cannot make a layer (the generator then
    /// generates nothing, as for an attribute that did not bind). Named arguments are applied afterwards, by property.
    /// </summary>
    internal delegate LayerSpec? ConstructorReader(IConstructorArguments arguments, LayerSpec layer);

    /// <summary>
    /// The constructor arguments of one layer attribute as written, by parameter name (the generator reads them from
    /// the compilation; nothing here depends on Roslyn). An attribute with several constructors has only the
    /// parameters of the one used, so a reader asks for the most specific name first and falls back.
    /// </summary>
    internal interface IConstructorArguments
    {
        /// <summary>The integer (or enum) argument <paramref name="parameter"/>, or <paramref name="fallback"/> when the constructor used has none.</summary>
        int Int(string parameter, int fallback);

        /// <summary>The number argument <paramref name="parameter"/>; NaN when the constructor used has none.</summary>
        float Float(string parameter);

        /// <summary>The string-array argument <paramref name="parameter"/> (names of layers); null when absent.</summary>
        string[]? Strings(string parameter);
    }

    /// <summary>
    /// Everything the shared rules know about one <see cref="LayerKind"/>, in one place: its names, what it can fuse or
    /// absorb, its shape rule, how its attribute's constructor arguments are read and written. Found with <see cref="LayerKinds.For"/>; each family of kinds declares its own in
    /// <c>Model/Kinds/*Kinds.cs</c>, next to their shape rules.
    /// </summary>
    public sealed class LayerKindInfo
    {
        internal LayerKindInfo(LayerKind kind, string typeName, string kerasNameStem, ShapeRule shape, ArgumentWriter arguments,
            ConstructorReader? readConstructor = null, bool hasActivation = false, bool canFoldBatchNorm = false, bool onlyRenamesInput = false, bool hasParameters = false, bool takesBias = false,
            bool readsSeveralInputs = false)
        {
            Kind = kind;
            TypeName = typeName;
            KerasNameStem = kerasNameStem;
            Shape = shape;
            Arguments = arguments;
            ReadConstructor = readConstructor ?? ((_, layer) => layer);
            HasActivation = hasActivation;
            CanFoldBatchNorm = canFoldBatchNorm;
            OnlyRenamesInput = onlyRenamesInput;
            HasParameters = hasParameters;
            TakesBias = takesBias;
            ReadsSeveralInputs = readsSeveralInputs;
        }

        /// <summary>The kind described.</summary>
        public LayerKind Kind { get; }

        /// <summary>The type name in summaries and declarations ("Conv2D", "MaxPool2D", ...); the attribute is this name + "Attribute".</summary>
        public string TypeName { get; }

        /// <summary>The attribute class name in namespace ConvGen ("Conv2DAttribute", ...).</summary>
        public string AttributeName => TypeName + "Attribute";

        /// <summary>Keras' automatic layer name stem (conv2d, max_pooling2d, ...), also the safetensors prefix of an unnamed layer.</summary>
        public string KerasNameStem { get; }

        /// <summary>Whether the kind applies <see cref="LayerSpec.Activation"/> to its result.</summary>
        public bool HasActivation { get; }

        /// <summary>Whether a BatchNormalization that directly follows it can be folded into its kernel and bias.</summary>
        public bool CanFoldBatchNorm { get; }

        /// <summary>Whether at inference it only gives its input another name (Flatten, Dropout): no computation, no copy.</summary>
        public bool OnlyRenamesInput { get; }

        /// <summary>Whether it has parameter tensors.</summary>
        public bool HasParameters { get; }

        /// <summary>Whether it has a bias when <see cref="LayerSpec.UseBias"/> is set (the last of its parameter tensors).</summary>
        public bool TakesBias { get; }

        /// <summary>Whether it reads two or more named layers, written as constructor arguments (Add, Concatenate) rather than <c>Input</c>.</summary>
        public bool ReadsSeveralInputs { get; }

        /// <summary>The shape rule.</summary>
        internal ShapeRule Shape { get; }

        /// <summary>The attribute arguments as written.</summary>
        internal ArgumentWriter Arguments { get; }

        /// <summary>Reads the attribute's constructor arguments (the inverse of <see cref="Arguments"/>); a kind whose attribute has only a parameterless constructor reads nothing.</summary>
        internal ConstructorReader ReadConstructor { get; }

        /// <summary>The type name.</summary>
        public override string ToString() => TypeName;
    }
}
