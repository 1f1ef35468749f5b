#!/usr/bin/env python3
"""Turn the raw measurements of run.sh into the markdown results page (printed on stdout).

Usage: report.py RAW_CSV META_TXT COMMANDS_TXT GC_LOG JSTAT_TXT RSS_TXT [FIGURES_TSV]

FIGURES_TSV: the headline figures, one per line, for bench/run-all.sh (see bench/summary.py).
"""
import csv
import os
import re
import statistics
import sys
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import summary  # noqa: E402  (bench/summary.py)

RECEIVERS = ["node", "storescp", "storescp-nodelay", "floor", "node-sync-none"]
DICOM_SENDERS = ["storescu", "storescu+nodelay"]
SENDERS = DICOM_SENDERS + ["-"]  # "-": the floor, which sends nothing
SENDER_LABELS = {"storescu": "dcmtk storescu as shipped", "storescu+nodelay": "dcmtk storescu + TCP_NODELAY shim"}
PHASES = ["main", "sync-none"]
# One G1 pause in -Xlog:gc output: "... Pause Young (Normal) (G1 Evacuation Pause) 52M->9M(256M) 3.1ms"
GC_LINE = re.compile(r"GC\(\d+\) (.*?) (\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
UNIT_MB = {"K": 1 / 1024, "M": 1, "G": 1024}


def read_meta(path):
    meta = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    return meta


def gc_events(path):
    """List of (kind, before MB, after MB, capacity MB), one per line of the GC log (None if no pause)."""
    events = []
    with open(path) as f:
        for line in f:
            m = GC_LINE.search(line)
            if m:
                kind = m.group(1)
                before = int(m.group(2)) * UNIT_MB[m.group(3)]
                after = int(m.group(4)) * UNIT_MB[m.group(5)]
                cap = int(m.group(6)) * UNIT_MB[m.group(7)]
                events.append((kind, before, after, cap))
            else:
                events.append(None)
    return events


def pauses(events, lo, hi):
    return [e for e in events[lo:hi] if e is not None]


def jstat_samples(path):
    """Heap used and committed (MB) per jstat -gc sample."""
    used, committed = [], []
    header = None
    with open(path) as f:
        for line in f:
            cols = line.split()
            if not cols:
                continue
            if "S0U" in cols:
                header = cols
                continue
            if header is None or len(cols) != len(header):
                continue
            try:
                row = dict(zip(header, (float(c) for c in cols)))
            except ValueError:
                continue
            used.append((row["S0U"] + row["S1U"] + row["EU"] + row["OU"]) / 1024)
            committed.append((row["S0C"] + row["S1C"] + row["EC"] + row["OC"]) / 1024)
    return used, committed


def xmx_mb(text):
    m = re.fullmatch(r"(\d+)([kmgKMG]?)", text)
    if not m:
        return None
    n, u = int(m.group(1)), m.group(2).lower()
    return n / 1024 if u == "k" else n * 1024 if u == "g" else n if u == "m" else n / 2 ** 20


def fmt(x, digits=1):
    return "-" if x is None else f"{x:,.{digits}f}"


def main():
    raw_path, meta_path, cmds_path, gc_path, jstat_path, rss_path = sys.argv[1:7]
    figures_path = sys.argv[7] if len(sys.argv) > 7 else None
    figs = summary.Figures()
    meta = read_meta(meta_path)
    events = gc_events(gc_path)

    # (set, assoc, sender, receiver) -> [seconds]; phase "main" (per-object node, storescps, floor) and
    # phase "sync-none" (the node with pacs.spool.sync=none and storescp-nodelay measured alongside it)
    runs = {p: defaultdict(list) for p in PHASES}
    size = {}                          # (set, assoc) -> (count, bytes)
    gc_by_set = defaultdict(list)      # set -> node GC pauses during that set's node cells
    with open(raw_path) as f:
        for r in csv.DictReader(f):
            key = (r["set"], int(r["assoc"]), r["sender"], r["receiver"])
            runs[r.get("phase") or "main"][key].append(float(r["seconds"]))
            size[(r["set"], int(r["assoc"]))] = (int(r["count"]), int(r["bytes"]))
            if r["receiver"] == "node":
                gc_by_set[r["set"]] += pauses(events, int(r["gc_from"]), int(r["gc_to"]))

    def rate(key, phase="main"):
        s = runs[phase].get(key)
        if not s:
            return None, None
        count, nbytes = size[(key[0], key[1])]
        med = statistics.median(s)
        return count / med, nbytes / 1e6 / med

    small_kb = int(meta["small_file"]) / 1e3
    large_mb = int(meta["large_file"]) / 1e6
    out = []
    w = out.append
    w(f"# DICOM ingest benchmark, {meta['date']}")
    w("")
    w(f"Node at commit `{meta['commit']}`; produced by `bench/dicom-ingest/run.sh`. Each figure is the "
      f"median of {meta['repeats']} runs, timed from launching the storescu process(es) to the exit of "
      "the last one (every C-STORE answered). MB = 10^6 bytes of Part 10 file.")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    for k, label in [("cpu", "CPU"), ("cores", "cores"), ("ram", "RAM"), ("disk", "disk"), ("fsync", "disk write + fsync"), ("load", "load"), ("kernel", "kernel"),
                     ("jdk", "JDK"), ("gc", "node GC"), ("dcmtk", "dcmtk")]:
        w(f"| {label} | {meta.get(k, '?').strip()} |")
    w("")
    w("## Setup")
    w("")
    w(f"- Objects: synthetic chest CR (CR Image Storage, explicit VR little endian, 16-bit MONOCHROME2), "
      f"each with its own SOP Instance UID: small {small_kb:.0f} KB (256 x 256), large {large_mb:.1f} MB "
      "(2740 x 2740).")
    w("- Receivers, all on 127.0.0.1, writing to the same disk:")
    w(f"  - **node**: the packaged node, demo profile, -Xmx{meta['xmx']}; each object is fsynced in the "
      "spool before its C-STORE-RSP, then run through `routes/dicom-ingest.yaml` and deleted (the cell "
      "ends when the route has logged every object and the spool is empty, but the timing stops at the "
      "last C-STORE-RSP). The node sets TCP_NODELAY and TCP_QUICKACK on its sockets.")
    w("  - **storescp**: dcmtk storescp, `--fork`, bit-preserving (`+B`), writes each object to a file "
      "and does **not** fsync. Like storescu it leaves Nagle's algorithm on, and it writes each "
      "C-STORE-RSP as two small sends (PDU header, then the rest), so the second one waits for the "
      "sender's delayed ACK (~40 ms) whatever the sender does.")
    w("  - **storescp-nodelay**: the same storescp with the TCP_NODELAY shim preloaded (reference: what "
      "storescp does without its own stall).")
    w("  - **floor**: no DICOM, no JVM: `durability_floor` (C) does the node's durability scheme alone for "
      "the same files: write the bytes to a new file, fsync it, rename it into `objects/`, fsync that "
      "directory; one file after the other, with as many loops in parallel as the cell has associations "
      "(each loop its own directory fsync). It reads the files into memory first and times only the stores. "
      "node / floor is the share of what the disk allows that the node reaches; the node can exceed the floor "
      "with several associations, because it shares one directory fsync among objects completed together.")
    w("  - **node-sync-none**: the same node started afresh with `pacs.spool.sync=none` (no fsync at all, "
      "objects still renamed into place), measured after the cells above, alternating with "
      "storescp-nodelay, with storescu + the shim only.")
    w("- Senders: dcmtk storescu as shipped (**storescu**, no TCP_NODELAY) and the same binary with "
      "`nodelay.so` preloaded (**storescu+nodelay**: sets TCP_NODELAY on its socket before connecting). "
      "With 4 associations, 4 storescu processes each send a quarter of the files.")
    w("")
    w("## Throughput")
    w("")
    w("| objects | assoc | sender | node img/s | node MB/s | storescp img/s | storescp MB/s | node / storescp "
      "| storescp-nodelay img/s | storescp-nodelay MB/s | node / storescp-nodelay |")
    w("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    slower = []
    for set_name in ["small", "large"]:
        for assoc in [1, 4]:
            if (set_name, assoc) not in size:
                continue
            count, _ = size[(set_name, assoc)]
            label = f"{count} x {small_kb:.0f} KB" if set_name == "small" else f"{count} x {large_mb:.1f} MB"
            for sender in DICOM_SENDERS:
                n_i, n_m = rate((set_name, assoc, sender, "node"))
                s_i, s_m = rate((set_name, assoc, sender, "storescp"))
                d_i, d_m = rate((set_name, assoc, sender, "storescp-nodelay"))
                r1 = n_i / s_i if n_i and s_i else None
                r2 = n_i / d_i if n_i and d_i else None
                w(f"| {label} | {assoc} | {sender} | {fmt(n_i)} | {fmt(n_m)} | {fmt(s_i)} | {fmt(s_m)} | "
                  f"{fmt(r1, 2)} | {fmt(d_i)} | {fmt(d_m)} | {fmt(r2, 2)} |")
                what = f"node images/s, {label}, {assoc} assoc. (median of {meta['repeats']})"
                who = SENDER_LABELS[sender]
                figs.add(what, n_i, "img/s", who, "dcmtk storescp --fork +B", s_i)
                figs.add(what, n_i, "img/s", who, "dcmtk storescp --fork +B with the TCP_NODELAY shim", d_i)
                for name, r in [("storescp", r1), ("storescp-nodelay", r2)]:
                    if r is not None and r < 1:
                        slower.append(f"{label}, {assoc} assoc, {sender}: node {fmt(n_i)} img/s vs {name} "
                                      f"{fmt(n_i / r)} img/s (ratio {r:.2f})")
    w("")
    if slower:
        w("Cells where the node is slower than a storescp:")
        w("")
        for s in slower:
            w(f"- {s}")
        w("")

    def label_of(set_name):
        count = next(v[0] for k, v in size.items() if k[0] == set_name)
        return f"{count} x {small_kb:.0f} KB" if set_name == "small" else f"{count} x {large_mb:.1f} MB"

    # --- Floor ------------------------------------------------------------------------------
    w("## Against the floor of the durability scheme")
    w("")
    w("The node's figures (`pacs.spool.sync=per-object`) over what `durability_floor` does on the same disk "
      "in the same run with the same files: write, fsync, rename, directory fsync per object, 1 or 4 loops.")
    w("")
    w("| objects | assoc / loops | floor img/s | floor MB/s | node img/s, storescu | node / floor "
      "| node img/s, storescu+nodelay | node / floor |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for set_name in ["small", "large"]:
        for assoc in [1, 4]:
            if (set_name, assoc) not in size:
                continue
            f_i, f_m = rate((set_name, assoc, "-", "floor"))
            cells = []
            for sender in DICOM_SENDERS:
                n_i, _ = rate((set_name, assoc, sender, "node"))
                cells.append((n_i, n_i / f_i if n_i and f_i else None))
                figs.add(f"node images/s, {label_of(set_name)}, {assoc} assoc. (median of {meta['repeats']})", n_i,
                         "img/s", SENDER_LABELS[sender],
                         f"durability floor: write + fsync + rename + directory fsync, {assoc} loop(s)", f_i)
            w(f"| {label_of(set_name)} | {assoc} | {fmt(f_i)} | {fmt(f_m)} | {fmt(cells[0][0])} | {fmt(cells[0][1], 2)} "
              f"| {fmt(cells[1][0])} | {fmt(cells[1][1], 2)} |")
    w("")

    # --- sync=none --------------------------------------------------------------------------
    if runs["sync-none"]:
        w("## pacs.spool.sync=none against storescp")
        w("")
        w("The node with `pacs.spool.sync=none` (nothing fsynced; safe against a crash of the node, not a power "
          "loss) against storescp with the TCP_NODELAY shim, which does not fsync either; both fed by storescu + "
          "the shim, alternating within each repeat. The per-object node of the cells above for comparison.")
        w("")
        w("| objects | assoc | node sync=none img/s | MB/s | storescp-nodelay img/s | MB/s | none / storescp-nodelay "
          "| node per-object img/s | none / per-object |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for set_name in ["small", "large"]:
            for assoc in [1, 4]:
                if (set_name, assoc) not in size:
                    continue
                sender = "storescu+nodelay"
                x_i, x_m = rate((set_name, assoc, sender, "node-sync-none"), "sync-none")
                d_i, d_m = rate((set_name, assoc, sender, "storescp-nodelay"), "sync-none")
                p_i, _ = rate((set_name, assoc, sender, "node"))
                r = x_i / d_i if x_i and d_i else None
                w(f"| {label_of(set_name)} | {assoc} | {fmt(x_i)} | {fmt(x_m)} | {fmt(d_i)} | {fmt(d_m)} | {fmt(r, 2)} "
                  f"| {fmt(p_i)} | {fmt(x_i / p_i if x_i and p_i else None, 2)} |")
                figs.add(f"node (pacs.spool.sync=none) images/s, {label_of(set_name)}, {assoc} assoc. "
                         f"(median of {meta['repeats']})", x_i, "img/s", SENDER_LABELS[sender],
                         "dcmtk storescp --fork +B with the TCP_NODELAY shim", d_i)
        w("")

    # --- Heap -------------------------------------------------------------------------------
    xmx = xmx_mb(meta["xmx"])
    lo, hi = int(meta["heap_gc_from"]), int(meta["heap_gc_to"])
    heap_pauses = pauses(events, lo, hi)
    # The full GCs run.sh asks for (jcmd GC.run) just before and just after the transfer.
    full_before = [e for e in pauses(events, 0, lo) if e[0].startswith("Pause Full")]
    full_after = [e for e in pauses(events, hi, len(events)) if e[0].startswith("Pause Full")]
    used, committed = jstat_samples(jstat_path)
    with open(rss_path) as f:
        rss = [int(x) / 1024 for x in f.read().split() if x.isdigit()]
    heap_s = float(meta["heap_seconds"])
    heap_mb = int(meta["heap_bytes"]) / 1e6

    def pct(x):
        return f" ({100 * x / xmx:.0f} % of -Xmx)" if x is not None and xmx else ""

    w("## Heap")
    w("")
    w(f"The node (-Xmx{meta['xmx']}) received {meta['heap_count']} x {large_mb:.1f} MB over 4 associations "
      f"(storescu+nodelay) in {heap_s:.1f} s ({heap_mb / heap_s:.0f} MB/s); jstat sampled the heap every "
      f"200 ms ({len(used)} samples). Objects logged by the route: {meta['heap_stored']} of "
      f"{meta['heap_count']}; files left in the spool afterwards: {meta['heap_spool_left']}.")
    w("")
    w("| | MB |")
    w("|---|---:|")
    w(f"| live set before (after a full GC) | {fmt(full_before[-1][2] if full_before else None)} |")
    w(f"| max heap used during the transfer (jstat) | {fmt(max(used) if used else None)}{pct(max(used) if used else None)}"
      f"{f'; {max(used) / large_mb:.1f} x one object' if used else ''} |")
    if heap_pauses:
        top = max(e[2] for e in heap_pauses)
        w(f"| max heap after GC during the transfer ({len(heap_pauses)} GC pauses) | {fmt(top)}{pct(top)} |")
    else:
        w("| max heap after GC during the transfer | no GC was needed during the transfer |")
    w(f"| live set after (after a full GC) | {fmt(full_after[0][2] if full_after else None)} |")
    w(f"| max committed heap (jstat) | {fmt(max(committed) if committed else None)} |")
    w(f"| -Xmx | {fmt(xmx, 0)} |")
    w(f"| node process RSS: first sample / max during the transfer | "
      f"{fmt(rss[0] if rss else None)} / {fmt(max(rss) if rss else None)} |")
    peak = max(used) if used else None
    heap_client = "dcmtk storescu + TCP_NODELAY shim, 4 assoc."
    heap_what = f"max heap used (jstat, 200 ms) receiving {meta['heap_count']} x {large_mb:.1f} MB"
    figs.add(heap_what, peak, "MB", heap_client, f"-Xmx{meta['xmx']}", xmx)
    figs.add(heap_what, peak, "MB", heap_client, "one object's size", large_mb)
    if full_before:
        figs.add(heap_what + ", above the live set before", peak - full_before[-1][2] if peak else None, "MB",
                 heap_client, "one object's size", large_mb)
    figs.add(f"objects through the route in the heap check", int(meta["heap_stored"]), "objects", heap_client,
             "objects sent", int(meta["heap_count"]))
    w("")
    w("Heap after GC over the throughput cells, by object size (does it grow with the object?):")
    w("")
    w("| node cells | GC pauses | max heap after GC MB | mean heap after GC MB |")
    w("|---|---:|---:|---:|")
    for set_name, label in [("small", f"{small_kb:.0f} KB objects"), ("large", f"{large_mb:.1f} MB objects")]:
        p = gc_by_set.get(set_name, [])
        if p:
            w(f"| {label} | {len(p)} | {fmt(max(e[2] for e in p))} | {fmt(statistics.mean(e[2] for e in p))} |")
        else:
            w(f"| {label} | 0 | - | - |")
    w("")

    # --- Raw --------------------------------------------------------------------------------
    w("## All runs (seconds)")
    w("")
    w("| phase | objects | assoc | sender | receiver | runs |")
    w("|---|---|---:|---|---|---|")
    for phase in PHASES:
        for (set_name, assoc, sender, receiver), s in sorted(runs[phase].items(), key=lambda kv: (
                kv[0][0] != "small", kv[0][1], SENDERS.index(kv[0][2]), RECEIVERS.index(kv[0][3]))):
            w(f"| {phase} | {set_name} | {assoc} | {sender} | {receiver} | {', '.join(f'{x:.3f}' for x in s)} |")
    w("")
    w("## Commands")
    w("")
    w("```")
    with open(cmds_path) as f:
        w(f.read().rstrip("\n"))
    w("```")
    print("\n".join(out))
    if figures_path:
        figs.write(figures_path)


if __name__ == "__main__":
    main()
