#!/usr/bin/env python3
"""Exports the PyTorch test models of ConvGen's importer (not run by CI; its output is committed).

Run with Debian's python3-torch 1.13 and python3-onnx (apt-get install -y python3-torch python3-onnx):

    /usr/bin/python3 tests/ConvGen.ImportTests/make_pytorch_models.py

For every model it writes, under PyTorchModels/:
  NAME.onnx         torch.onnx.export of the model in eval mode (static shapes, batch 1)
  NAME.input.bin    the input, float32 little-endian, NCHW (or [1, n] for an MLP)
  NAME.output.bin   PyTorch's output for that input, float32, in PyTorch's layout
and manifest.json: name, opset, input/output shapes, the constructs the model uses.
Channel counts and images are tiny so that the whole folder stays small.
"""
import json
import os
import random
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "PyTorchModels")


class Swish(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(x)


class HardSwishByHand(nn.Module):
    """x * hardsigmoid(x): exported as HardSigmoid + Mul."""
    def forward(self, x):
        return x * F.hardsigmoid(x)


class Residual(nn.Module):
    def __init__(self, body, shortcut=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut

    def forward(self, x):
        s = x if self.shortcut is None else self.shortcut(x)
        return self.body(x) + s


class Branches(nn.Module):
    def __init__(self, *branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([b(x) for b in self.branches], 1)


class MeanPool(nn.Module):
    """x.mean((2, 3)): exported as ReduceMean over the spatial axes."""
    def forward(self, x):
        return x.mean((2, 3))


class ViewFlatten(nn.Module):
    """x.view(1, -1): exported as Reshape."""
    def forward(self, x):
        return x.view(x.size(0), -1)


def act(rng, constructs):
    name = rng.choice(["relu", "leaky", "elu", "sigmoid", "tanh", "relu6", "silu", "swish", "hardswish",
                       "hardswish_hand", "hardsigmoid", "gelu"])
    constructs.add("act:" + name)
    return {
        "relu": lambda: nn.ReLU(),
        "leaky": lambda: nn.LeakyReLU(round(rng.uniform(0.01, 0.3), 3)),
        "elu": lambda: nn.ELU(round(rng.uniform(0.5, 1.5), 3)),
        "sigmoid": lambda: nn.Sigmoid(),
        "tanh": lambda: nn.Tanh(),
        "relu6": lambda: nn.ReLU6(),
        "silu": lambda: nn.SiLU(),
        "swish": lambda: Swish(),
        "hardswish": lambda: nn.Hardswish(),
        "hardswish_hand": lambda: HardSwishByHand(),
        "hardsigmoid": lambda: nn.Hardsigmoid(),
        "gelu": lambda: nn.GELU(),
    }[name]()


def conv_out(n, k, s, p, d=1):
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def random_conv(rng, c, h, w, constructs):
    """One random convolution-like layer; returns (module, c, h, w)."""
    kind = rng.choice(["conv", "conv", "conv", "depthwise", "grouped", "transpose", "same"])
    if kind == "transpose" and h <= 12:
        k, s, p = rng.choice([(2, 2, 0), (4, 2, 1), (3, 1, 1), (3, 1, 0), (1, 1, 0)])
        co = rng.randint(2, 6)
        constructs.add("conv_transpose")
        return nn.ConvTranspose2d(c, co, k, s, p, bias=rng.random() < 0.7), co, (h - 1) * s - 2 * p + k, (w - 1) * s - 2 * p + k
    if kind == "same":
        # PyTorch 1.13 cannot export padding="same"; k // 2 on an odd kernel is the same thing at stride 1.
        k = rng.choice([3, 5])
        co = rng.randint(2, 6)
        constructs.add("conv_pads_equal_same")
        return nn.Conv2d(c, co, k, padding=k // 2, bias=rng.random() < 0.7), co, h, w
    k = rng.choice([1, 2, 3, 3, 5])
    s = rng.choice([1, 1, 2])
    d = rng.choice([1, 1, 1, 2]) if s == 1 else 1
    p = rng.randint(0, (k * d) // 2)
    if conv_out(h, k, s, p, d) < 2 or conv_out(w, k, s, p, d) < 2:
        k, s, p, d = 1, 1, 0, 1
    if kind == "depthwise":
        m = rng.choice([1, 1, 2])
        constructs.add("depthwise" + ("_multiplier" if m > 1 else ""))
        co, g = c * m, c
    elif kind == "grouped" and c % 2 == 0:
        constructs.add("grouped")
        g = 2
        co = 2 * rng.randint(1, 3)
    else:
        constructs.add("conv")
        g, co = 1, rng.randint(2, 6)
    if p:
        constructs.add("conv_explicit_pads")
    if d > 1:
        constructs.add("conv_dilation")
    if s > 1:
        constructs.add("conv_stride")
    conv = nn.Conv2d(c, co, k, s, p, dilation=d, groups=g, bias=rng.random() < 0.7)
    return conv, co, conv_out(h, k, s, p, d), conv_out(w, k, s, p, d)


def random_pool(rng, c, h, w, constructs, nonnegative):
    kind = rng.choice(["max", "avg"])
    k = rng.choice([2, 3])
    s = rng.choice([1, 2]) if k == 3 else 2
    # Max pooling with padding that is not TF's needs a non-negative input (zero padding stands in for -inf).
    p = rng.choice([0, 1]) if (kind == "avg" or nonnegative) and k == 3 else 0
    ceil = rng.random() < 0.25
    include = rng.random() < 0.7
    # Keep to poolings Keras can express (the importer rejects the others with a message, see the rejection tests).
    if not keras_pool(kind, h, w, k, s, p, ceil, include, nonnegative):
        ceil = False
        if not keras_pool(kind, h, w, k, s, p, ceil, include, nonnegative):
            p = 0
    if kind == "max":
        constructs.add("maxpool" + ("_pads" if p else "") + ("_ceil" if ceil else ""))
        pool = nn.MaxPool2d(k, s, p, ceil_mode=ceil)
    else:
        constructs.add("avgpool" + ("_pads_count_include_pad" if p and include else "_pads_exclude_pad" if p else "") + ("_ceil" if ceil else ""))
        pool = nn.AvgPool2d(k, s, p, ceil_mode=ceil, count_include_pad=include)
    def out(n):
        if ceil:
            o = -(-(n + 2 * p - k) // s) + 1
            if (o - 1) * s >= n + p:
                o -= 1
            return o
        return (n + 2 * p - k) // s + 1
    return pool, c, out(h), out(w)


def pool_axis(n, k, s, p, ceil):
    """(out, reach past the input at the end) of an ONNX pooling axis with pads p on both sides."""
    r = n + 2 * p - k
    o = (-(-r // s) if ceil else r // s) + 1
    if ceil and (o - 1) * s >= n + p:
        o -= 1
    return o, (o - 1) * s + k - n - p


def tf_axis(n, k, s, p, ceil, begin_zero=False):
    """'valid' or 'same' when the ONNX windows on this axis are TF's, else None."""
    o, reach = pool_axis(n, k, s, p, ceil)
    if p == 0 and reach <= 0:
        return "valid"
    same_out = -(-n // s)
    total = max((same_out - 1) * s + k - n, 0)
    if o == same_out and p == total // 2 and reach == total - total // 2 and not (begin_zero and p):
        return "same"
    return None


def keras_pool(kind, h, w, k, s, p, ceil, include, nonnegative):
    """Mirrors the importer's rule: both axes TF-valid or both TF-same; zero padding for max after a non-negative input
    and for average pooling that counts its pads (then the ceil extension must be TF-same on the padded input)."""
    if kind == "max":
        return nonnegative or (tf_axis(h, k, s, p, ceil) is not None and tf_axis(h, k, s, p, ceil) == tf_axis(w, k, s, p, ceil))
    if include:
        a, b = tf_axis(h + 2 * p, k, s, 0, ceil), tf_axis(w + 2 * p, k, s, 0, ceil)
        return a is not None and (a == b or {a, b} == {"valid"})
    a, b = tf_axis(h, k, s, p, ceil), tf_axis(w, k, s, p, ceil)
    return a is not None and a == b


NONNEGATIVE = (nn.ReLU, nn.ReLU6, nn.Sigmoid, nn.Hardsigmoid)


def random_body(rng, c, h, w, constructs, depth):
    """A random chain of layers; returns (modules, c, h, w)."""
    layers = []
    nonneg = False
    for _ in range(depth):
        r = rng.random()
        if r < 0.45:
            m, c, h, w = random_conv(rng, c, h, w, constructs)
            layers.append(m)
            nonneg = False
            if rng.random() < 0.4:
                layers.append(nn.BatchNorm2d(c, eps=rng.choice([1e-5, 1e-3])))
                constructs.add("batchnorm")
            if rng.random() < 0.8:
                a = act(rng, constructs)
                layers.append(a)
                nonneg = isinstance(a, NONNEGATIVE)
        elif r < 0.6 and h >= 4 and w >= 4:
            m, c, h, w = random_pool(rng, c, h, w, constructs, nonneg)
            layers.append(m)
        elif r < 0.7 and h <= 8:
            mode = rng.choice(["nearest", "bilinear"])
            constructs.add("upsample_" + mode)
            layers.append(nn.Upsample(scale_factor=2, mode=mode) if mode == "nearest" else nn.Upsample(scale_factor=2, mode=mode, align_corners=False))
            h, w = 2 * h, 2 * w
        elif r < 0.8:
            co = rng.randint(2, 5)
            body = nn.Sequential(nn.Conv2d(c, co, 3, padding=1), act(rng, constructs), nn.Conv2d(co, co, 3, padding=1))
            shortcut = None if co == c else nn.Conv2d(c, co, 1, bias=False)
            constructs.add("add_branches")
            layers.append(Residual(body, shortcut))
            c = co
            nonneg = False
        elif r < 0.9:
            a, b = rng.randint(1, 4), rng.randint(1, 4)
            constructs.add("concat")
            layers.append(Branches(nn.Sequential(nn.Conv2d(c, a, 1), nn.ReLU()), nn.Sequential(nn.Conv2d(c, b, 3, padding=1), nn.ReLU())))
            c = a + b
            nonneg = True
        elif r < 0.95:
            t, b, l, rr = (rng.randint(0, 2) for _ in range(4))
            constructs.add("zeropad")
            layers.append(nn.ZeroPad2d((l, rr, t, b)))
            h, w = h + t + b, w + l + rr
        else:
            constructs.add("dropout")
            layers.append(nn.Dropout(0.3))
    return layers, c, h, w


def random_head(rng, c, h, w, constructs):
    r = rng.random()
    if r < 0.3:
        constructs.add("spatial_output")
        return []
    layers = []
    if r < 0.55:
        g = rng.choice(["gap", "gmp", "mean"])
        constructs.add(g)
        layers += {"gap": [nn.AdaptiveAvgPool2d(1), nn.Flatten()], "gmp": [nn.AdaptiveMaxPool2d(1), nn.Flatten()], "mean": [MeanPool()]}[g]
        n = c
    else:
        f = rng.choice(["flatten", "view"])
        constructs.add("dense_after_" + f)
        layers.append(nn.Flatten() if f == "flatten" else ViewFlatten())
        n = c * h * w
    if rng.random() < 0.3:
        constructs.add("batchnorm1d")
        layers.append(nn.BatchNorm1d(n))
    if rng.random() < 0.5:
        u = rng.randint(3, 10)
        layers += [nn.Linear(n, u), act(rng, constructs), nn.Dropout(0.2)]
        n = u
    layers.append(nn.Linear(n, rng.randint(2, 6), bias=rng.random() < 0.8))
    constructs.add("gemm")
    if rng.random() < 0.3:
        constructs.add("softmax")
        layers.append(nn.Softmax(dim=1))
    return layers


# ---- named architectures -------------------------------------------------------------------------------------------

def lenet():
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2), nn.Conv2d(6, 8, 5), nn.Tanh(), nn.AvgPool2d(2),
                         nn.Flatten(), nn.Linear(8 * 5 * 5, 12), nn.Tanh(), nn.Linear(12, 10)), (1, 1, 28, 28)


def lenet_relu_max():
    return nn.Sequential(nn.Conv2d(1, 4, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 8, 5), nn.ReLU(), nn.MaxPool2d(2),
                         ViewFlatten(), nn.Linear(8 * 4 * 4, 16), nn.ReLU(), nn.Linear(16, 10), nn.Softmax(dim=1)), (1, 1, 28, 28)


def basic_block(cin, cout, stride):
    body = nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
    shortcut = None if stride == 1 and cin == cout else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
    return nn.Sequential(Residual(body, shortcut), nn.ReLU())


def resnet():
    return nn.Sequential(nn.Conv2d(3, 8, 7, 2, 3, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(3, 2, 1),
                         basic_block(8, 8, 1), basic_block(8, 12, 2), basic_block(12, 16, 2),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10)), (1, 3, 64, 64)


def bottleneck(cin, mid, cout, stride):
    body = nn.Sequential(nn.Conv2d(cin, mid, 1, bias=False), nn.BatchNorm2d(mid), nn.ReLU(),
                         nn.Conv2d(mid, mid, 3, stride, 1, bias=False), nn.BatchNorm2d(mid), nn.ReLU(),
                         nn.Conv2d(mid, cout, 1, bias=False), nn.BatchNorm2d(cout))
    shortcut = None if stride == 1 and cin == cout else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
    return nn.Sequential(Residual(body, shortcut), nn.ReLU())


def resnet_bottleneck():
    return nn.Sequential(nn.Conv2d(3, 8, 3, 1, 1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
                         bottleneck(8, 4, 16, 1), bottleneck(16, 4, 16, 2), bottleneck(16, 8, 24, 2),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(24, 5)), (1, 3, 32, 32)


def inverted_residual(cin, cout, stride, expand, activation):
    mid = cin * expand
    body = nn.Sequential(nn.Conv2d(cin, mid, 1, bias=False), nn.BatchNorm2d(mid), activation(),
                         nn.Conv2d(mid, mid, 3, stride, 1, groups=mid, bias=False), nn.BatchNorm2d(mid), activation(),
                         nn.Conv2d(mid, cout, 1, bias=False), nn.BatchNorm2d(cout))
    return Residual(body) if stride == 1 and cin == cout else body


def mobilenet_v2():
    return nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.ReLU6(),
                         inverted_residual(8, 8, 1, 2, nn.ReLU6), inverted_residual(8, 12, 2, 3, nn.ReLU6),
                         inverted_residual(12, 12, 1, 3, nn.ReLU6), inverted_residual(12, 16, 2, 3, nn.ReLU6),
                         nn.Conv2d(16, 32, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU6(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(32, 10)), (1, 3, 48, 48)


def mobilenet_v1():
    def dw(cin, cout, stride):
        return nn.Sequential(nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False), nn.BatchNorm2d(cin), nn.ReLU(),
                             nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())
    return nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
                         dw(8, 16, 1), dw(16, 16, 2), dw(16, 24, 1), dw(24, 24, 2),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(24, 7), nn.Softmax(dim=1)), (1, 3, 32, 32)


def mobilenet_v3ish():
    return nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.Hardswish(),
                         inverted_residual(8, 8, 1, 2, nn.ReLU), inverted_residual(8, 12, 2, 3, nn.Hardswish),
                         inverted_residual(12, 12, 1, 2, nn.Hardswish),
                         nn.Conv2d(12, 24, 1), nn.Hardswish(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(24, 16), nn.Hardswish(), nn.Linear(16, 4)), (1, 3, 32, 32)


class UNet(nn.Module):
    def __init__(self, up, c=4):
        super().__init__()
        def block(cin, cout):
            return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                                 nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU())
        self.e1, self.e2, self.mid = block(3, c), block(c, 2 * c), block(2 * c, 4 * c)
        self.pool = nn.MaxPool2d(2)
        if up == "transpose":
            self.u2, self.u1 = nn.ConvTranspose2d(4 * c, 2 * c, 2, 2), nn.ConvTranspose2d(2 * c, c, 2, 2)
        elif up == "transpose4":
            self.u2, self.u1 = nn.ConvTranspose2d(4 * c, 2 * c, 4, 2, 1), nn.ConvTranspose2d(2 * c, c, 4, 2, 1)
        else:
            self.u2 = nn.Sequential(nn.Upsample(scale_factor=2, mode=up), nn.Conv2d(4 * c, 2 * c, 1))
            self.u1 = nn.Sequential(nn.Upsample(scale_factor=2, mode=up), nn.Conv2d(2 * c, c, 1))
        self.d2, self.d1 = block(4 * c, 2 * c), block(2 * c, c)
        self.out = nn.Conv2d(c, 2, 1)

    def forward(self, x):
        e1 = self.e1(x)
        e2 = self.e2(self.pool(e1))
        m = self.mid(self.pool(e2))
        d2 = self.d2(torch.cat([self.u2(m), e2], 1))
        d1 = self.d1(torch.cat([self.u1(d2), e1], 1))
        return torch.sigmoid(self.out(d1))


def mlp():
    return nn.Sequential(nn.Linear(20, 16), nn.ReLU(), nn.BatchNorm1d(16), nn.Linear(16, 8), nn.GELU(), nn.Linear(8, 3), nn.Softmax(dim=-1)), (1, 20)


def vgg_small():
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(16 * 8 * 8, 32), nn.ReLU(), nn.Dropout(), nn.Linear(32, 10)), (1, 3, 32, 32)


NAMED = {
    "lenet5": lenet, "lenet_relu_maxpool": lenet_relu_max, "resnet_basic": resnet, "resnet_bottleneck": resnet_bottleneck,
    "mobilenet_v1": mobilenet_v1, "mobilenet_v2": mobilenet_v2, "mobilenet_v3ish": mobilenet_v3ish,
    "unet_transpose": lambda: (UNet("transpose"), (1, 3, 16, 16)), "unet_transpose_k4": lambda: (UNet("transpose4"), (1, 3, 16, 16)),
    "unet_nearest": lambda: (UNet("nearest"), (1, 3, 16, 16)), "unet_bilinear": lambda: (UNet("bilinear"), (1, 3, 16, 16)),
    "mlp": mlp, "vgg_small": vgg_small,
}


def randomize_batchnorm(model, rng):
    """Non-trivial running statistics, so that folding mistakes show."""
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)


def export(name, model, shape, opset, constructs, manifest, rng):
    torch.manual_seed(zlib.crc32(name.encode()))  # not hash(): str hashes change between runs
    randomize_batchnorm(model, rng)
    model.eval()
    x = torch.randn(*shape)
    with torch.no_grad():
        y = model(x)
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["output"], do_constant_folding=True)
    x.numpy().astype("<f4").tofile(os.path.join(OUT, name + ".input.bin"))
    y.numpy().astype("<f4").tofile(os.path.join(OUT, name + ".output.bin"))
    manifest.append({"name": name, "opset": opset, "input": list(shape), "output": list(y.shape), "constructs": sorted(constructs)})


def export_rejected():
    """Models the importer must refuse with a clear message (PyTorchRejected/, used by the rejection tests), and
    exports checked against ONNX Runtime only (PyTorchOrtChecked/, no PyTorch output stored)."""
    folder = os.path.join(os.path.dirname(OUT), "PyTorchRejected")
    checked = os.path.join(os.path.dirname(OUT), "PyTorchOrtChecked")
    os.makedirs(folder, exist_ok=True)
    os.makedirs(checked, exist_ok=True)
    torch.manual_seed(7)
    cases = {
        # Crops 1 at the top and 0 at the bottom (Keras' same crops 0 and 1): Conv2DTranspose valid + Cropping2D.
        # Written to PyTorchOrtChecked/ (it was a rejection before Cropping2D; the seed order of the others is kept).
        "conv_transpose_output_padding": (nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ConvTranspose2d(4, 2, 3, 2, 1, output_padding=1)), {}),
        "upsample_align_corners": (nn.Sequential(nn.Conv2d(3, 4, 1), nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)), {}),
        # Max pooling pads that are not TF's, on a signed input: zero padding would change the maximum.
        "maxpool_pads_signed_input": (nn.Sequential(nn.Conv2d(3, 4, 3), nn.MaxPool2d(3, 2, 1)), {}),
        "dynamic_batch": (nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU()), {"dynamic_axes": {"input": {0: "batch"}, "output": {0: "batch"}}}),
        # Two unsupported nodes at once: Softplus and a multiplication by a constant.
        "two_unsupported_nodes": (nn.Sequential(nn.Conv2d(3, 4, 3), nn.Softplus(), ScaleByTwo()), {}),
    }
    for name, (model, extra) in cases.items():
        model.eval()
        target = checked if name == "conv_transpose_output_padding" else folder
        torch.onnx.export(model, torch.randn(1, 3, 8, 8), os.path.join(target, name + ".onnx"), opset_version=13,
                          input_names=["input"], output_names=["output"], **extra)


class ScaleByTwo(nn.Module):
    def forward(self, x):
        return x * 2.0


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(2026)
    torch.manual_seed(2026)
    manifest = []
    for name, make in NAMED.items():
        model, shape = make()
        export(name, model, shape, 13, {"named"}, manifest, rng)
    count = int(os.environ.get("CONVGEN_RANDOM_MODELS", "100"))
    for i in range(count):
        constructs = set()
        c, h, w = rng.randint(1, 4), rng.randint(6, 14), rng.randint(6, 14)
        body, co, ho, wo = random_body(rng, c, h, w, constructs, rng.randint(2, 6))
        layers = body + random_head(rng, co, ho, wo, constructs)
        opset = rng.choice([11, 12, 13, 14, 15, 16, 17])
        if opset < 13 and "softmax" in constructs:
            opset = 13
        export("random_%03d" % i, nn.Sequential(*layers), (1, c, h, w), opset, constructs, manifest, rng)
    export_rejected()
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(len(manifest), "models")


if __name__ == "__main__":
    main()
