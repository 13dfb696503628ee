#!/usr/bin/env python3
"""Measure per-sample compute time of factortwo's model architectures on a GPU, for an emulation profile.

Runs the same architectures as the harness (train-mlp: 784-256-128-10 ReLU; train-cnn: 5x5x16 conv, 2x2 pool,
5x5x32 conv, 2x2 pool, dense 128, 10 classes; infer: the MLP's forward pass with features), in PyTorch, on
synthetic 28x28x1 batches already on the device, so only compute is timed (no input pipeline). Each
configuration is warmed up, then timed with CUDA events over many steps; the median of several timed blocks is
reported. Prints a profile for harness/core/src/main/resources/accelerators.json (or --accelerator-profiles).

Usage: python3 scripts/calibrate-h100.py [--batch 64] [--steps 500] [--blocks 7] [--name h100]
"""
import argparse, json, statistics, sys

import torch
import torch.nn as nn


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def cnn():
    return nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(7 * 7 * 32, 128), nn.ReLU(), nn.Linear(128, 10))


def time_blocks(step, steps, blocks):
    for _ in range(50):
        step()
    torch.cuda.synchronize()
    per_step = []
    for _ in range(blocks):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(steps):
            step()
        end.record()
        torch.cuda.synchronize()
        per_step.append(start.elapsed_time(end) / steps * 1e6)  # ns per step
    return statistics.median(per_step), min(per_step), max(per_step)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=500)
    ap.add_argument("--blocks", type=int, default=7)
    ap.add_argument("--name", default="h100")
    a = ap.parse_args()
    if not torch.cuda.is_available():
        sys.exit("no CUDA device")
    dev = torch.device("cuda")
    torch.manual_seed(0)
    x = torch.rand(a.batch, 1, 28, 28, device=dev)
    y = torch.randint(0, 10, (a.batch,), device=dev)
    loss_fn = nn.CrossEntropyLoss()
    results = {}
    for name, build in (("train-mlp", mlp), ("train-cnn", cnn)):
        model = build().to(dev)
        opt = torch.optim.SGD(model.parameters(), lr=0.05)

        def step():
            opt.zero_grad(set_to_none=True)
            loss_fn(model(x), y).backward()
            opt.step()
        results[name] = time_blocks(step, a.steps, a.blocks)
    model = mlp().to(dev).eval()
    features = nn.Sequential(*list(model.children())[:-1])
    head = list(model.children())[-1]

    @torch.no_grad()
    def infer():
        f = features(x)
        head(f).argmax(1)
    results["infer"] = time_blocks(infer, a.steps, a.blocks)
    gpu = torch.cuda.get_device_name(0)
    source = (f"measured on {gpu}, PyTorch {torch.__version__}, CUDA {torch.version.cuda}, float32, batch {a.batch}, "
              f"inputs resident on the GPU; median of {a.blocks} blocks of {a.steps} steps after 50 warm-up steps, "
              f"timed with CUDA events; ns per step / batch. Per-step ns (median [min, max]): "
              + ", ".join(f"{k} {v[0]:.0f} [{v[1]:.0f}, {v[2]:.0f}]" for k, v in results.items()))
    profile = {"profiles": {a.name: {"source": source,
                                     "nanosPerSample": {k: max(1, round(v[0] / a.batch)) for k, v in results.items()}}}}
    print(json.dumps(profile, indent=2))


if __name__ == "__main__":
    main()
