"""The line protocol of the side-by-side anchors (anchor.py for FAISS, training_anchor.py for PyTorch).

The C# runner (bench/Workbench.Bench/SideBySide) writes one command per line on stdin and reads one
JSON line back: `info`, `prepare <work> <threads>`, `run <work> <threads>`, `quit`. An exception is
answered as {"error": "..."} so the runner can report it.
"""
import json
import sys


def serve(info, prepare, run, set_threads):
    """Answers commands until `quit` or end of input: `info()` and `run(work, threads)` return the reply dict
    ("ms", "check", optionally "cpu_ms" and "setting"), `prepare(work, threads)` builds the work."""
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        try:
            if parts[0] == "quit":
                break
            if parts[0] == "info":
                reply = info()
            else:
                work, threads = parts[1], int(parts[2])
                set_threads(threads)
                if parts[0] == "prepare":
                    prepare(work, threads)
                    reply = {"ok": True}
                else:
                    reply = run(work, threads)
        except Exception as e:  # noqa: BLE001 - reported to the runner
            reply = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(reply), flush=True)
