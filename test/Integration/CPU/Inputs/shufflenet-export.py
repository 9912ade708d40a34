#!/usr/bin/python3
"""Exports a small ShuffleNetV2 (torchvision's architecture: conv1, max pool,
two stages of one stride-2 and one stride-1 unit, conv5, global mean, fc) with
torch.onnx.export, and writes a random input and PyTorch's output for it.

usage: /usr/bin/python3 shufflenet-export.py OUT.onnx INPUT.npy OUTPUT.npy
       /usr/bin/python3 shufflenet-export.py --compare GOT.npy WANT.npy
         (prints PASS when |got - want| <= 1e-5 + 1e-4 |want|, else FAIL)

The units are torchvision.models.shufflenetv2.InvertedResidual written out
(torchvision is not a dependency): concat of the two branches, channel
shuffle with 2 groups as view/transpose/view, and chunk(2) of the next unit's
input. Batch-norm statistics are random so that folding mistakes show.
Requires torch and onnx (Debian's python3).
"""
import sys

import numpy as np
import torch
import torch.nn as nn


def channel_shuffle(x, groups):
    b, c, h, w = x.size()
    x = x.view(b, groups, c // groups, h, w)
    x = torch.transpose(x, 1, 2).contiguous()
    return x.view(b, -1, h, w)


def dwconv(i, o, stride):
    return nn.Conv2d(i, o, 3, stride, 1, bias=False, groups=i)


class InvertedResidual(nn.Module):
    def __init__(self, inp, oup, stride):
        super().__init__()
        self.stride = stride
        bf = oup // 2
        if stride > 1:
            self.branch1 = nn.Sequential(
                dwconv(inp, inp, stride), nn.BatchNorm2d(inp),
                nn.Conv2d(inp, bf, 1, bias=False), nn.BatchNorm2d(bf), nn.ReLU(inplace=True))
        else:
            self.branch1 = nn.Sequential()
        self.branch2 = nn.Sequential(
            nn.Conv2d(inp if stride > 1 else bf, bf, 1, bias=False), nn.BatchNorm2d(bf),
            nn.ReLU(inplace=True), dwconv(bf, bf, stride), nn.BatchNorm2d(bf),
            nn.Conv2d(bf, bf, 1, bias=False), nn.BatchNorm2d(bf), nn.ReLU(inplace=True))

    def forward(self, x):
        if self.stride == 1:
            x1, x2 = x.chunk(2, dim=1)
            out = torch.cat((x1, self.branch2(x2)), dim=1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)
        return channel_shuffle(out, 2)


class ShuffleNetV2(nn.Module):
    def __init__(self, repeats=(2, 2), channels=(8, 16, 32, 64), classes=10):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(3, channels[0], 3, 2, 1, bias=False),
                                   nn.BatchNorm2d(channels[0]), nn.ReLU(inplace=True))
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        stages, inp = [], channels[0]
        for n, oup in zip(repeats, channels[1:]):
            units = [InvertedResidual(inp, oup, 2)] + [InvertedResidual(oup, oup, 1) for _ in range(n - 1)]
            stages.append(nn.Sequential(*units))
            inp = oup
        self.stages = nn.Sequential(*stages)
        self.conv5 = nn.Sequential(nn.Conv2d(inp, channels[-1], 1, bias=False),
                                   nn.BatchNorm2d(channels[-1]), nn.ReLU(inplace=True))
        self.fc = nn.Linear(channels[-1], classes)

    def forward(self, x):
        x = self.stages(self.maxpool(self.conv1(x)))
        return self.fc(self.conv5(x).mean([2, 3]))


if sys.argv[1] == "--compare":
    got, want = np.load(sys.argv[2]), np.load(sys.argv[3])
    error = np.abs(got.astype(np.float64) - want)
    ok = got.shape == want.shape and np.all(error <= 1e-5 + 1e-4 * np.abs(want))
    print(f"max abs error {error.max():.3g} (output scale {np.abs(want).max():.3g})")
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)

torch.manual_seed(0)
net = ShuffleNetV2()
for m in net.modules():
    if isinstance(m, nn.BatchNorm2d):
        m.running_mean.uniform_(-0.5, 0.5)
        m.running_var.uniform_(0.5, 2.0)
        m.weight.data.uniform_(0.5, 1.5)
        m.bias.data.uniform_(-0.5, 0.5)
net.eval()
x = torch.randn(1, 3, 32, 32)
torch.onnx.export(net, x, sys.argv[1], opset_version=13, input_names=["image"],
                  output_names=["logits"])
np.save(sys.argv[2], x.numpy())
with torch.no_grad():
    np.save(sys.argv[3], net(x).numpy())
