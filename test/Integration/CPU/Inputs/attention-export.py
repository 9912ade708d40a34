#!/usr/bin/python3
"""Writes the model part of the decomposed-attention integration tests from an
actual torch.onnx.export of a small PyTorch block.

usage: /usr/bin/python3 attention-export.py MODEL > model.mlir
  MODEL = roformer              (roformer-decomposed.mlir)
        | roformer-interleaved  (roformer-decomposed-interleaved.mlir)
        | llama                 (llama-decomposed.mlir)

roformer: pre-norm, 2 heads of 32 features, 16 tokens, rotary embedding with
rotate_half (or RoFormer's interleaved stack) on constant cos/sin buffers.
llama: 4 query heads and 2 key/value heads of 16 features, 8 tokens, a
rotary cache of 64 positions (theta 500000) indexed by arange positions,
repeat_kv, a causal -inf mask and softmax in float32.

The block is exported with opset 17 and the ONNX graph is written out op by
op as kiln ops, the way the ONNX importer maps them after it has folded
constant subgraphs (Shape, ConstantOfShape, Equal, Where, Trilu of
constants) into constants and attributes: the rotary embedding stays slices,
negations, concats, gathers and multiplications, and attention stays
matmul / div / add / softmax / matmul. The projection and layer-norm weights
become function arguments (so that the numpy reference can use random
weights); the other initializers stay constants, as dense_resource blobs.
Requires torch and onnx (Debian's python3).
"""
import io
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import onnx.shape_inference
import torch

B, S, HEADS, DIM = 1, 16, 2, 32
WIDTH = HEADS * DIM
# The LLaMA-style block.
L_S, L_HQ, L_HKV, L_DIM, L_CACHE = 8, 4, 2, 16, 64
L_WIDTH = L_HQ * L_DIM


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def rotate_interleaved(x):
    return torch.stack([-x[..., 1::2], x[..., ::2]], dim=-1).reshape_as(x)


class RoFormerBlock(torch.nn.Module):
    def __init__(self, interleaved):
        super().__init__()
        self.ln = torch.nn.LayerNorm(WIDTH)
        self.q = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.k = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.v = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.o = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.interleaved = interleaved
        inv_freq = 1.0 / (10000 ** (torch.arange(0, DIM, 2).float() / DIM))
        freqs = torch.outer(torch.arange(S).float(), inv_freq)
        if interleaved:
            emb = torch.repeat_interleave(freqs, 2, dim=-1)
        else:
            emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos", emb.cos()[None, None])
        self.register_buffer("sin", emb.sin()[None, None])

    def rope(self, x):
        rotate = rotate_interleaved if self.interleaved else rotate_half
        return x * self.cos + rotate(x) * self.sin

    def forward(self, x):
        h = self.ln(x)
        b, s, _ = x.shape
        q = self.q(h).view(b, s, HEADS, DIM).transpose(1, 2)
        k = self.k(h).view(b, s, HEADS, DIM).transpose(1, 2)
        v = self.v(h).view(b, s, HEADS, DIM).transpose(1, 2)
        q, k = self.rope(q), self.rope(k)
        scores = torch.matmul(q, k.transpose(-1, -2)) / (DIM ** 0.5)
        a = torch.matmul(scores.softmax(dim=-1), v)
        a = a.transpose(1, 2).reshape(b, s, WIDTH)
        return x + self.o(a)


def repeat_kv(hidden, groups):
    b, heads, s, d = hidden.shape
    hidden = hidden[:, :, None, :, :].expand(b, heads, groups, s, d)
    return hidden.reshape(b, heads * groups, s, d)


class LlamaAttention(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.q = torch.nn.Linear(L_WIDTH, L_HQ * L_DIM, bias=False)
        self.k = torch.nn.Linear(L_WIDTH, L_HKV * L_DIM, bias=False)
        self.v = torch.nn.Linear(L_WIDTH, L_HKV * L_DIM, bias=False)
        self.o = torch.nn.Linear(L_HQ * L_DIM, L_WIDTH, bias=False)
        inv_freq = 1.0 / (500000 ** (torch.arange(0, L_DIM, 2).float() / L_DIM))
        freqs = torch.outer(torch.arange(L_CACHE).float(), inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos_cached", emb.cos())
        self.register_buffer("sin_cached", emb.sin())

    def forward(self, x):
        b, s, _ = x.shape
        q = self.q(x).view(b, s, L_HQ, L_DIM).transpose(1, 2)
        k = self.k(x).view(b, s, L_HKV, L_DIM).transpose(1, 2)
        v = self.v(x).view(b, s, L_HKV, L_DIM).transpose(1, 2)
        positions = torch.arange(s).unsqueeze(0)
        cos = self.cos_cached[positions].unsqueeze(1)
        sin = self.sin_cached[positions].unsqueeze(1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k, v = repeat_kv(k, L_HQ // L_HKV), repeat_kv(v, L_HQ // L_HKV)
        mask = torch.full((s, s), float("-inf")).triu(1)
        scores = torch.matmul(q, k.transpose(2, 3)) / (L_DIM ** 0.5) + mask
        p = torch.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)
        a = torch.matmul(p, v).transpose(1, 2).reshape(b, s, L_HQ * L_DIM)
        return self.o(a)


def dense_literal(array):
    """A dense<...> literal of a small constant (-inf as its bit pattern)."""
    def fmt(a):
        if np.ndim(a):
            return "[" + ", ".join(fmt(x) for x in a) + "]"
        if np.issubdtype(array.dtype, np.integer):
            return str(int(a))
        if np.isneginf(a):
            return "0xFF800000"
        return f"{float(a):.9g}" if "." in f"{float(a):.9g}" or "e" in f"{float(a):.9g}" else f"{float(a):.1f}"
    return f"dense<{fmt(array)}>"


def element_type(array):
    return "i64" if np.issubdtype(array.dtype, np.integer) else "f32"


def fold(node, inputs, attrs):
    """Evaluates a node whose inputs are all constants, as the importer folds
    constant subgraphs; returns None for the ops it does not fold."""
    op = node.op_type
    if op == "ConstantOfShape":
        value = onnx.numpy_helper.to_array(attrs["value"]) if "value" in attrs else np.zeros(1, np.float32)
        return np.full(inputs[0], value[0], dtype=value.dtype)
    if op == "Mul":
        return inputs[0] * inputs[1]
    if op == "Equal":
        return inputs[0] == inputs[1]
    if op == "Where":
        return np.where(inputs[0], inputs[1], inputs[2])
    if op == "Trilu":
        k = int(inputs[1]) if len(inputs) > 1 else 0
        return np.triu(inputs[0], k) if attrs.get("upper", 1) else np.tril(inputs[0], k)
    return None


def tensor_type(shape, element="f32"):
    return "tensor<" + "".join(f"{d}x" for d in shape) + element + ">"


def fold_shapes(model):
    """Replaces Shape nodes by constants and infers every static shape."""
    while True:
        model = onnx.shape_inference.infer_shapes(model)
        known = {}
        for info in list(model.graph.input) + list(model.graph.value_info):
            dims = info.type.tensor_type.shape.dim
            if all(d.HasField("dim_value") for d in dims):
                known[info.name] = [d.dim_value for d in dims]
        folded = False
        for i, node in enumerate(model.graph.node):
            if node.op_type == "Shape" and node.input[0] in known:
                shape = np.array(known[node.input[0]], dtype=np.int64)
                model.graph.node.remove(node)
                model.graph.node.insert(i, onnx.helper.make_node(
                    "Constant", [], [node.output[0]],
                    value=onnx.numpy_helper.from_array(shape)))
                folded = True
        if not folded:
            return model


def translate(model, module_name):
    model = fold_shapes(model)
    graph = model.graph
    shapes = {}
    for info in list(graph.input) + list(graph.value_info) + list(graph.output):
        shapes[info.name] = [d.dim_value for d in info.type.tensor_type.shape.dim]
    initializers = {i.name: onnx.numpy_helper.to_array(i) for i in graph.initializer}
    for name, array in initializers.items():
        shapes[name] = list(array.shape)

    # Function arguments: x, then the weights by the node that uses them.
    arg_names = {"x": "x"}
    if "ln.weight" in initializers:
        arg_names.update({"ln.weight": "gamma", "ln.bias": "beta"})
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in initializers:
            arg_names[node.input[1]] = "w" + node.name.split("/")[1]
    names = {}
    args = []
    for name, arg in arg_names.items():
        names[name] = "%" + arg
        args.append(f'%{arg}: {tensor_type(shapes[name])} {{kiln.name = "{arg}"}}')

    lines, blobs, constants = [], {}, {}
    counter = [0]

    def fresh(hint):
        counter[0] += 1
        return f"%{hint}{counter[0]}"

    def value(name):
        if name in names:
            return names[name]
        array = initializers[name]
        result = "%" + name
        lines.append(f"    {result} = kiln.constant dense_resource<{name}> : "
                     f"{tensor_type(array.shape)}")
        blobs[name] = "0x04000000" + array.astype("<f4").tobytes().hex().upper()
        names[name] = result
        return result

    def ints(values):
        return "array<i64: " + ", ".join(str(int(v)) for v in values) + ">"

    def attrs(node):
        return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}

    simple = {"Add": "add", "Sub": "sub", "Mul": "mul", "Div": "div"}
    for node in graph.node:
        a = attrs(node)
        out = node.output[0]
        if node.op_type == "Constant":
            constants[out] = onnx.numpy_helper.to_array(a["value"])
            continue
        if node.op_type == "Shape":
            constants[out] = np.array(shapes[node.input[0]], dtype=np.int64)
            continue
        if all(name in constants for name in node.input):
            folded = fold(node, [constants[name] for name in node.input], a)
            if folded is not None:
                constants[out] = folded
                continue
        if node.op_type == "Cast" and shapes.get(out) == shapes.get(node.input[0]) and a["to"] == 1:
            names[out] = names[node.input[0]]   # float32 to float32
            continue
        result = fresh(node.op_type.lower())
        out_type = tensor_type(shapes[out])

        def operand(i):
            name = node.input[i]
            if name in constants:
                c = constants[name]
                result_name = fresh("c")
                ctype = tensor_type(c.shape, element_type(c))
                lines.append(f"    {result_name} = kiln.constant {dense_literal(c)} : {ctype}")
                return result_name, ctype
            return value(name), tensor_type(shapes[name])

        if node.op_type in simple:
            (l, lt), (r, rt) = operand(0), operand(1)
            lines.append(f"    {result} = kiln.{simple[node.op_type]} {l}, {r} : "
                         f"({lt}, {rt}) -> {out_type}")
        elif node.op_type == "MatMul":
            (l, lt), (r, rt) = operand(0), operand(1)
            lines.append(f"    {result} = kiln.matmul {l}, {r} : ({lt}, {rt}) -> {out_type}")
        elif node.op_type == "Neg":
            x, _ = operand(0)
            lines.append(f"    {result} = kiln.neg {x} : {out_type}")
        elif node.op_type == "Softmax":
            x, _ = operand(0)
            lines.append(f"    {result} = kiln.softmax {x} {{axis = {a.get('axis', -1)} : i64}} : {out_type}")
        elif node.op_type == "LayerNormalization":
            (x, xt), (g, gt), (b, bt) = operand(0), operand(1), operand(2)
            lines.append(f"    {result} = kiln.layer_norm {x} scale {g} bias {b} "
                         f"{{epsilon = {a['epsilon']:.9g} : f64}} : ({xt}, {gt}, {bt}) -> {out_type}")
        elif node.op_type == "Reshape":
            x, xt = operand(0)
            lines.append(f"    {result} = kiln.reshape {x} {{shape = {ints(shapes[out])}}} : ({xt}) -> {out_type}")
        elif node.op_type == "Transpose":
            x, xt = operand(0)
            lines.append(f"    {result} = kiln.transpose {x} {{permutation = {ints(a['perm'])}}} : ({xt}) -> {out_type}")
        elif node.op_type == "Gather":
            (d, dt), (i, it) = operand(0), operand(1)
            lines.append(f"    {result} = kiln.gather {d}, {i} {{axis = {a.get('axis', 0)} : i64}} : ({dt}, {it}) -> {out_type}")
        elif node.op_type == "Expand":
            x, xt = operand(0)
            shapes[out] = list(np.broadcast_shapes(tuple(shapes[node.input[0]]),
                                                   tuple(constants[node.input[1]])))
            out_type = tensor_type(shapes[out])
            lines.append(f"    {result} = kiln.expand {x} {{shape = {ints(constants[node.input[1]])}}} : ({xt}) -> {out_type}")
        elif node.op_type == "Unsqueeze":
            x, xt = operand(0)
            lines.append(f"    {result} = kiln.unsqueeze {x} {{axes = {ints(constants[node.input[1]])}}} : ({xt}) -> {out_type}")
        elif node.op_type == "Concat":
            ins = [operand(i) for i in range(len(node.input))]
            lines.append(f"    {result} = kiln.concat {', '.join(v for v, _ in ins)} {{axis = {a['axis']} : i64}} : "
                         f"({', '.join(t for _, t in ins)}) -> {out_type}")
        elif node.op_type == "Slice":
            x, xt = operand(0)
            in_shape = shapes[node.input[0]]
            rank = len(in_shape)
            starts, ends, steps = [0] * rank, list(in_shape), [1] * rank
            axes = constants[node.input[3]] if len(node.input) > 3 else range(rank)
            step_values = constants[node.input[4]] if len(node.input) > 4 else [1] * len(axes)
            for axis, s, e, k in zip(axes, constants[node.input[1]], constants[node.input[2]], step_values):
                axis = int(axis) % rank
                n = in_shape[axis]
                assert k > 0, "only positive steps"
                s = min(max(int(s) + n if s < 0 else int(s), 0), n)
                e = min(max(int(e) + n if e < 0 else int(e), 0), n)
                starts[axis], ends[axis], steps[axis] = s, e, int(k)
            lines.append(f"    {result} = kiln.slice {x} {{starts = {ints(starts)}, ends = {ints(ends)}, "
                         f"steps = {ints(steps)}}} : ({xt}) -> {out_type}")
        else:
            raise SystemExit(f"unsupported ONNX op {node.op_type}")
        names[out] = result

    output = graph.output[0].name
    text = io.StringIO()
    text.write(f"module @{module_name} {{\n")
    text.write("  func.func @main(" + ",\n                  ".join(args) + ")\n")
    text.write(f'      -> ({tensor_type(shapes[output])} {{kiln.name = "y"}}) {{\n')
    text.write("\n".join(lines) + "\n")
    text.write(f"    return {names[output]} : {tensor_type(shapes[output])}\n  }}\n}}\n\n")
    text.write("{-#\n  dialect_resources: {\n    builtin: {\n")
    text.write(",\n".join(f'      {name}: "{blob}"' for name, blob in blobs.items()))
    text.write("\n    }\n  }\n#-}\n")
    return text.getvalue()


def main():
    model = sys.argv[1] if len(sys.argv) > 1 else ""
    torch.manual_seed(0)
    if model in ("roformer", "roformer-interleaved"):
        block = RoFormerBlock(interleaved=model == "roformer-interleaved").eval()
        example = torch.randn(B, S, WIDTH)
        name = "roformer_decomposed"
    elif model == "llama":
        block = LlamaAttention().eval()
        example = torch.randn(B, L_S, L_WIDTH)
        name = "llama_decomposed"
    else:
        raise SystemExit(__doc__)
    buffer = io.BytesIO()
    torch.onnx.export(block, (example,), buffer, opset_version=17,
                      input_names=["x"], output_names=["y"])
    sys.stdout.write(translate(onnx.load_from_string(buffer.getvalue()), name))


if __name__ == "__main__":
    main()
