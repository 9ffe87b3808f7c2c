#!/usr/bin/python3
"""The anchor side of the side-by-side benchmark (bench/Workbench.Bench/SideBySide).

Started once by `dotnet run -c Release --project bench/Workbench.Bench -- side-by-side`; reads one
command per line on stdin and answers one JSON line on stdout, so the C# runner can alternate the
two sides repetition by repetition (load on the shared machine hits both). Commands:

    info                          -> versions, FAISS build (compile options, SIMD level loaded)
    prepare <work> <threads>      -> builds the work's index/model once (not timed)
    run <work> <threads>          -> {"ms": wall milliseconds of one run, "check": a result digest}
    quit

Works (data files are written by the C# side into artifacts/bench/retrieval/):
    flat-l2          IndexFlatL2, 100,000 x 64 database, 1,000 queries, k = 100
    eval-cosine      IndexFlatIP on L2-normalised 10k x 60k embeddings, top-1000, then mAP@1000 (numpy)
    pq-fastscan-m8 / pq-fastscan-m16 (and -avx2, the same anchor for our AVX2 kernel)
                     IndexPQFastScan built from our exported IndexPQ, k = 100, with its block size
                     (bbs) and query batch (qbs) tuned to the fastest at prepare time (reported as
                     "setting"); check = recall of the exported IndexPQ's exact ADC top-100
    pq-m{M}-k{K}     (pq-m8-k256, pq-m16-k256) IndexPQ read from our export, k = 100

FAISS: set WORKBENCH_FAISS_PYTHONPATH to a FAISS build's python package folder (and
FAISS_OPT_LEVEL=AVX2 for an AVX2 build); without it Debian's python3-faiss is used. The build used is
reported by `info` and written next to every number.
"""
import os
import sys
import time

import numpy as np

extra = os.environ.get("WORKBENCH_FAISS_PYTHONPATH")
if extra:
    sys.path.insert(0, extra)
import faiss  # noqa: E402

from line_protocol import serve  # noqa: E402

DATA = os.environ.get("WORKBENCH_BENCH_DATA", "artifacts/bench/retrieval")


def load(name, dtype, shape):
    data = np.fromfile(os.path.join(DATA, name), dtype=dtype)
    return data.reshape(shape)


def average_precision_at(ids, q_labels, db_labels, k):
    """SPQ's Evaluate_mAP: AP@K = (1/R) sum_j j / r_j over the relevant ranks r_j in the top K."""
    rel = (db_labels[ids[:, :k]] == q_labels[:, None]).astype(np.float64)
    hits = np.cumsum(rel, axis=1)
    ranks = np.arange(1, k + 1, dtype=np.float64)
    r = rel.sum(axis=1)
    ap = (hits / ranks * rel).sum(axis=1)
    return float(np.where(r > 0, ap / np.maximum(r, 1), 0.0).mean())


class Works:
    def __init__(self):
        self.state = {}

    def prepare(self, work, threads):
        key = (work, threads)
        if key in self.state:
            return
        if work == "flat-l2":
            xb = load("base-100000x64.f32", "<f4", (100_000, 64))
            xq = load("queries-1000x64.f32", "<f4", (1_000, 64))
            index = faiss.IndexFlatL2(64)
            index.add(xb)
            self.state[key] = (index, xq, 100)
        elif work == "eval-cosine":
            xq = load("map-queries-10000x64.f32", "<f4", (10_000, 64)).copy()
            xb = load("map-database-60000x64.f32", "<f4", (60_000, 64)).copy()
            ql = load("map-query-labels.i32", "<i4", (10_000,))
            dl = load("map-database-labels.i32", "<i4", (60_000,))
            self.state[key] = (xq, xb, ql, dl)
        elif work.startswith("pq-"):
            # pq-fastscan-m{M}[-avx2] (K = 16) or pq-m{M}-k{K}: the exported IndexPQ (our codes) is the exact ADC reference.
            fast = work.startswith("pq-fastscan-")
            m = int(work.split("-m")[1].split("-")[0])
            k = 16 if fast else int(work.split("-k")[1])
            pq = faiss.read_index(os.path.join(DATA, f"index-m{m}-k{k}.faiss"))
            xq = load("queries-1000x64.f32", "<f4", (1_000, 64))
            _, exact = pq.search(xq, 100)
            index = tune_fast_scan(pq, xq, 100) if fast else pq
            self.state[key] = (index, xq, 100, exact)
        else:
            raise ValueError(f"unknown work {work}")

    def setting(self, work, threads):
        """The tuned fast-scan setting of a prepared work (empty for the others)."""
        index = self.state.get((work, threads), (None,))[0]
        if isinstance(index, faiss.IndexPQFastScan):
            return f"bbs {index.bbs}, qbs {index.qbs:#x}"
        return ""

    def run(self, work, threads):
        self.prepare(work, threads)
        if work == "eval-cosine":
            xq, xb, ql, dl = self.state[(work, threads)]
            t0 = time.perf_counter()
            q = xq.copy()
            b = xb.copy()
            faiss.normalize_L2(q)
            faiss.normalize_L2(b)
            index = faiss.IndexFlatIP(64)
            index.add(b)
            _, ids = index.search(q, 1000)
            value = average_precision_at(ids, ql, dl, 1000)
            return (time.perf_counter() - t0) * 1000, f"{value:.6f}"
        index, xq, k, *exact = self.state[(work, threads)]
        t0 = time.perf_counter()
        _, ids = index.search(xq, k)
        ms = (time.perf_counter() - t0) * 1000
        if exact:
            recall = np.mean([len(np.intersect1d(a, b)) / k for a, b in zip(ids, exact[0])])
            return ms, f"recall {recall:.4f}"
        return ms, str(int(ids[:, :10].astype(np.int64).sum()))


def tune_fast_scan(pq, xq, k):
    """IndexPQFastScan from pq's codes with the block size (bbs) and query batching (qbs) that
    search these queries fastest at the current thread count (best of two runs per setting,
    untimed). qbs 0 is FAISS's default; nibbles give the queries per sub-batch (implem 12 for bbs
    32, at most 4 queries per batch for larger blocks)."""
    settings = [(32, q) for q in (0, 0x1, 0x2, 0x3, 0x4, 0x33, 0x333, 0x3333, 0x4444)]
    settings += [(bbs, q) for bbs in (64, 96, 128) for q in (0, 1, 2, 4)]
    best, best_ms = None, float("inf")
    built = {}
    for bbs, qbs in settings:
        index = built.get(bbs) or built.setdefault(bbs, faiss.IndexPQFastScan(pq, bbs))
        index.qbs = qbs
        try:
            ms = []
            for _ in range(2):
                t0 = time.perf_counter()
                index.search(xq, k)
                ms.append((time.perf_counter() - t0) * 1000)
        except RuntimeError:
            continue
        if min(ms) < best_ms:
            best, best_ms = (bbs, qbs), min(ms)
    index = built[best[0]]
    index.qbs = best[1]
    return index


def info():
    level = None
    try:
        level = faiss.loader.__dict__.get("instruction_sets") and sorted(faiss.loader.supported_instruction_sets())
    except Exception:  # noqa: BLE001 - best effort description
        pass
    options = faiss.get_compile_options() if hasattr(faiss, "get_compile_options") else "unknown"
    module = getattr(faiss, "swigfaiss_avx2", None) and "swigfaiss_avx2"
    return {
        "faiss": faiss.__version__,
        "faiss_path": os.path.dirname(faiss.__file__),
        "compile_options": options,
        "module": module or "swigfaiss",
        "cpu_levels": level,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
    }


def main():
    works = Works()
    serve(info, lambda work, threads: works.prepare(work, threads),
          lambda work, threads: {**dict(zip(("ms", "check"), works.run(work, threads))), "setting": works.setting(work, threads)},
          faiss.omp_set_num_threads)


if __name__ == "__main__":
    main()
