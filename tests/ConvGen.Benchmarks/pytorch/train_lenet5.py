#!/usr/bin/env python3
"""The PyTorch peer of TrainingBenchmarks: the benchmark LeNet-5 (N2), one training step (forward, backward, Adam)
on a batch of 64 random 28x28 images with cross-entropy, on 1 and 2 threads. Prints images/s (median of rounds).

    apt-get install python3-torch      # Debian's PyTorch (CPU)
    /usr/bin/python3 tests/ConvGen.Benchmarks/pytorch/train_lenet5.py   # Debian's interpreter, where apt put torch

Outside CI: a measurement to put beside `dotnet run -c Release --project tests/ConvGen.Benchmarks -- --training`.
"""
import statistics
import time

import torch
import torch.nn as nn


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.AvgPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))  # softmax inside CrossEntropyLoss


def measure(threads, batch=64, steps=50, rounds=7):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = lenet5()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(20):
        step()
    results = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        results.append(batch * steps / (time.perf_counter() - start))
    return statistics.median(results)


if __name__ == "__main__":
    print(f"PyTorch {torch.__version__}")
    for threads in (1, 2):
        print(f"threads {threads}: {measure(threads):,.0f} images/s (LeNet-5 TrainStep, batch 64, Adam)")
