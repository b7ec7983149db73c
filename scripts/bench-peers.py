#!/usr/bin/env python3
"""The peers of `hasten bench engine`: the same three training steps in PyTorch on the CPU.

    scripts/bench-peers.py [--threads 1 2] [--steps 20] [--shape mlp cnn transformer] [--json]

Each step is forward + backward + optimizer, with the shapes, models and optimizers of
Sources/Training/Bench/EngineBench.swift:
  mlp          MLP 784-256-256-10, batch 256, SGD momentum 0.9
  cnn          residual CNN 1x28x28, stages 16/32/64 (one basic block each), batch 128, SGD
  transformer  pre-norm decoder-only LM, vocab 90, d_model 128, 4 heads, 2 layers,
               context 128, batch 32, AdamW (attention via scaled_dot_product_attention)
When `import torch` fails, only the MLP runs, written out in numpy (forward, backward and
SGD by hand), which measures the same GEMMs through numpy's BLAS.
Thread counts are set with torch.set_num_threads or threadpoolctl (numpy) when available,
else with OPENBLAS_NUM_THREADS for the whole process (run once per count).
The median over the timed steps is reported, after warm-up steps.
"""
import argparse
import json
import os
import statistics
import sys
import time


def median_ms(step, steps, warmup):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times), 1e3 * min(times)


# MARK: - PyTorch

def torch_steps(torch):
    nn, F = torch.nn, torch.nn.functional

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(cout)
            self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(cout)
            self.shortcut = None
            if stride != 1 or cin != cout:
                self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

        def forward(self, x):
            h = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
            return F.relu(h + (x if self.shortcut is None else self.shortcut(x)))

    class ResidualCNN(nn.Module):
        def __init__(self, widths=(16, 32, 64), classes=10):
            super().__init__()
            self.stem = nn.Sequential(nn.Conv2d(1, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU())
            blocks, c = [], widths[0]
            for i, w in enumerate(widths):
                blocks.append(Block(c, w, 1 if i == 0 else 2))
                c = w
            self.blocks = nn.Sequential(*blocks)
            self.head = nn.Linear(c, classes)

        def forward(self, x):
            return self.head(self.blocks(self.stem(x)).mean(dim=(2, 3)))

    class TransformerBlock(nn.Module):
        def __init__(self, d, heads):
            super().__init__()
            self.heads = heads
            self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
            self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
            self.fc1, self.fc2 = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

        def forward(self, x):
            b, t, c = x.shape
            q, k, v = self.qkv(self.ln1(x)).split(c, dim=2)
            q, k, v = (z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v))
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
            x = x + self.proj(y.transpose(1, 2).reshape(b, t, c))
            return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))

    class Transformer(nn.Module):
        def __init__(self, vocab=90, context=128, d=128, heads=4, layers=2):
            super().__init__()
            self.tok, self.pos = nn.Embedding(vocab, d), nn.Embedding(context, d)
            self.blocks = nn.Sequential(*[TransformerBlock(d, heads) for _ in range(layers)])
            self.lnf, self.head = nn.LayerNorm(d), nn.Linear(d, vocab)

        def forward(self, ids):
            h = self.tok(ids) + self.pos(torch.arange(ids.shape[1]))
            return self.head(self.lnf(self.blocks(h)))

    def make(shape):
        torch.manual_seed(1)
        if shape in ("mlp", "cnn"):
            batch = 256 if shape == "mlp" else 128
            if shape == "mlp":
                model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
                x = torch.randn(batch, 784)
            else:
                model = ResidualCNN()
                x = torch.randn(batch, 1, 28, 28)
            y = torch.randint(0, 10, (batch,))
            opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
            loss_of = lambda: F.cross_entropy(model(x), y)
        else:
            model = Transformer()
            ids = torch.randint(0, 90, (32, 129))
            x, y = ids[:, :-1], ids[:, 1:].reshape(-1)
            opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
            loss_of = lambda: F.cross_entropy(model(x).reshape(-1, 90), y)

        def step():
            opt.zero_grad(set_to_none=True)
            loss = loss_of()
            loss.backward()
            opt.step()
            return loss.item()
        return step

    return make


# MARK: - numpy (MLP only)

def numpy_mlp_step(np):
    rng = np.random.default_rng(1)
    sizes = [784, 256, 256, 10]
    ws = [rng.uniform(-1, 1, (a, b)).astype(np.float32) / np.sqrt(a) for a, b in zip(sizes, sizes[1:])]
    bs = [np.zeros(b, np.float32) for b in sizes[1:]]
    vel = [np.zeros_like(p) for p in ws + bs]
    x = rng.standard_normal((256, 784)).astype(np.float32)
    y = rng.integers(0, 10, 256)

    def step():
        hs = [x]
        for i, (w, b) in enumerate(zip(ws, bs)):
            z = hs[-1] @ w + b
            hs.append(np.maximum(z, 0) if i < 2 else z)
        z = hs[-1]
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.log(p[np.arange(256), y]).mean()
        dz = p
        dz[np.arange(256), y] -= 1
        dz /= 256
        grads_w, grads_b = [], []
        for i in (2, 1, 0):
            grads_w.insert(0, hs[i].T @ dz)
            grads_b.insert(0, dz.sum(axis=0))
            if i > 0:
                dz = (dz @ ws[i].T) * (hs[i] > 0)
        for j, (param, grad) in enumerate(zip(ws + bs, grads_w + grads_b)):
            vel[j] = 0.9 * vel[j] + grad
            param -= 0.01 * vel[j]
        return float(loss)
    return step


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--shape", nargs="+", default=["mlp", "cnn", "transformer"], choices=["mlp", "cnn", "transformer"])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    try:
        import torch
        peer, make = f"torch {torch.__version__}", torch_steps(torch)
    except ImportError:
        torch = None
        import numpy as np
        peer, make = f"numpy {np.__version__}", (lambda shape: numpy_mlp_step(np))
        args.shape = [s for s in args.shape if s == "mlp"]
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            threadpool_limits = None

    results = []
    if not args.json:
        print(f"peer: {peer}")
        print("shape        threads  ms/step (best)")
    for shape in args.shape:
        for t in args.threads:
            if torch is not None:
                torch.set_num_threads(t)
                ms, best = median_ms(make(shape), args.steps, args.warmup)
            elif threadpool_limits is not None:
                with threadpool_limits(limits=t):
                    ms, best = median_ms(make(shape), args.steps, args.warmup)
            else:
                if os.environ.get("OPENBLAS_NUM_THREADS") != str(t):
                    print(f"skipping {t} threads: set OPENBLAS_NUM_THREADS={t} to measure it", file=sys.stderr)
                    continue
                ms, best = median_ms(make(shape), args.steps, args.warmup)
            results.append({"peer": peer, "shape": shape, "threads": t, "msPerStep": ms, "bestMsPerStep": best})
            if not args.json:
                print(f"{shape:<12} {t:7d}  {ms:7.2f} ({best:6.2f})")
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
