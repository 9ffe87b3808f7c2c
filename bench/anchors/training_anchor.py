#!/usr/bin/python3
"""The PyTorch side of the training-step rows of the side-by-side benchmark.

Started once by `dotnet run -c Release --project bench/Workbench.Bench -- side-by-side --suite training`;
the same line protocol as anchor.py (one command per line on stdin, one JSON line back):

    info                          -> versions and build of torch
    prepare <work> <threads>      -> builds the network, loads the C# side's initial weights, inputs, optimizer
    run <work> <threads>          -> {"ms": wall milliseconds of one training step, "cpu_ms": process CPU
                                     milliseconds (all threads), "check": "loss <value>"}
    quit

Works (weights and inputs are written by the C# side into artifacts/bench/training/<work>/):
    smallconv-ce     smallconv (1 -> 32/64/128, 3x3 conv, BN, ReLU, 2x2 max-pool) -> Linear(128, 10),
                     256 x 1 x 28 x 28, cross-entropy, SGD (lr 0.01, momentum 0.9, weight decay 5e-4)
    ntxent-smallconv two views of 256 x 1 x 28 x 28 -> smallconv encoder -> MLP 128 -> 256 -> ReLU -> 128,
                     NT-Xent (cosine / 0.5 over the 2N views), Adam (lr 1e-3)
    resnet18-cifar-ce  ResNet-18 with the CIFAR stem (3x3 conv, no max-pool) -> Linear(512, 10),
                     128 x 3 x 32 x 32, cross-entropy, SGD as above
    op-<kind>-NxCxHxW[-K]  one operation forward + backward (torch.autograd.grad of y = op(x) w.r.t. x and the
                     op's parameters, with a fixed output gradient g): conv3x3 (K outputs, padding 1, no bias),
                     bn (BatchNorm2d, training mode), relu, maxpool2 (2x2), ntxent (the loss alone on x = [u; v],
                     2N x D); check = sum of the input gradient

Every step is what a PyTorch user writes: zero_grad(set_to_none=True), forward, loss, backward,
step, loss.item(). The check is the loss of the first step, which starts from the same weights and
inputs as the C# side.
"""
import json
import os
import sys
import time
from collections import OrderedDict

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from line_protocol import serve

DATA = os.environ.get("WORKBENCH_BENCH_TRAINING_DATA", "artifacts/bench/training")


def small_conv(channels=(32, 64, 128)):
    blocks = OrderedDict()
    previous = 1
    for i, c in enumerate(channels):
        block = OrderedDict(conv=nn.Conv2d(previous, c, 3, padding=1, bias=False), bn=nn.BatchNorm2d(c), relu=nn.ReLU(inplace=True))
        if i < len(channels) - 1:
            block["pool"] = nn.MaxPool2d(2)
        blocks[str(i)] = nn.Sequential(block)
        previous = c
    return nn.Sequential(blocks)


class SmallConvClassifier(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.features = small_conv()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(128, classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.avgpool(self.features(x)), 1))


class SmallConvEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = small_conv()
        self.avgpool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        return torch.flatten(self.avgpool(self.features(x)), 1)


class Contrastive(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = SmallConvEncoder()
        self.projector = nn.Sequential(nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 128))

    def forward(self, x):
        return self.projector(self.encoder(x))


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride=stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += x if self.downsample is None else self.downsample(x)
        return self.relu(out)


class ResNet18Cifar(nn.Module):
    """torchvision's resnet18 with SPQ's CIFAR stem (3x3 stride-1 conv1, no max-pool), fc 512 -> classes."""

    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        inplanes = 64
        for i, (planes, stride) in enumerate([(64, 1), (128, 2), (256, 2), (512, 2)]):
            setattr(self, f"layer{i + 1}", nn.Sequential(BasicBlock(inplanes, planes, stride), BasicBlock(planes, planes, 1)))
            inplanes = planes
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def nt_xent(z, temperature=0.5, eps=1e-8):
    """SimCLR's NT-Xent over the 2N rows of z = [u; v] as a PyTorch user writes it (SimCLR/SPQ style)."""
    n = z.shape[0] // 2
    unit = F.normalize(z, dim=1, eps=eps)
    logits = unit @ unit.t() / temperature
    logits = logits.masked_fill(torch.eye(2 * n, dtype=torch.bool), float("-inf"))
    targets = (torch.arange(2 * n) + n) % (2 * n)
    return F.cross_entropy(logits, targets)


def op(work, weights, inputs):
    """The timed function of an op-... work: forward, then the gradients w.r.t. the input and parameters."""
    parts = work.split("-")
    kind, shape = parts[1], [int(p) for p in parts[2].split("x")]
    module = None
    if kind == "conv3x3":
        module = nn.Conv2d(shape[1], int(parts[3]), 3, padding=1, bias=False)
    elif kind == "bn":
        module = nn.BatchNorm2d(shape[1])
    if module is not None:
        module.load_state_dict(weights, strict=True)
        module.train()
        forward = module
    elif kind == "relu":
        forward = F.relu
    elif kind == "maxpool2":
        def forward(t):
            return F.max_pool2d(t, 2)
    elif kind == "ntxent":
        forward = nt_xent
    else:
        raise ValueError(f"unknown op {kind}")
    x, g = inputs["x"].requires_grad_(), inputs["g"]
    params = [x] + ([] if module is None else list(module.parameters()))

    def step():
        y = forward(x)
        return torch.autograd.grad([y], params, [g])[0]

    return step


def read_array(folder, entry):
    dtype = {"float32": "<f4", "int64": "<i8"}[entry["dtype"]]
    data = np.fromfile(os.path.join(folder, entry["file"]), dtype=dtype).reshape(entry["shape"])
    return torch.from_numpy(data.copy())


def load(work):
    folder = os.path.join(DATA, work)
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    state = OrderedDict((e["name"], read_array(folder, e)) for e in manifest["weights"])
    inputs = {e["name"]: read_array(folder, e) for e in manifest["inputs"]}
    return state, inputs


class Works:
    def __init__(self):
        self.state = {}

    def prepare(self, work):
        # Always from the exported initial weights (the C# side builds a fresh model for every thread count too).
        weights, inputs = load(work)
        if work.startswith("op-"):
            self.state[work] = op(work, weights, inputs)
            return
        if work == "smallconv-ce":
            model = SmallConvClassifier()
        elif work == "ntxent-smallconv":
            model = Contrastive()
        elif work == "resnet18-cifar-ce":
            model = ResNet18Cifar()
        else:
            raise ValueError(f"unknown work {work}")
        model.load_state_dict(weights, strict=True)
        model.train()
        if work == "ntxent-smallconv":
            optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
            x = torch.cat([inputs["view_a"], inputs["view_b"]])

            def loss_of():
                return nt_xent(model(x))
        else:
            optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
            x, y = inputs["images"], inputs["labels"]

            def loss_of():
                return F.cross_entropy(model(x), y)

        self.state[work] = (model, optimizer, loss_of)

    def run(self, work):
        if work not in self.state:
            self.prepare(work)
        if work.startswith("op-"):
            step = self.state[work]
            c0, t0 = time.process_time(), time.perf_counter()
            dx = step()
            ms, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
            return ms, cpu, f"sum {dx.sum().item():.5g}"
        _, optimizer, loss_of = self.state[work]
        c0, t0 = time.process_time(), time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of()
        loss.backward()
        optimizer.step()
        value = loss.item()
        ms, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        return ms, cpu, f"loss {value:.4f}"


def info():
    config = torch.__config__.show()

    def setting(prefix, end):
        return config.split(prefix)[1].split(end)[0].strip() if prefix in config else "n/a"

    return {
        "description": f"PyTorch {torch.__version__} ({torch.__file__.rsplit('/', 2)[0]}; "
        f"BLAS {setting('BLAS_INFO=', ',')}, oneDNN {setting('MKL-DNN v', ' ')}, "
        f"CPU capability {setting('CPU capability usage:', chr(10))}), "
        f"numpy {np.__version__}, Python {sys.version.split()[0]}, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')}",
    }


def main():
    works = Works()

    def run(work, _threads):
        ms, cpu, check = works.run(work)
        return {"ms": ms, "cpu_ms": cpu, "check": check}

    serve(info, lambda work, _threads: works.prepare(work), run, torch.set_num_threads)


if __name__ == "__main__":
    main()
