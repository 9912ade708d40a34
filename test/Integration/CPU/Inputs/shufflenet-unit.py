"""numpy reference of test/Integration/CPU/shufflenet-unit.mlir: torchvision's
ShuffleNetV2 InvertedResidual with stride 1, in inference mode."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-5


def make_inputs(rng, infos):
    shapes = {info.name: info.shape for info in infos}
    inputs = {name: rng.standard_normal(shape).astype(np.float32) for name, shape in shapes.items()}
    # Batch-norm statistics far from the identity, so that a folding or
    # broadcasting mistake shows.
    inputs["bn_var"] = rng.uniform(0.5, 2.0, shapes["bn_var"]).astype(np.float32)
    inputs["bn_mean"] = (inputs["bn_mean"] * 0.5).astype(np.float32)
    return inputs


def conv2d(x, w, groups=1, pad=0):
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((n, f, h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1))
    fg = f // groups
    for g in range(groups):
        xs = xp[:, g * cg:(g + 1) * cg]
        for i in range(kh):
            for j in range(kw):
                patch = xs[:, :, i:i + out.shape[2], j:j + out.shape[3]]
                out[:, g * fg:(g + 1) * fg] += np.einsum("nchw,fc->nfhw", patch, w[g * fg:(g + 1) * fg, :, i, j])
    return out


def batch_norm(x, scale, bias, mean, var, eps=1e-5):
    s = lambda a: a[None, :, None, None]
    return (x - s(mean)) / np.sqrt(s(var) + eps) * s(scale) + s(bias)


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    return x.reshape(n, groups, c // groups, h, w).transpose(0, 2, 1, 3, 4).reshape(n, c, h, w)


def reference(x, w1, w2, w3, bn_scale, bn_bias, bn_mean, bn_var):
    x, w1, w2, w3 = (a.astype(np.float64) for a in (x, w1, w2, w3))
    bn = lambda t, i: batch_norm(t, bn_scale[i], bn_bias[i], bn_mean[i], bn_var[i])
    x1, x2 = x[:, :12], x[:, 12:]
    y = np.maximum(bn(conv2d(x2, w1), 0), 0)
    y = bn(conv2d(y, w2, groups=12, pad=1), 1)
    y = np.maximum(bn(conv2d(y, w3), 2), 0)
    return channel_shuffle(np.concatenate([x1, y], axis=1), 2)
