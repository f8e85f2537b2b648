using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace ConvGen.Tests.Model
{
    /// <summary><see cref="LayerSpec"/>'s compiler-generated record equality over every field, and <see cref="NameList"/>'s value equality.</summary>
    public class LayerSpecEqualityTests
    {
        private static readonly PropertyInfo[] Settable = typeof(LayerSpec).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite).ToArray();

        [Fact]
        public void EveryFieldIsAnInitProperty()
        {
            // The properties a layer is declared with; a new one must be added to LayerText, the parser and NetworkEmitter.LayerConstruction too.
            string[] expected =
            {
                "Activation", "Alpha", "DepthMultiplier", "DilationHeight", "DilationWidth", "Epsilon", "Groups", "Inputs", "Interpolation",
                "KernelHeight", "KernelWidth", "Kind", "Momentum", "Name", "NegativeSlope", "PadBottom", "PadLeft", "PadRight", "PadTop",
                "Padding", "Rate", "SizeHeight", "SizeWidth", "StrideHeight", "StrideWidth", "Trainable", "Units", "UseBias",
            };
            Assert.Equal(expected, Settable.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void SpecsDifferingInAnyOnePropertyAreUnequal()
        {
            var baseline = LayerSpec.Conv2D(8, 3, 3);
            foreach (PropertyInfo property in Settable)
            {
                LayerSpec changed = Clone(baseline);
                object? before = property.GetValue(baseline);
                object after = Other(property.PropertyType, before);
                property.SetValue(changed, after);
                Assert.Equal(after, property.GetValue(changed));
                Assert.False(baseline.Equals(changed), property.Name + " is not part of the equality");
                Assert.False(changed.Equals(baseline), property.Name + " is not part of the equality");
                Assert.NotEqual(baseline, changed);
            }
        }

        [Fact]
        public void EqualSpecsWithSeparatelyBuiltInputsAreEqualAndHashEqual()
        {
            var a = new LayerSpec { Kind = LayerKind.Add, Name = "sum", Inputs = new[] { "left", "right" } };
            var b = new LayerSpec { Kind = LayerKind.Add, Name = "sum", Inputs = new NameList(new List<string> { "left", "right" }) };
            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.Equal(LayerSpec.Add("left", "right") with { Name = "sum" }, a);

            Assert.NotEqual(a, a with { Inputs = new[] { "right", "left" } });
            Assert.NotEqual(a, a with { Inputs = new[] { "left" } });
            Assert.NotEqual(a, a with { Inputs = NameList.Empty });
        }

        [Fact]
        public void NameListIsAReadOnlyListWithValueEquality()
        {
            var names = new List<string> { "a", "b" };
            var list = new NameList(names);
            names.Add("c"); // copied: later changes to the source do not show
            IReadOnlyList<string> asList = list;
            Assert.Equal(new[] { "a", "b" }, asList);
            Assert.Equal(2, asList.Count);
            Assert.Equal("b", asList[1]);
            Assert.Equal(list, (NameList)new[] { "a", "b" });
            Assert.NotEqual(list, (NameList)new[] { "a", "B" });
            Assert.Same(NameList.Empty, (NameList)(string[]?)null);
            Assert.Empty(new NameList(null));
        }

        [Fact]
        public void ActivationCoefficientsHaveOneFieldEach()
        {
            LayerSpec elu = LayerSpec.ActivationLayer(Activation.ELU, 2f);
            Assert.Equal(2f, elu.Alpha);
            Assert.Equal(LayerSpec.DefaultNegativeSlope, elu.NegativeSlope);
            Assert.Equal(2f, elu.ActivationCoefficient);
            Assert.Equal("[Activation(Activation.ELU, Alpha = 2f)]", elu.ToString());

            LayerSpec leaky = LayerSpec.Conv2D(4, 3, 3, activation: Activation.LeakyReLU, negativeSlope: 0.1f);
            Assert.Equal(0.1f, leaky.NegativeSlope);
            Assert.Equal(LayerSpec.DefaultAlpha, leaky.Alpha);
            Assert.Equal(0.1f, leaky.ActivationCoefficient);
        }

        [Fact]
        public void UpSamplingSizeIsNotAStride()
        {
            LayerSpec up = LayerSpec.UpSampling2D(2, 3);
            Assert.Equal((2, 3), (up.SizeHeight, up.SizeWidth));
            Assert.Equal((1, 1), (up.StrideHeight, up.StrideWidth));
            Assert.Equal("[UpSampling2D(2, 3)]", up.ToString());
            NetworkAnalysis analysis = ShapeInference.Analyze(new NetworkSpec(4, 5, 1, new[] { up }));
            Assert.Equal(new TensorShape(8, 15, 1), analysis.OutputShape);
        }

        private static LayerSpec Clone(LayerSpec spec) => (LayerSpec)typeof(LayerSpec).GetMethod("<Clone>$")!.Invoke(spec, null)!;

        /// <summary>A value of <paramref name="type"/> other than <paramref name="value"/>.</summary>
        private static object Other(Type type, object? value)
        {
            if (type == typeof(int))
            {
                return (int)value! + 1;
            }

            if (type == typeof(float))
            {
                return (float)value! + 0.5f;
            }

            if (type == typeof(bool))
            {
                return !(bool)value!;
            }

            if (type == typeof(string))
            {
                return (string?)value + "other";
            }

            if (type == typeof(NameList))
            {
                return new NameList(new[] { "other" });
            }

            if (type.IsEnum)
            {
                return Enum.GetValues(type).Cast<object>().First(v => !v.Equals(value));
            }

            throw new NotSupportedException("No other value for " + type);
        }
    }
}
