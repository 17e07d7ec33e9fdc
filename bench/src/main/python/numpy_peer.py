#!/usr/bin/env python3
"""NumPy peer for the descent JMH suite.

Times, at the sizes the suite uses:
  update  textbook  the momentum step as courses write it, new arrays each step:
                      v = b*v + (1-b)*g; theta = theta - lr*v
          inplace   the same step with every operation writing into existing arrays
  gradient          X.T @ (X @ w - y) / m (least squares) and
                    X.T @ (1/(1+exp(-X @ w)) - y) / m (logistic), on all rows of X or on a
                    mini-batch of 256 rows gathered with X[idx] (NumPy copies the rows).

Writes a JSON list in the shape of JMH's JSON output (benchmark, mode, params, primaryMetric
with score, scoreUnit us/op and rawData), so one post-processor reads both. The error bars are
computed by that post-processor from rawData with JMH's own statistics.

Run by io.descent.bench.Suite; standalone:
  python3 numpy_peer.py --out numpy.json --sizes 10,16,20,24 --precisions F32,F64
"""

import argparse
import json
import platform
import sys
import time

import numpy as np

LR = 1e-4       # the learning rate of descent's EMA benchmark (UpdateKernel.LR * 10)
BETA = 0.9      # UpdateKernel.MU
SEED = 0x5EEDDE5C
SHAPES = {"tall": (1 << 20, 64), "square": (4096, 4096), "wide": (1 << 12, 1 << 14)}
MINI_BATCH = 256


def measure(step, warmups, iterations, seconds):
    """Calls step() repeatedly; returns the mean microseconds per call of each iteration."""
    for _ in range(warmups):
        run_for(step, seconds)
    return [run_for(step, seconds) for _ in range(iterations)]


def run_for(step, seconds):
    calls = 0
    start = time.perf_counter()
    while True:
        step()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return elapsed / calls * 1e6


def result(name, params, samples):
    return {
        "benchmark": "numpy." + name,
        "mode": "avgt",
        "threads": 1,
        "forks": 1,
        "params": params,
        "primaryMetric": {
            "score": sum(samples) / len(samples),
            "scoreUnit": "us/op",
            "rawData": [samples],
        },
    }


def update_cases(sizes, precisions, timing, log):
    out = []
    rng = np.random.default_rng(SEED)
    for prec in precisions:
        dtype = np.float32 if prec == "F32" else np.float64
        for log2 in sizes:
            n = 1 << log2
            state = {
                "theta": rng.uniform(-1, 1, n).astype(dtype),
                "g": rng.uniform(-1, 1, n).astype(dtype),
                "v": np.zeros(n, dtype=dtype),
                "tmp": np.empty(n, dtype=dtype),
            }

            def textbook(s=state):
                s["v"] = BETA * s["v"] + (1 - BETA) * s["g"]
                s["theta"] = s["theta"] - LR * s["v"]

            def inplace(s=state):
                v, tmp = s["v"], s["tmp"]
                np.multiply(v, BETA, out=v)
                np.multiply(s["g"], 1 - BETA, out=tmp)
                np.add(v, tmp, out=v)
                np.multiply(v, LR, out=tmp)
                np.subtract(s["theta"], tmp, out=s["theta"])

            for kernel, step in (("textbook", textbook), ("inplace", inplace)):
                log("numpy update %s %s 2^%d" % (kernel, prec, log2))
                samples = measure(step, *timing)
                params = {"precision": prec, "log2Size": str(log2), "kernel": kernel}
                out.append(result("update", params, samples))
            if not np.all(np.isfinite(state["theta"])):
                raise RuntimeError("non-finite parameters after the update benchmark")
            del state
    return out


def gradient_cases(shapes, losses, batches, timing, log):
    out = []
    rng = np.random.default_rng(SEED + 1)
    for shape in shapes:
        m, n = SHAPES[shape]
        x = rng.uniform(-1, 1, (m, n)).astype(np.float32)
        y = rng.uniform(0, 1, m).astype(np.float32)
        w = rng.uniform(-0.01, 0.01, n).astype(np.float32)
        idx = rng.permutation(m)[:MINI_BATCH]
        sink = []

        def least_squares(xs, ys):
            return xs.T @ (xs @ w - ys) / xs.shape[0]

        def logistic(xs, ys):
            return xs.T @ (1.0 / (1.0 + np.exp(-(xs @ w))) - ys) / xs.shape[0]

        for loss, fn in (("least-squares", least_squares), ("logistic", logistic)):
            if loss not in losses:
                continue
            for batch in batches:
                if batch == "full":
                    def step(fn=fn):
                        sink.append(fn(x, y))
                        sink.pop()
                else:
                    def step(fn=fn):
                        sink.append(fn(x[idx], y[idx]))
                        sink.pop()
                log("numpy gradient %s %s %s" % (loss, shape, batch))
                samples = measure(step, *timing)
                params = {"loss": loss, "shape": shape, "batch": batch}
                out.append(result("gradient", params, samples))
        del x
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="JSON file to write")
    parser.add_argument("--sizes", default="10,16,20,24", help="log2 sizes, comma-separated")
    parser.add_argument("--precisions", default="F32,F64")
    parser.add_argument("--shapes", default="tall,square,wide", help="empty for no gradients")
    parser.add_argument("--losses", default="least-squares,logistic")
    parser.add_argument("--batches", default="full,%d" % MINI_BATCH)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.0, help="per iteration")
    args = parser.parse_args()

    def log(text):
        print("# " + text, file=sys.stderr, flush=True)

    timing = (args.warmups, args.iterations, args.seconds)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    precisions = [p.strip().upper() for p in args.precisions.split(",") if p]
    shapes = [s for s in args.shapes.split(",") if s]
    log("numpy %s, python %s" % (np.__version__, platform.python_version()))

    losses = args.losses.split(",")
    batches = args.batches.split(",")
    for b in batches:
        if b not in ("full", str(MINI_BATCH)):
            parser.error("batches must be full or %d: %s" % (MINI_BATCH, b))
    results = update_cases(sizes, precisions, timing, log)
    results += gradient_cases(shapes, losses, batches, timing, log)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
