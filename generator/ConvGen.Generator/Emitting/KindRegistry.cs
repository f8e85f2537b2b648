using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Finds a layer kind's code writers without a list to edit: one instance of every concrete <typeparamref name="T"/>
    /// in the generator assembly (a public parameterless constructor), indexed by the kinds it declares. Types are taken
    /// in ordinal order of their full names, so the result is the same on every run.
    /// </summary>
    internal static class KindRegistry<T>
        where T : class
    {
        /// <summary>The instances, by each kind they declare through <paramref name="kindsOf"/>.</summary>
        public static Dictionary<LayerKind, List<T>> Index(Func<T, IReadOnlyList<LayerKind>> kindsOf)
        {
            var byKind = new Dictionary<LayerKind, List<T>>();
            IEnumerable<Type> types = typeof(T).Assembly.GetTypes()
                .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (Type type in types)
            {
                var instance = (T)Activator.CreateInstance(type);
                foreach (LayerKind kind in kindsOf(instance))
                {
                    if (!byKind.TryGetValue(kind, out List<T>? list))
                    {
                        byKind[kind] = list = new List<T>();
                    }

                    list.Add(instance);
                }
            }

            return byKind;
        }
    }
}
