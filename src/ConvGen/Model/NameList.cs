using System;
using System.Collections;
using System.Collections.Generic;

namespace ConvGen
{
    /// <summary>
    /// An immutable list of layer names with value equality (ordinal, element by element), so that a
    /// <see cref="LayerSpec"/> holding one keeps the record's compiler-generated equality meaningful.
    /// A <c>string[]</c> converts to it implicitly (<c>Inputs = new[] { "a", "b" }</c>).
    /// </summary>
    public sealed class NameList : IReadOnlyList<string>, IEquatable<NameList>
    {
        private readonly string[] _names;

        /// <summary>Copies <paramref name="names"/>; null makes an empty list.</summary>
        public NameList(IEnumerable<string>? names) => _names = names is null ? new string[0] : new List<string>(names).ToArray();

        /// <summary>The empty list (a layer that reads the previous layer).</summary>
        public static NameList Empty { get; } = new NameList(null);

        /// <summary>Number of names.</summary>
        public int Count => _names.Length;

        /// <summary>The name at <paramref name="index"/>.</summary>
        public string this[int index] => _names[index];

        /// <summary>A copy of <paramref name="names"/> (null: empty).</summary>
        public static implicit operator NameList(string[]? names) => names is null || names.Length == 0 ? Empty : new NameList(names);

        /// <inheritdoc />
        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_names).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _names.GetEnumerator();

        /// <inheritdoc />
        public bool Equals(NameList? other)
        {
            if (other is null || other._names.Length != _names.Length)
            {
                return false;
            }

            for (int i = 0; i < _names.Length; i++)
            {
                if (!string.Equals(_names[i], other._names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as NameList);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            int h = _names.Length;
            foreach (string name in _names)
            {
                h = HashHelpers.Combine(h, name is null ? 0 : StringComparer.Ordinal.GetHashCode(name));
            }

            return h;
        }

        /// <summary>The names, comma separated.</summary>
        public override string ToString() => string.Join(", ", _names);
    }
}
