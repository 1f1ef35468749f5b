#!/usr/bin/env python3
"""Send DICOM files to a Storage SCP at a fixed rate with dcmtk storescu.

Usage: pace.py RATE FILE_LIST HOST PORT CALLED_AET CALLING_AET LOG [MAX_ASSOCIATIONS]

Every TICK seconds the files that are due (RATE per second since the start, counted exactly, so
that no rounding drifts) go out in one storescu process over its own association; a tick whose
files are still being sent does not hold up the next one, up to MAX_ASSOCIATIONS (16) storescu
processes at once (the node refuses associations past pacs.dicom.max-associations, 32); beyond
that the due files wait for the next tick. storescu answers only once the SCP has stored the
object, so a slow receiver shows as a lower achieved rate, which is printed at the end:
    sent=<files> seconds=<first launch to last answer> launched_rate=<files/s> failed=<processes>
Exit status 1 when any storescu failed.
"""
import signal
import subprocess
import sys
import time

TICK = 0.1


def main():
    rate = float(sys.argv[1])
    files = [line.strip() for line in open(sys.argv[2]) if line.strip()]
    host, port, aec, aet, log_path = sys.argv[3:8]
    max_assoc = int(sys.argv[8]) if len(sys.argv) > 8 else 16
    log = open(log_path, "ab")
    procs = []

    def stop(signum, frame):
        # Told to stop (the benchmark was interrupted): take the senders along.
        for p in procs:
            if p.poll() is None:
                p.terminate()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sent = 0
    t0 = time.monotonic()
    tick = 0
    last_launch = 0.0
    while sent < len(files):
        # Reap finished senders as we go (failed ones are kept for the final count).
        procs = [p for p in procs if p.poll() is None or p.returncode != 0]
        running = sum(1 for p in procs if p.poll() is None)
        due = min(len(files), int(rate * (time.monotonic() - t0)) + 1) - sent
        if due > 0 and running < max_assoc:
            batch = files[sent:sent + due]
            procs.append(subprocess.Popen(["storescu", "-aet", aet, "-aec", aec, host, port] + batch,
                                          stdout=log, stderr=subprocess.STDOUT))
            sent += due
            last_launch = time.monotonic() - t0
        tick += 1
        delay = t0 + tick * TICK - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    failed = 0
    for p in procs:
        if p.wait() != 0:
            failed += 1
    total = time.monotonic() - t0
    # Launch rate over the launches themselves: N files due at 0 .. (N-1)/RATE seconds.
    launched_rate = (sent - 1) / last_launch if last_launch > 0 else float("nan")
    print("sent=%d seconds=%.3f launched_rate=%.2f failed=%d" % (sent, total, launched_rate, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
