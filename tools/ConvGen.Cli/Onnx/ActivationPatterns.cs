using System;
using System.Collections.Generic;
using System.Linq;
using global::Onnx;

namespace ConvGen.Cli.Onnx
{
    /// <summary>
    /// Rewrites the node patterns exporters write for one Keras activation into one synthetic node
    /// (<see cref="OpType"/>, attribute "activation"): <c>x * Sigmoid(x)</c> → Swish, <c>x * HardSigmoid(x)</c> → HardSwish,
    /// and PyTorch's exact GELU <c>x * (Erf(x / √2) + 1) * 0.5</c> → GELUErf. Intermediate values must have no other reader.
    /// </summary>
    public static class ActivationPatterns
    {
        /// <summary>The op type of the synthetic node.</summary>
        public const string OpType = "ConvGen.Activation";

        /// <summary>Returns the node list with every pattern replaced.</summary>
        public static List<NodeProto> Rewrite(IReadOnlyList<NodeProto> nodes, Func<string, ConstTensor?> constant, ISet<string> graphOutputs)
        {
            var producer = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
            var readers = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (NodeProto n in nodes)
            {
                foreach (string o in n.Output)
                {
                    producer[o] = n;
                }

                foreach (string i in n.Input)
                {
                    readers[i] = readers.TryGetValue(i, out int c) ? c + 1 : 1;
                }
            }

            bool Private(string value) => readers.TryGetValue(value, out int c) && c == 1 && !graphOutputs.Contains(value);
            NodeProto? From(string value, string op) => producer.TryGetValue(value, out NodeProto? n) && n.OpType == op && Private(value) ? n : null;
            bool IsConst(string value, float expected) => constant(value) is { Length: 1 } c && c.IsAll(expected, 1e-5f);

            var removed = new HashSet<NodeProto>();
            var replaced = new Dictionary<NodeProto, NodeProto>();
            foreach (NodeProto m in nodes.Where(n => n.OpType == "Mul" && n.Input.Count == 2))
            {
                if (removed.Contains(m))
                {
                    continue;
                }

                string a = m.Input[0], b = m.Input[1];
                foreach ((string x, string g) in new[] { (a, b), (b, a) })
                {
                    if (From(g, "Sigmoid") is { } s && s.Input[0] == x)
                    {
                        Replace(m, x, "Swish", s);
                        break;
                    }

                    if (From(g, "HardSigmoid") is { } h && h.Input[0] == x && Math.Abs(h.Float("alpha", 0.2f) - 1f / 6f) < 1e-6f && Math.Abs(h.Float("beta", 0.5f) - 0.5f) < 1e-6f)
                    {
                        Replace(m, x, "HardSwish", h);
                        break;
                    }

                    if (Gelu(m, x, g) is { } parts)
                    {
                        Replace(m, parts.X, "GELUErf", parts.Nodes);
                        break;
                    }
                }
            }

            return nodes.Where(n => !removed.Contains(n)).Select(n => replaced.TryGetValue(n, out NodeProto? r) ? r : n).ToList();

            void Replace(NodeProto last, string x, string activation, params NodeProto[] inner)
            {
                var node = new NodeProto { OpType = OpType, Name = string.Join("+", inner.Append(last).Select(n => n.Label())) };
                node.Input.Add(x);
                node.Output.Add(last.Output[0]);
                node.Attribute.Add(new AttributeProto { Name = "activation", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8(activation) });
                replaced[last] = node;
                removed.UnionWith(inner);
            }

            // GELU as PyTorch writes it: Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5), in either operand order, or with the 0.5 applied to x first.
            (string X, NodeProto[] Nodes)? Gelu(NodeProto last, string p, string q)
            {
                if (IsConst(q, 0.5f) && From(p, "Mul") is { } inner)
                {
                    foreach ((string x, string t) in new[] { (inner.Input[0], inner.Input[1]), (inner.Input[1], inner.Input[0]) })
                    {
                        if (ErfOf(t, x) is { } e)
                        {
                            return (x, e.Prepend(inner).ToArray());
                        }
                    }
                }

                if (From(p, "Mul") is { } half)
                {
                    foreach ((string x, string c) in new[] { (half.Input[0], half.Input[1]), (half.Input[1], half.Input[0]) })
                    {
                        if (IsConst(c, 0.5f) && ErfOf(q, x) is { } e)
                        {
                            return (x, e.Prepend(half).ToArray());
                        }
                    }
                }

                return null;
            }

            // Add(Erf(x / √2), 1) or Add(1, Erf(x * (1 / √2))) reading x.
            NodeProto[]? ErfOf(string value, string x)
            {
                if (From(value, "Add") is not { } add)
                {
                    return null;
                }

                foreach ((string e, string one) in new[] { (add.Input[0], add.Input[1]), (add.Input[1], add.Input[0]) })
                {
                    if (IsConst(one, 1f) && From(e, "Erf") is { } erf)
                    {
                        if (From(erf.Input[0], "Div") is { } div && div.Input[0] == x && IsConst(div.Input[1], MathF.Sqrt(2f)))
                        {
                            return new[] { div, erf, add };
                        }

                        if (From(erf.Input[0], "Mul") is { } mul && mul.Input.Contains(x) && mul.Input.Any(i => IsConst(i, 1f / MathF.Sqrt(2f))))
                        {
                            return new[] { mul, erf, add };
                        }
                    }
                }

                return null;
            }
        }
    }
}
