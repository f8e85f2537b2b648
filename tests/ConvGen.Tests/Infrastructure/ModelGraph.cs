using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ConvGen.Tests.Infrastructure
{
    /// <summary>
    /// Walks an object graph through all instance fields (public and private, base types included) and array elements,
    /// and reports every object that would defeat incremental caching or keep a compilation alive.
    /// </summary>
    public static class ModelGraph
    {
        private static readonly Type[] Forbidden =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Compilation), typeof(Location),
            typeof(AttributeData), typeof(SyntaxReference), typeof(IOperation),
        };

        /// <summary>The paths (e.g. "root.Network._layers[0]") of forbidden objects reachable from <paramref name="root"/>.</summary>
        public static List<string> FindForbidden(object? root, out int visitedObjects)
        {
            var problems = new List<string>();
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            Visit(root, "root", problems, seen);
            visitedObjects = seen.Count;
            return problems;
        }

        private static void Visit(object? value, string path, List<string> problems, HashSet<object> seen)
        {
            if (value is null)
            {
                return;
            }

            Type type = value.GetType();
            foreach (Type bad in Forbidden)
            {
                if (bad.IsAssignableFrom(type))
                {
                    problems.Add($"{path}: {type.FullName} is a {bad.Name}");
                    return;
                }
            }

            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal || !type.IsValueType && !seen.Add(value))
            {
                return;
            }

            if (value is Array array)
            {
                int i = 0;
                foreach (object? item in array)
                {
                    Visit(item, $"{path}[{i++}]", problems, seen);
                }

                return;
            }

            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    {
                        continue;
                    }

                    Visit(field.GetValue(value), path + "." + field.Name, problems, seen);
                }
            }
        }
    }
}
