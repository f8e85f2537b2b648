using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The layers' kernel classes, with identical code emitted once: layers of the same kind, shapes and options (150
    /// identical Conv2D layers, the repeated blocks of a ResNet) produce the same class apart from its name and the
    /// summary that names the layer, and their weights are passed to Run as arguments, so one class serves them all.
    /// Sharing is decided on the emitted text itself, so two layers share a class only when their code is identical.
    /// </summary>
    internal sealed class SharedKernels
    {
        private readonly Dictionary<string, string> _methodOf = new Dictionary<string, string>();
        private readonly List<(string Text, List<string> Sharers)> _unique = new List<(string Text, List<string> Sharers)>();

        private SharedKernels()
        {
        }

        /// <summary>Emits every step's kernel class at <paramref name="indent"/> and groups identical ones.</summary>
        public static SharedKernels Create(ExecutionPlan plan, int indent)
        {
            var kernels = new SharedKernels();
            var byCode = new Dictionary<string, int>();
            foreach (LayerPlan step in plan.Layers)
            {
                var writer = new CodeWriter(indent);
                KernelEmitters.Emit(writer, step);
                string text = writer.ToString();
                string key = Normalize(text, step.Method);
                if (byCode.TryGetValue(key, out int index))
                {
                    kernels._methodOf[step.Method] = kernels._methodOf[FirstMethod(kernels._unique[index].Text)];
                    kernels._unique[index].Sharers.Add(step.Layer.Name);
                    continue;
                }

                byCode[key] = kernels._unique.Count;
                kernels._unique.Add((text, new List<string>()));
                kernels._methodOf[step.Method] = step.Method;
            }

            return kernels;
        }

        /// <summary>The class whose Run computes <paramref name="step"/>.</summary>
        public string MethodFor(LayerPlan step) => _methodOf[step.Method];

        /// <summary>Writes each distinct kernel class once, noting the other layers it runs.</summary>
        public void WriteTo(CodeWriter w)
        {
            foreach ((string text, List<string> sharers) in _unique)
            {
                w.Line();
                if (sharers.Count > 0)
                {
                    w.Line($"// Also runs {string.Join(", ", sharers)} (identical code; each passes its own weights).");
                }

                w.Raw(text);
            }
        }

        /// <summary>The text without what differs between identical layers: the class name and the summary line naming the layer.</summary>
        private static string Normalize(string text, string method)
        {
            string withoutName = Regex.Replace(text, @"\b" + Regex.Escape(method) + @"\b", "$KERNEL");
            return string.Join("\n", withoutName.Split('\n').Where(line => !line.TrimStart().StartsWith("/// <summary>", System.StringComparison.Ordinal) || !line.Contains("): ")));
        }

        private static string FirstMethod(string text)
        {
            Match m = Regex.Match(text, @"private static class (\w+)");
            return m.Groups[1].Value;
        }
    }
}
