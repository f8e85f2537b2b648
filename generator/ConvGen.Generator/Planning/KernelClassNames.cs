using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ConvGen.Generator.Planning
{
    /// <summary>The names of the generated nested kernel classes: conv2d_1 -> Conv2d1Layer, unique within one network.</summary>
    internal sealed class KernelClassNames
    {
        private const string Suffix = "Layer";
        private readonly HashSet<string> _used = new HashSet<string>();

        /// <summary>conv2d_1 -> Conv2d1Layer.</summary>
        public static string ClassName(string layerName)
        {
            var sb = new StringBuilder();
            bool upper = true;
            foreach (char c in layerName)
            {
                if (c == '_')
                {
                    upper = true;
                    continue;
                }

                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            return sb.Append(Suffix).ToString();
        }

        /// <summary><paramref name="name"/> (ending in Layer), or Name2Layer, Name3Layer, ... when it is taken.</summary>
        public string Unique(string name)
        {
            string candidate = name;
            for (int n = 2; !_used.Add(candidate); n++)
            {
                candidate = name.Substring(0, name.Length - Suffix.Length) + n.ToString(CultureInfo.InvariantCulture) + Suffix;
            }

            return candidate;
        }
    }
}
