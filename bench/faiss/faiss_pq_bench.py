#!/usr/bin/python3
"""FAISS IndexPQ / IndexFlatL2 timings on the data of the workbench's PQ benchmarks.

Reads the raw little-endian float32 files the C# benchmark writes (PqBenchData) so both sides
search the same vectors:
    <dir>/base-100000x64.f32      database, 100,000 x 64
    <dir>/queries-1000x64.f32     queries, 1,000 x 64
Times index.search(queries, 100) for IndexPQ (ADC, squared L2) with M in {4, 8, 16} and
K in {16, 256}, and IndexFlatL2 exact search, using the same thread count as the C# run.

Usage (Debian's FAISS: apt-get install -y python3-faiss):
    /usr/bin/python3 bench/faiss/faiss_pq_bench.py [--data artifacts/bench/retrieval] [--threads 2]
    /usr/bin/python3 bench/faiss/faiss_pq_bench.py --from-exports --threads 1
    /usr/bin/python3 bench/faiss/faiss_pq_bench.py --check-export artifacts/bench/retrieval/index-m8-k256.faiss
"""
import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np
import faiss


def load(path, rows, cols):
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: run the C# benchmark first "
                 "(dotnet run -c Release --project bench/Workbench.Bench -- --filter '*PqAdcSearch*'), "
                 "it writes the data files.")
    data = np.fromfile(path, dtype="<f4")
    if data.size != rows * cols:
        sys.exit(f"{path}: expected {rows * cols} floats, found {data.size}")
    return data.reshape(rows, cols)


def timed(fn, repeats):
    """Median wall seconds and best (smallest) CPU seconds, summed over threads, of fn()."""
    fn()  # warm-up
    wall, cpu = [], []
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), min(cpu)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="artifacts/bench/retrieval")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--k", type=int, default=100)
    ap.add_argument("--M", type=int, nargs="*", default=[4, 8, 16])
    ap.add_argument("--K", type=int, nargs="*", default=[16, 256])
    ap.add_argument("--check-export", help="read a FAISS file written by PqIndex.ExportFaiss and print its top-10 for 3 queries")
    ap.add_argument("--from-exports", action="store_true",
                    help="time FAISS on the workbench's own indexes (index-m{M}-k{K}.faiss written by PqIndex.ExportFaiss) "
                         "instead of training FAISS's PQ: same codebooks, same codes")
    ap.add_argument("--ours", help="with --check-export: int32 [1000, k] ids of the workbench's search on the same index, compared with FAISS's")
    args = ap.parse_args()
    faiss.omp_set_num_threads(args.threads)

    xb = load(os.path.join(args.data, "base-100000x64.f32"), 100_000, 64)
    xq = load(os.path.join(args.data, "queries-1000x64.f32"), 1_000, 64)

    if args.check_export:
        index = faiss.read_index(args.check_export)
        d, i = index.search(xq[:3], 10)
        print(f"{type(index).__name__} d={index.d} ntotal={index.ntotal} M={index.pq.M} nbits={index.pq.nbits}")
        for row in range(3):
            print("ids", " ".join(str(v) for v in i[row]))
            print("dist", " ".join(f"{v:.6g}" for v in d[row]))
        if args.ours:
            ours = np.fromfile(args.ours, dtype="<i4").reshape(len(xq), -1)
            dist, ids = index.search(xq, ours.shape[1])
            same_rank = (ids == ours).mean()
            same_set = np.mean([len(set(a) & set(b)) / len(a) for a, b in zip(ids, ours)])
            # Where the ranks differ, is it a tie? Compare FAISS's distance at that rank with the
            # distance FAISS gives our id (found in its own list).
            ties, other = 0, 0
            for q, r in zip(*np.nonzero(ids != ours)):
                where = np.nonzero(ids[q] == ours[q, r])[0]
                if len(where) and np.isclose(dist[q, where[0]], dist[q, r], rtol=1e-6):
                    ties += 1
                else:
                    other += 1
            print(f"top-{ours.shape[1]} of {len(xq)} queries: identical id at the same rank {same_rank:.4%}, "
                  f"same id set {same_set:.4%}; rank differences between tied distances {ties}, other {other}")
        return

    print(f"faiss {faiss.__version__}, numpy {np.__version__}, python {platform.python_version()}, "
          f"threads {args.threads}, {platform.processor() or platform.machine()}")
    print("| index | M | K | train s | add s | search median s (1000 q) | queries/s | queries per CPU-second (best) |")
    print("|---|---|---|---|---|---|---|---|")
    for m in args.M:
        for kw in args.K:
            nbits = int(np.log2(kw))
            if args.from_exports:
                index = faiss.read_index(os.path.join(args.data, f"index-m{m}-k{kw}.faiss"))
                t_train = t_add = float("nan")
            else:
                index = faiss.IndexPQ(64, m, nbits)
                t0 = time.perf_counter()
                index.train(xb)
                t_train = time.perf_counter() - t0
                t0 = time.perf_counter()
                index.add(xb)
                t_add = time.perf_counter() - t0
            med, cpu = timed(lambda: index.search(xq, args.k), args.repeats)
            print(f"| IndexPQ | {m} | {kw} | {t_train:.2f} | {t_add:.2f} | {med:.4f} | {1000 / med:,.0f} | {1000 / cpu:,.0f} |", flush=True)
    flat = faiss.IndexFlatL2(64)
    flat.add(xb)
    med, cpu = timed(lambda: flat.search(xq, args.k), args.repeats)
    print(f"| IndexFlatL2 | - | - | - | - | {med:.4f} | {1000 / med:,.0f} | {1000 / cpu:,.0f} |")


if __name__ == "__main__":
    main()
