"""numpy side of the Presso model bench: a float32 teacher-forced LLaMA forward pass.

Usage: python3 numpy_llama_forward.py MODEL_DIR TOKENS_I32 ROWS COLUMNS REPS

Loads MODEL_DIR/config.json and MODEL_DIR/model.safetensors (F32 tensors, Hugging Face names),
reads ROWS x COLUMNS little-endian int32 token ids from TOKENS_I32, and runs the whole batch through
the model in one batched forward pass (embedding, RMSNorm, grouped-query attention with rotate-half
RoPE and a causal mask, SiLU-gated MLP, final norm, output head), then the log-softmax and the
negative log-likelihood of every next token. Prints "info KEY VALUE" lines, "nll VALUE" (mean nats
per predicted token, to check that both sides computed the same function) and
"time forward SECONDS": the median wall time over REPS passes after one warm-up pass.
"""
import json
import struct
import sys
import time

import numpy as np


def read_safetensors(path):
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise SystemExit(f"{path}: {name} is {entry['dtype']}; this script reads F32 only")
        start, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[start:end], dtype="<f4").reshape(entry["shape"]).copy()
    return tensors


class Llama:
    def __init__(self, directory):
        config = json.load(open(f"{directory}/config.json"))
        self.w = read_safetensors(f"{directory}/model.safetensors")
        if "lm_head.weight" not in self.w:
            self.w["lm_head.weight"] = self.w["model.embed_tokens.weight"]
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.kv_heads = config.get("num_key_value_heads", self.heads)
        self.head_dim = config.get("head_dim", config["hidden_size"] // self.heads)
        self.eps = np.float32(config["rms_norm_eps"])
        exponents = np.arange(0, self.head_dim, 2).astype(np.float32) / self.head_dim
        self.inv_freq = (1.0 / (np.float32(config.get("rope_theta", 10000.0)) ** exponents)).astype(np.float32)

    def norm(self, x, weight):
        return weight * (x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + self.eps))

    def rotate(self, x, cos, sin):
        half = x.shape[-1] // 2
        turned = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
        return x * cos + turned * sin

    def logits(self, ids):
        batch, length = ids.shape
        h, kv, d = self.heads, self.kv_heads, self.head_dim
        angles = np.outer(np.arange(length, dtype=np.float32), self.inv_freq)
        angles = np.concatenate([angles, angles], axis=-1)
        cos, sin = np.cos(angles), np.sin(angles)
        mask = np.triu(np.full((length, length), -np.inf, dtype=np.float32), k=1)
        scale = np.float32(1.0 / np.sqrt(d))
        x = self.w["model.embed_tokens.weight"][ids]
        for i in range(self.layers):
            p = f"model.layers.{i}."
            y = self.norm(x, self.w[p + "input_layernorm.weight"])
            q = (y @ self.w[p + "self_attn.q_proj.weight"].T).reshape(batch, length, h, d).transpose(0, 2, 1, 3)
            k = (y @ self.w[p + "self_attn.k_proj.weight"].T).reshape(batch, length, kv, d).transpose(0, 2, 1, 3)
            v = (y @ self.w[p + "self_attn.v_proj.weight"].T).reshape(batch, length, kv, d).transpose(0, 2, 1, 3)
            q = self.rotate(q, cos, sin)
            k = np.repeat(self.rotate(k, cos, sin), h // kv, axis=1)
            v = np.repeat(v, h // kv, axis=1)
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + mask
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, h * d)
            x = x + context @ self.w[p + "self_attn.o_proj.weight"].T
            y = self.norm(x, self.w[p + "post_attention_layernorm.weight"])
            gate = y @ self.w[p + "mlp.gate_proj.weight"].T
            up = y @ self.w[p + "mlp.up_proj.weight"].T
            x = x + ((gate / (1 + np.exp(-gate))) * up) @ self.w[p + "mlp.down_proj.weight"].T
        return self.norm(x, self.w["model.norm.weight"]) @ self.w["lm_head.weight"].T

    def mean_nll(self, ids):
        logits = self.logits(ids)[:, :-1]
        shifted = logits - logits.max(axis=-1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        picked = np.take_along_axis(log_probs, ids[:, 1:, None], axis=-1)
        return -float(picked.astype(np.float64).mean())


def main():
    directory, tokens, rows, columns, reps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    ids = np.fromfile(tokens, dtype="<i4", count=rows * columns).reshape(rows, columns).astype(np.int64)
    model = Llama(directory)
    print("info numpy", np.__version__)
    print("nll", repr(model.mean_nll(ids)))
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        model.mean_nll(ids)
        times.append(time.perf_counter() - start)
    times.sort()
    print("time forward", repr(times[len(times) // 2]))


if __name__ == "__main__":
    main()
