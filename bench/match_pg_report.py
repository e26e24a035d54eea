#!/usr/bin/env python3
"""Figures of bench/match_pg.sh from the per-query lines of both sides.

    match_pg_report.py fpr REDLINE.out
    match_pg_report.py choose PG_AT_0.30.out TARGET_FPR
    match_pg_report.py table REDLINE.out NAME_0.30.out NAME.out FILT_0.30.out FILT.out

Each file has one line per query, tab-separated: query id, variant, true
entry id ("-" for an innocent traveller), wall-clock milliseconds, results
"id=score;..." best first (top 5); a line "cpu MS", the CPU time of the
whole pass; the matcher's file also has "threshold T" (it returns only
results at or above it). pg_trgm's threshold is the one `choose` picks.

fpr: the matcher's false-positive rate on the innocent travellers.
choose: the lowest pg_trgm threshold (0.30, 0.35 ... 1.00) whose FPR on
the sample is at most max(TARGET_FPR, 0.02); if none, the one with the
lowest FPR. The top 5 at a higher threshold are those of the 0.30 pass
that reach it, so one pass at 0.30 tells every threshold's figures.
table: the markdown table of docs/performance.md. Python standard library.
"""
import sys

KEY_VARIANTS = ["exact", "no_diacritics", "lao_script_to_roman", "typo1", "order_swapped"]


def load(path):
    rows, cpu, thr = [], None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            f_ = line.split("\t")
            if f_[0] in ("cpu", "threshold"):
                if f_[0] == "cpu":
                    cpu = float(f_[1])
                else:
                    thr = float(f_[1])
                continue
            if len(f_) < 4:
                raise SystemExit("%s: malformed line %r" % (path, line[:80]))
            res = []
            if len(f_) > 4 and f_[4]:
                for r in f_[4].split(";"):
                    i, s = r.rsplit("=", 1)
                    res.append((i, float(s)))
            rows.append({"qid": f_[0], "variant": f_[1], "truth": f_[2], "ms": float(f_[3]), "res": res})
    if not rows:
        raise SystemExit("%s: no queries" % path)
    return rows, cpu, thr


def hit(row, t):
    innocent = row["truth"] == "-"
    return any(s >= t - 1e-9 and (innocent or i == row["truth"]) for i, s in row["res"])


def rates(rows, t, variant=None):
    pos = [r for r in rows if r["truth"] != "-" and (variant is None or r["variant"] == variant)]
    neg = [r for r in rows if r["truth"] == "-"]
    rec = sum(hit(r, t) for r in pos) / len(pos) if pos else float("nan")
    fpr = sum(hit(r, t) for r in neg) / len(neg) if neg else float("nan")
    return rec, fpr, len(pos), len(neg)


def thresholds():
    return [round(0.30 + 0.05 * k, 2) for k in range(15)]


def choose(rows, target):
    target = max(target, 0.02)
    best = None
    for t in thresholds():
        fpr = rates(rows, t)[1]
        if fpr <= target + 1e-9:
            return t
        if best is None or fpr < best[1] - 1e-9:
            best = (t, fpr)
    return best[0]


def p99(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * 0.99))]


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "fpr":
        rows, _, _ = load(sys.argv[2])
        # the matcher's pass returns only results at or above its threshold
        print("%.4f" % rates(rows, 0.0)[1])
        return
    if len(sys.argv) == 4 and sys.argv[1] == "choose":
        rows, _, _ = load(sys.argv[2])
        print("%.2f" % choose(rows, float(sys.argv[3])))
        return
    if len(sys.argv) != 7 or sys.argv[1] != "table":
        raise SystemExit(__doc__)
    rl, rl_cpu, rl_t = load(sys.argv[2])
    name0, name0_cpu, _ = load(sys.argv[3])
    name, name_cpu, _ = load(sys.argv[4])
    filt0, filt0_cpu, _ = load(sys.argv[5])
    filt, filt_cpu, _ = load(sys.argv[6])
    rl_fpr = rates(rl, 0.0)[1]
    t_name, t_filt = choose(name0, rl_fpr), choose(filt0, rl_fpr)
    cols = [("Redline matcher", rl, rl_cpu, 0.0), ("pg_trgm, name", name, name_cpu, t_name),
            ("pg_trgm + birth year and sex", filt, filt_cpu, t_filt)]
    n = len(rl)
    print("%d queries; %d watchlisted, %d innocent\n" % (n, rates(rl, 0)[2], rates(rl, 0)[3]))
    print("| | " + " | ".join(c[0] for c in cols) + " |")
    print("|---|" + "---:|" * len(cols))

    def row(label, f):
        print("| %s | %s |" % (label, " | ".join(f(c) for c in cols)))

    row("threshold", lambda c: "%.2f (score)" % rl_t if c[1] is rl else "%.2f (similarity)" % c[3])
    qps = {c[0]: (len(c[1]) / (c[2] / 1000) if c[2] else float("nan")) for c in cols}
    row("queries/s, one core (CPU time)", lambda c: "%.0f" % qps[c[0]] if qps[c[0]] >= 10 else "%.1f" % qps[c[0]])
    row("mean ms per query, CPU", lambda c: "%.3f" % (c[2] / len(c[1])) if c[2] else "?")
    row("mean / p99 ms per query, wall", lambda c: "%.3f / %.3f" % (sum(r["ms"] for r in c[1]) / len(c[1]),
                                                                       p99([r["ms"] for r in c[1]])))
    row("throughput, Redline ÷ this", lambda c: "1" if c[1] is rl else "%.0f×" % (qps[cols[0][0]] / qps[c[0]]))
    row("**recall, all watchlisted**", lambda c: "**%.3f**" % rates(c[1], c[3])[0])
    row("**FPR, all innocent**", lambda c: "**%.3f**" % rates(c[1], c[3])[1])
    for v in KEY_VARIANTS:
        k = rates(rl, 0, v)[2]
        if k:
            row("recall, %s (%d)" % (v, k), lambda c, v=v: "%.3f" % rates(c[1], c[3], v)[0])

    print("\npg_trgm threshold sweep on the first pass (recall / FPR; the chosen threshold has FPR at most "
          "max(Redline's %.3f, 0.02), or the lowest):\n" % rl_fpr)
    ts = thresholds()[::2]
    print("| pg_trgm threshold | " + " | ".join("%.2f" % t for t in ts) + " |")
    print("|---|" + "---|" * len(ts))
    for label, rows in (("name", name0), ("+ birth year and sex", filt0)):
        print("| %s | %s |" % (label, " | ".join("%.3f / %.3f" % rates(rows, t)[:2] for t in ts)))
    print("\nat pg_trgm's default threshold 0.30:")
    for label, rows, cpu in (("name", name0, name0_cpu), ("+ birth year and sex", filt0, filt0_cpu)):
        print("- %s: mean %.1f ms CPU, %.1f ms wall (p99 %.1f) per query; throughput, Redline ÷ this: %.0f×"
              % (label, cpu / len(rows), sum(r["ms"] for r in rows) / len(rows), p99([r["ms"] for r in rows]),
                 (len(rl) / rl_cpu) / (len(rows) / cpu)))


if __name__ == "__main__":
    main()
