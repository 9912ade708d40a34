"""numpy reference of test/Integration/CPU/tensor.mlir.

Every op is written from its definition in KilnTensorOps.td: slices and pads
through their index formulas, gather with negative indices normalized by
hand. The ops only move elements, so every output must match exactly.
"""
import numpy as np

RTOL = 0.0
ATOL = 0.0

# Indices of kiln.gather: input name -> (size of the gathered dimension).
GATHER_SIZES = {"g0_idx": 7, "g1_idx": 6, "g2_idx": 4, "g3_idx": 5, "g4_idx": 11}


def make_inputs(rng, infos):
    inputs = {}
    for info in infos:
        if info.name in GATHER_SIZES:
            n = GATHER_SIZES[info.name]
            idx = rng.integers(-n, n, size=info.shape)
            if idx.ndim:
                # Both ends of the valid range, [-n, n - 1], are always there.
                idx.flat[0] = -n
                idx.flat[-1] = n - 1
            else:
                idx = np.asarray(-2)
            inputs[info.name] = np.asarray(idx, dtype=info.dtype)
        elif info.dtype == np.bool_:
            inputs[info.name] = np.asarray(rng.random(info.shape) < 0.5)
        elif np.issubdtype(info.dtype, np.integer):
            info_max = min(np.iinfo(info.dtype).max, 1000)
            inputs[info.name] = np.asarray(
                rng.integers(-info_max, info_max + 1, size=info.shape), dtype=info.dtype)
        else:
            inputs[info.name] = np.asarray(rng.standard_normal(info.shape), dtype=info.dtype)
    return inputs


def slice_(x, starts, ends, steps):
    """output[j] = input[i] with i[d] = starts[d] + j[d] * steps[d]."""
    shape = [max(0, -(-(e - s) // k)) for s, e, k in zip(starts, ends, steps)]
    index = [np.asarray(s) + np.arange(n) * k for s, n, k in zip(starts, shape, steps)]
    return x[np.ix_(*index)]


def pad(x, pads, mode="constant", value=0.0):
    """Each output index along d maps to an input index (or to the value)."""
    r = x.ndim
    out_shape = [pads[d] + x.shape[d] + pads[r + d] for d in range(r)]
    sources = []
    for d in range(r):
        n = x.shape[d]
        i = np.arange(out_shape[d]) - pads[d]
        if mode == "reflect":
            # Mirror at the edge without repeating it: -1 -> 1, n -> n - 2.
            i = np.where(i < 0, -i, i)
            i = np.where(i >= n, 2 * (n - 1) - i, i)
        elif mode == "edge":
            i = np.clip(i, 0, n - 1)
        sources.append(i)
    grids = np.meshgrid(*sources, indexing="ij")
    inside = np.ones(out_shape, dtype=bool)
    for d, g in enumerate(grids):
        inside &= (g >= 0) & (g < x.shape[d])
    clipped = [np.clip(g, 0, x.shape[d] - 1) for d, g in enumerate(grids)]
    fill = np.array(value).astype(x.dtype) if np.issubdtype(x.dtype, np.floating) \
        else np.array(int(value), dtype=x.dtype)
    return np.where(inside, x[tuple(clipped)], fill)


def gather(data, indices, axis):
    axis %= data.ndim
    n = data.shape[axis]
    assert ((indices >= -n) & (indices < n)).all()
    idx = np.where(indices < 0, indices + n, indices).astype(np.int64)
    # output[a.., j.., b..] = data[a.., idx[j..], b..]
    out = np.empty(data.shape[:axis] + idx.shape + data.shape[axis + 1:], data.dtype)
    for j in np.ndindex(*idx.shape):
        src = (slice(None),) * axis + (idx[j],)
        dst = (slice(None),) * axis + j
        out[dst] = data[src]
    return out


def expand(x, shape):
    r = max(x.ndim, len(shape))
    a = (1,) * (r - x.ndim) + x.shape
    b = (1,) * (r - len(shape)) + tuple(shape)
    out = tuple(p if q == 1 else q for p, q in zip(a, b))
    assert all(p in (1, o) and q in (1, o) for p, q, o in zip(a, b, out))
    return np.broadcast_to(x.reshape(a), out)


def concat(xs, axis):
    axis %= xs[0].ndim
    total = sum(x.shape[axis] for x in xs)
    out = np.empty(xs[0].shape[:axis] + (total,) + xs[0].shape[axis + 1:], xs[0].dtype)
    o = 0
    for x in xs:
        out[(slice(None),) * axis + (slice(o, o + x.shape[axis]),)] = x
        o += x.shape[axis]
    return out


def split(x, axis, sizes):
    axis %= x.ndim
    assert sum(sizes) == x.shape[axis]
    offsets = np.cumsum([0] + list(sizes))
    return [x[(slice(None),) * axis + (slice(offsets[k], offsets[k + 1]),)]
            for k in range(len(sizes))]


def squeeze(x, axes=()):
    axes = [a % x.ndim for a in axes] or [d for d in range(x.ndim) if x.shape[d] == 1]
    assert all(x.shape[a] == 1 for a in axes)
    return x.reshape([s for d, s in enumerate(x.shape) if d not in axes])


def unsqueeze(x, axes):
    r = x.ndim + len(axes)
    axes = [a % r for a in axes]
    dims = iter(x.shape)
    return x.reshape([1 if p in axes else next(dims) for p in range(r)])


def flatten(x, axis):
    return x.reshape(int(np.prod(x.shape[:axis])), int(np.prod(x.shape[axis:])))


def reference(**v):
    out = []
    out.append(v["r_a"].reshape(2, 3, 4))  # reshape_expand
    out.append(v["r_b"].reshape(5, 6))  # reshape_nogroup
    out.append(v["r_c"].reshape(30))  # reshape_collapse_i64
    out.append(v["r_d"].reshape(()))  # reshape_to_rank0
    out.append(v["r_e"].reshape(1, 1, 1))  # reshape_from_rank0
    out.append(flatten(v["x"], 0))
    out.append(flatten(v["x"], 2))
    out.append(flatten(v["x"], 4))
    out.append(squeeze(v["sq"]))  # squeeze_all_f16
    out.append(squeeze(v["sq"], (-1, 2)))  # squeeze_neg_axes
    out.append(unsqueeze(v["us"], (0, -1)))  # unsqueeze_i8
    out.append(unsqueeze(v["us"], (1, 3)))  # unsqueeze_mid
    out.append(np.transpose(v["t"], (3, 1, 0, 2)))  # transpose_4d
    out.append(np.transpose(v["t16"], (1, 0)))  # transpose_f16
    out.append(expand(v["e1"], (2, 1, 4)))  # expand_both
    out.append(expand(v["e2"], (5, 1)))  # expand_short_shape
    out.append(expand(v["e3"], (3, 1, 1)))  # expand_i64
    out.append(expand(v["e4"], (2, 1, 4, 1)))  # expand_ones
    out.append(concat([v["c1"], v["c2"], v["c3"]], -2))  # concat3_mid
    out.append(concat([v["ci1"], v["ci2"], v["ci3"]], 0))  # concat3_axis0_i32
    out.append(concat([v["cb1"], v["cb2"]], 1))  # concat_i1_last
    empty = slice_(v["ce1"], (0, 1, 0), (2, 1, 3), (1, 1, 1))
    out.append(concat([empty, v["ce1"], empty, v["ce2"], v["ce1"]], 1))  # concat_with_empty
    out += split(v["sp1"], 1, (1, 4, 2))  # split3_mid
    out += split(v["sp2"], -1, (2, 3, 4))  # split3_neg_axis
    out += split(v["sp3"], 0, (3, 1, 2))  # split3_axis0_i64
    pieces = split(v["sp4"], 0, (2, 0, 3))  # split_with_empty (the empty piece is not returned)
    out += [pieces[0], pieces[2]]
    out.append(slice_(v["sl1"], (0, 7), (4, -1), (2, -1)))  # slice_doc
    out.append(slice_(v["sl2"], (1, 8, 0), (7, 0, 5), (3, -2, 1)))  # slice_3d_mixed
    out.append(slice_(v["sl3"], (0, 6), (4, -1), (1, -3)))  # slice_neg3
    out.append(slice_(v["sl4"], (0, 0, 0), (3, 6, 2), (1, 1, 1)))  # slice_prefix
    out.append(slice_(v["sl5"], (0, 4), (3, 0), (1, -1)))  # slice_prefix_neg_i32
    out.append(slice_(v["sl6"], (0, 3), (1, 4), (1, 1)))  # slice_size1
    out.append(slice_(v["sl6"], (4, 5), (3, -1), (-1, -2)))  # slice_size1_neg
    out.append(slice_(v["sl7"], (2, 1, 6, 0), (-1, 5, 0, 9), (-1, 2, -4, 4)))  # slice_4d_f16
    out.append(pad(v["x"], (0, 1, 2, 0, 1, 0, 1, 3), value=-2.5))  # pad_const_4d
    out.append(pad(v["x"], (1, 0, 0, 2, 0, 0, 3, 0)))  # pad_const_zero
    out.append(pad(v["x"], (0, 1, 2, 3, 1, 2, 4, 3), "reflect"))  # pad_reflect_4d
    out.append(pad(v["x"], (0, 1, 2, 3, 1, 2, 4, 3), "edge"))  # pad_edge_4d
    out.append(pad(v["p_hw"], (0, 0, 3, 5, 0, 0, 6, 2), "reflect"))  # pad_reflect_hw
    out.append(pad(v["p_big"], (2, 3, 0, 4, 0, 7), "edge"))  # pad_edge_big
    out.append(pad(v["p_i32"], (1, 2, 2, 1), value=7.0))  # pad_const_i32
    out.append(pad(v["p_f16"], (0, 1, 2, 0), value=0.1))  # pad_const_f16 (0.1 rounded to f16)
    out.append(pad(v["p_i64"], (3, 0, 2, 4), "reflect"))  # pad_reflect_i64
    out.append(gather(v["g0"], v["g0_idx"], 0))  # gather_axis0_neg
    out.append(gather(v["g1"], v["g1_idx"], 1))  # gather_axis1_i32
    out.append(gather(v["g1"], v["g2_idx"], -1))  # gather_axis_neg1_2d_idx
    out.append(gather(v["g3"], v["g3_idx"], -1))  # gather_scalar_idx_i64
    out.append(gather(v["g4"], v["g4_idx"], 0))  # gather_embed_f16
    ch1 = slice_(v["ch1"], (1, 5, 0), (4, -1, 5), (1, -2, 1))
    out.append(ch1.reshape(3, 15) + np.float32(1))  # chain_slice_reshape_add
    p = split(v["ch2"], 1, (2, 4, 3))
    out.append(concat([p[2], p[0] * p[0], p[1]], 1))  # chain_split_concat
    out.append(flatten(np.transpose(p[1], (2, 0, 1)), 1))  # chain_transpose_flatten
    reflected = pad(v["ch3"], (0, 0, 1, 2, 0, 0, 2, 1), "reflect")
    out.append(pad(reflected, (0, 1, 0, 0, 0, 0, 0, 0)))  # chain_pad_pad
    return tuple(out)
