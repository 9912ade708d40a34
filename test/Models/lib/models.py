"""The networks of the model suite (test/Models), built with random weights.

Each builder returns (module, example input shape). Weights come from a fixed
seed; `randomize_batch_norm` then gives every BatchNorm running statistics and
affine parameters far from the identity, so that a batch-norm folding mistake
changes the output.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def randomize_batch_norm(model, shape, gen):
    """Gives every BatchNorm random affine parameters, then running statistics
    measured on random inputs (so that activations stay well scaled through a
    deep random network) and perturbed by a few percent, so that they are far
    from the identity (mean 0, variance 1) a folding mistake could hide
    behind."""
    bns = [m for m in model.modules() if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d))]
    if not bns:
        return
    with torch.no_grad():
        for m in bns:
            if m.affine:
                m.weight.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=gen) * 0.2)
            m.reset_running_stats()
            m.momentum = None  # a cumulative average over the calibration batches
        model.train()
        for _ in range(2):
            model(torch.randn(4, *shape[1:], generator=gen))
        for m in bns:
            c = m.num_features
            m.running_mean.add_(torch.randn(c, generator=gen) * 0.1 * m.running_var.sqrt())
            m.running_var.mul_(torch.rand(c, generator=gen) * 0.4 + 0.8)
    model.eval()


# --- torchvision classifiers ------------------------------------------------

def _tv(name, size, **kw):
    def build():
        import torchvision
        ctor = getattr(torchvision.models, name)
        try:
            model = ctor(weights=None, **kw)
        except TypeError:  # torchvision < 0.13 has pretrained= instead of weights=
            model = ctor(pretrained=False, **kw)
        return model, (1, 3, size, size)
    return build


# --- an Inception-style multi-branch block ----------------------------------

class ConvBN(nn.Sequential):
    def __init__(self, cin, cout, k, stride=1, padding=0, groups=1, act=True):
        layers = [nn.Conv2d(cin, cout, k, stride, padding, groups=groups, bias=False),
                  nn.BatchNorm2d(cout)]
        if act:
            layers.append(nn.ReLU(inplace=True))
        super().__init__(*layers)


class InceptionBlock(nn.Module):
    """GoogLeNet/Inception-v3 style: 1x1, 1x1->3x3, 1x1->3x3->3x3 (and a
    factorized 1x7/7x1 pair), pool->1x1, concatenated on channels."""

    def __init__(self, cin=64):
        super().__init__()
        self.b1 = ConvBN(cin, 32, 1)
        self.b2 = nn.Sequential(ConvBN(cin, 24, 1), ConvBN(24, 32, 3, padding=1))
        self.b3 = nn.Sequential(ConvBN(cin, 16, 1), ConvBN(16, 24, 3, padding=1),
                                ConvBN(24, 24, 3, padding=1))
        self.b4 = nn.Sequential(ConvBN(cin, 16, 1), ConvBN(16, 16, (1, 7), padding=(0, 3)),
                                ConvBN(16, 24, (7, 1), padding=(3, 0)))
        self.b5 = nn.Sequential(nn.AvgPool2d(3, 1, 1, count_include_pad=False), ConvBN(cin, 16, 1))
        self.b6 = nn.Sequential(nn.MaxPool2d(3, 1, 1), ConvBN(cin, 16, 1))
        self.reduce = nn.Sequential(nn.MaxPool2d(3, 2, 1))

    def forward(self, x):
        y = torch.cat([self.b1(x), self.b2(x), self.b3(x), self.b4(x), self.b5(x), self.b6(x)], 1)
        return self.reduce(y)


def inception_block():
    stem = nn.Sequential(ConvBN(3, 64, 3, stride=2, padding=1), InceptionBlock(64))
    return stem, (1, 3, 64, 64)


# --- a RoFormer encoder block --------------------------------------------------

def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


class RoFormerBlock(nn.Module):
    def __init__(self, dim=128, heads=4, seq=64, ffn=512):
        super().__init__()
        self.heads, self.hd = heads, dim // heads
        self.ln1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.ln2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, ffn)
        self.fc2 = nn.Linear(ffn, dim)
        inv = 1.0 / (10000 ** (torch.arange(0, self.hd, 2).float() / self.hd))
        t = torch.arange(seq).float()
        freqs = torch.outer(t, inv)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos", emb.cos()[None, None])
        self.register_buffer("sin", emb.sin()[None, None])
        with torch.no_grad():
            for ln in (self.ln1, self.ln2):
                ln.weight.uniform_(0.5, 1.5)
                ln.bias.normal_(0, 0.2)

    def forward(self, x):
        b, s, d = x.shape
        h = self.ln1(x)
        q, k, v = self.qkv(h).reshape(b, s, 3, self.heads, self.hd).permute(2, 0, 3, 1, 4)
        q = q * self.cos + rotate_half(q) * self.sin
        k = k * self.cos + rotate_half(k) * self.sin
        att = torch.softmax(q @ k.transpose(-2, -1) / (self.hd ** 0.5), dim=-1)
        o = (att @ v).transpose(1, 2).reshape(b, s, d)
        x = x + self.proj(o)
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


def roformer_block():
    return RoFormerBlock(), (1, 64, 128)


class RotaryEmbedding(nn.Module):
    """cos and sin computed in forward from the sequence length, as Hugging
    Face style rotary modules do: torch.arange, torch.einsum (the outer
    product of positions and frequencies), cat, cos, sin."""

    def __init__(self, dim, base=10000):
        super().__init__()
        self.register_buffer("inv_freq", 1.0 / (base ** (torch.arange(0, dim, 2).float() / dim)))

    def forward(self, x):
        t = torch.arange(x.shape[-2], device=x.device).type_as(self.inv_freq)
        freqs = torch.einsum("i,j->ij", t, self.inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos()[None, None], emb.sin()[None, None]


class RoFormerEinsumBlock(RoFormerBlock):
    """The RoFormer block with its rotary tables computed in forward and its
    attention written with torch.einsum."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.rotary = RotaryEmbedding(self.hd)

    def forward(self, x):
        b, s, d = x.shape
        h = self.ln1(x)
        q, k, v = self.qkv(h).reshape(b, s, 3, self.heads, self.hd).permute(2, 0, 3, 1, 4)
        cos, sin = self.rotary(q)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        scores = torch.einsum("bhqd,bhkd->bhqk", q, k) / (self.hd ** 0.5)
        o = torch.einsum("bhqk,bhkd->bhqd", torch.softmax(scores, dim=-1), v)
        x = x + self.proj(o.transpose(1, 2).reshape(b, s, d))
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


class MultiheadAttentionBlock(nn.Module):
    """A ViT encoder block: pre-norm nn.MultiheadAttention (batch_first),
    whose export folds the heads into the batch ([B * H, S, D]) and scales Q
    before Q K^T, and a GELU MLP."""

    def __init__(self, dim=128, heads=4, mlp=512):
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.ln2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, mlp), nn.GELU(), nn.Linear(mlp, dim))
        with torch.no_grad():  # nn.MultiheadAttention starts its biases at 0
            self.attn.in_proj_bias.normal_(0, 0.2)
            self.attn.out_proj.bias.normal_(0, 0.2)

    def forward(self, x):
        h = self.ln1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        return x + self.mlp(self.ln2(x))


def mha_block():
    return MultiheadAttentionBlock(), (1, 50, 128)


class CausalBlock(nn.Module):
    """A GPT block as nanoGPT writes it: one Linear to Q, K, V split along
    the last dimension, heads by view and transpose, scores masked with
    masked_fill(tril == 0, -inf) from a registered buffer, a GELU MLP."""

    def __init__(self, dim=128, heads=4, seq=48):
        super().__init__()
        self.heads, self.dim = heads, dim
        self.ln1 = nn.LayerNorm(dim)
        self.c_attn = nn.Linear(dim, 3 * dim)
        self.c_proj = nn.Linear(dim, dim)
        self.ln2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))
        self.register_buffer("bias", torch.tril(torch.ones(seq, seq)).view(1, 1, seq, seq))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(self.ln1(x)).split(self.dim, dim=2)
        q, k, v = (z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) * (1.0 / (k.size(-1) ** 0.5))
        att = att.masked_fill(self.bias[:, :, :t, :t] == 0, float("-inf"))
        y = (F.softmax(att, dim=-1) @ v).transpose(1, 2).contiguous().view(b, t, c)
        x = x + self.c_proj(y)
        return x + self.mlp(self.ln2(x))


def causal_block():
    return CausalBlock(), (1, 48, 128)


def roformer_einsum_block():
    return RoFormerEinsumBlock(), (1, 64, 128)


# --- GroupNorm and InstanceNorm blocks ----------------------------------------

class NormBlock(nn.Module):
    """A diffusion-U-Net style residual block (conv, GroupNorm, SiLU, twice,
    plus the skip) and a style-transfer style one (conv, InstanceNorm2d with
    affine parameters, ReLU): torch.onnx exports GroupNorm as
    InstanceNormalization of the [N, groups, -1] view, then Mul and Add."""

    def __init__(self, ch=32, groups=8):
        super().__init__()
        self.stem = nn.Conv2d(3, ch, 3, padding=1)
        self.gn1 = nn.GroupNorm(groups, ch)
        self.conv1 = nn.Conv2d(ch, ch, 3, padding=1)
        self.gn2 = nn.GroupNorm(groups, ch)
        self.conv2 = nn.Conv2d(ch, ch, 3, padding=1)
        self.conv3 = nn.Conv2d(ch, ch, 3, stride=2, padding=1)
        self.inorm = nn.InstanceNorm2d(ch, affine=True)
        with torch.no_grad():
            for norm in (self.gn1, self.gn2, self.inorm):
                norm.weight.uniform_(0.5, 1.5)
                norm.bias.normal_(0, 0.2)

    def forward(self, x):
        x = self.stem(x)
        h = self.conv1(F.silu(self.gn1(x)))
        x = x + self.conv2(F.silu(self.gn2(h)))
        return F.relu(self.inorm(self.conv3(x)))


def norm_block():
    return NormBlock(), (1, 3, 64, 64)


# --- ESPCN super-resolution -------------------------------------------------

class ESPCN(nn.Module):
    def __init__(self, scale=3, channels=1):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, 64, 5, padding=2), nn.Tanh(),
            nn.Conv2d(64, 32, 3, padding=1), nn.Tanh(),
            nn.Conv2d(32, channels * scale * scale, 3, padding=1),
            nn.PixelShuffle(scale))

    def forward(self, x):
        return torch.sigmoid(self.body(x))


def espcn():
    return ESPCN(), (1, 1, 64, 64)


# --- a U-Net-style decoder --------------------------------------------------

class Up(nn.Module):
    def __init__(self, cin, cskip, cout, transpose):
        super().__init__()
        if transpose:
            self.up = nn.ConvTranspose2d(cin, cin // 2, 2, stride=2)
            cup = cin // 2
        else:
            self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
            cup = cin
        self.conv = nn.Sequential(ConvBN(cup + cskip, cout, 3, padding=1), ConvBN(cout, cout, 3, padding=1))

    def forward(self, x, skip):
        return self.conv(torch.cat([skip, self.up(x)], 1))


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.e1 = nn.Sequential(ConvBN(3, 16, 3, padding=1), ConvBN(16, 16, 3, padding=1))
        self.e2 = nn.Sequential(nn.MaxPool2d(2), ConvBN(16, 32, 3, padding=1))
        self.e3 = nn.Sequential(nn.MaxPool2d(2), ConvBN(32, 64, 3, padding=1))
        self.e4 = nn.Sequential(nn.MaxPool2d(2), ConvBN(64, 96, 3, padding=1))
        self.d3 = Up(96, 64, 64, transpose=True)
        self.d2 = Up(64, 32, 32, transpose=False)
        self.d1 = Up(32, 16, 16, transpose=True)
        self.head = nn.Conv2d(16, 2, 1)

    def forward(self, x):
        s1 = self.e1(x)
        s2 = self.e2(s1)
        s3 = self.e3(s2)
        y = self.e4(s3)
        y = self.d3(y, s3)
        y = self.d2(y, s2)
        y = self.d1(y, s1)
        return self.head(y)


def unet_decoder():
    return UNet(), (1, 3, 64, 64)


# --- a ThunderNet-style detector head ---------------------------------------

def channel_shuffle(x, groups):
    b, c, h, w = x.shape
    x = x.view(b, groups, c // groups, h, w).transpose(1, 2).contiguous()
    return x.view(b, c, h, w)


class SNetUnit(nn.Module):
    """A ShuffleNetV2 unit with a 5x5 depthwise convolution (ThunderNet's SNet)."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        mid = cout // 2
        if stride == 2:
            self.branch1 = nn.Sequential(ConvBN(cin, cin, 5, stride, 2, groups=cin, act=False),
                                         ConvBN(cin, mid, 1))
            bin_ = cin
        else:
            bin_ = cin // 2
        self.branch2 = nn.Sequential(ConvBN(bin_, mid, 1),
                                     ConvBN(mid, mid, 5, stride, 2, groups=mid, act=False),
                                     ConvBN(mid, mid, 1))

    def forward(self, x):
        if self.stride == 1:
            x1, x2 = x.chunk(2, dim=1)
            out = torch.cat((x1, self.branch2(x2)), 1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), 1)
        return channel_shuffle(out, 2)


def _stage(cin, cout, repeats):
    return nn.Sequential(SNetUnit(cin, cout, 2), *[SNetUnit(cout, cout, 1) for _ in range(repeats - 1)])


class ThunderNetHead(nn.Module):
    """SNet backbone (scaled-down SNet49 channel widths), context enhancement
    module (CEM) and spatial attention module (SAM), then an RPN objectness/box
    head and per-location classification scores on the attended features."""

    def __init__(self, anchors=5, classes=8):
        super().__init__()
        self.conv1 = ConvBN(3, 24, 3, 2, 1)
        self.pool = nn.MaxPool2d(3, 2, 1)
        self.stage2 = _stage(24, 60, 2)
        self.stage3 = _stage(60, 120, 2)
        self.stage4 = _stage(120, 240, 2)
        self.conv5 = ConvBN(240, 256, 1)
        cem = 120
        self.cem_c4 = nn.Conv2d(120, cem, 1)
        self.cem_c5 = nn.Conv2d(256, cem, 1)
        self.cem_glb = nn.Conv2d(256, cem, 1)
        self.rpn = nn.Sequential(nn.Conv2d(cem, cem, 5, padding=2, groups=cem), nn.BatchNorm2d(cem),
                                 nn.Conv2d(cem, 128, 1), nn.BatchNorm2d(128), nn.ReLU(inplace=True))
        self.sam = nn.Sequential(nn.Conv2d(128, cem, 1), nn.BatchNorm2d(cem))
        self.rpn_cls = nn.Conv2d(128, anchors, 1)
        self.rpn_box = nn.Conv2d(128, anchors * 4, 1)
        self.cls = nn.Conv2d(cem, classes, 1)

    def forward(self, x):
        x = self.pool(self.conv1(x))
        c4 = self.stage3(self.stage2(x))
        c5 = self.conv5(self.stage4(c4))
        glb = F.adaptive_avg_pool2d(c5, 1)
        cem = (self.cem_c4(c4) + F.interpolate(self.cem_c5(c5), scale_factor=2, mode="nearest")
               + self.cem_glb(glb))
        rpn = self.rpn(cem)
        sam = cem * torch.sigmoid(self.sam(rpn))
        return torch.sigmoid(self.rpn_cls(rpn)), self.rpn_box(rpn), self.cls(sam)


def thundernet_head():
    return ThunderNetHead(), (1, 3, 320, 320)


MODELS = {
    "shufflenet_v2_x1_0": _tv("shufflenet_v2_x1_0", 224),
    "mobilenet_v2": _tv("mobilenet_v2", 224),
    "mobilenet_v3_small": _tv("mobilenet_v3_small", 224),
    "efficientnet_b0": _tv("efficientnet_b0", 224),
    "resnet50": _tv("resnet50", 224),
    "regnet_x_400mf": _tv("regnet_x_400mf", 224),
    "densenet121": _tv("densenet121", 224),
    "inception_block": inception_block,
    "roformer_block": roformer_block,
    "roformer_einsum_block": roformer_einsum_block,
    "mha_block": mha_block,
    "causal_block": causal_block,
    "espcn": espcn,
    "norm_block": norm_block,
    "unet_decoder": unet_decoder,
    "thundernet_head": thundernet_head,
}
