"""Exports a small PyTorch network to ONNX (torch-export.test).

    torch_export.py OUT.onnx OPSET CONSTANT_FOLDING(0|1)

The network has what torch.onnx.export writes as run-time shape code: x.size()
feeding view and chunk, F.pad, F.interpolate; the batch dimension is dynamic
("batch"), so kiln-compile needs --input-shape. Before opset 17 LayerNorm is
exported as its arithmetic; GELU is always its erf formula.
"""

import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.branch = nn.Conv2d(8, 8, 3, padding=1, groups=8)
        self.up = nn.Conv2d(16, 16, 1)
        self.norm = nn.LayerNorm(16)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        b, c, h, w = x.size()
        x1, x2 = x.chunk(2, dim=1)
        x = torch.cat([x1, F.hardswish(self.branch(x2))], 1)
        x = x.view(b, 2, c // 2, h, w).transpose(1, 2).reshape(b, c, h, w)
        x = F.pixel_shuffle(self.up(x), 2)
        x = F.interpolate(x, scale_factor=0.5, mode="nearest")
        x = F.pad(x, (1, 1, 1, 1), mode="reflect")
        x = F.max_pool2d(x, 2, ceil_mode=True)
        x = x.flatten(2).transpose(1, 2)
        x = F.gelu(self.norm(F.pad(x, (0, 12))))
        x = torch.softmax(x.mean(1), dim=-1)
        return self.fc(x)


torch.manual_seed(0)
net = Net().eval()
torch.onnx.export(net, torch.randn(1, 3, 8, 8), sys.argv[1],
                  opset_version=int(sys.argv[2]),
                  do_constant_folding=sys.argv[3] == "1",
                  input_names=["image"], output_names=["logits"],
                  dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}})
