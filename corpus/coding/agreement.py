#!/usr/bin/env python3
"""Inter-coder agreement for a double coding of the evidence passages.

Usage:
    python3 agreement.py CODEBOOK.toml CODER_A.tsv CODER_B.tsv [--json OUT.json]

CODEBOOK.toml is read for its [[theme]] ids (the [[alias]] block is ignored).
Each coding file is a TSV with a header row and the columns
    id <TAB> themes <TAB> comment
where `themes` is a space-separated list of theme ids (most relevant first; the
order is ignored here, only membership counts). Both files must code the same
set of passage ids.

Reported:
  * per theme: Cohen's kappa on the binary decision "this passage has the
    theme", over all coded passages; observed agreement; how many passages
    each coder gave the theme, and how many both gave it;
  * overall: Cohen's kappa pooled over every passage x theme decision (one
    2x2 table of N_passages * N_themes binary decisions), and the mean of the
    per-theme kappas (over the themes whose kappa is defined);
  * the share of passages whose theme SETS are identical (two empty sets,
    e.g. overview passages, count as identical), with that share also given
    over the passages that at least one coder gave a theme; and the passages
    whose sets differ, and those with the same set in a different order.

Kappa is undefined (reported as null / "n/a") when expected agreement is 1,
i.e. both coders gave the theme to all passages or to none.

The table goes to stdout; with --json OUT.json the same figures are also
written as JSON to OUT.json ("--json -" writes the JSON to stdout instead of
the table). Python 3.11+ standard library only.
"""

import argparse
import json
import sys
import tomllib


def load_codebook(path):
    with open(path, "rb") as f:
        data = tomllib.load(f)
    ids = [t["id"] for t in data.get("theme", [])]
    if not ids:
        sys.exit(f"{path}: no [[theme]] entries")
    if len(set(ids)) != len(ids):
        sys.exit(f"{path}: duplicate theme ids")
    return ids


def load_coding(path, theme_ids):
    """Return (ordered ids, {id: set of themes}, {id: themes in listed order}, warnings)."""
    order, coding, ranked, warnings = [], {}, {}, []
    known = set(theme_ids)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines or not lines[0].startswith("id\t"):
        sys.exit(f"{path}: expected a header row starting with 'id<TAB>'")
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        pid = cols[0].strip()
        themes = cols[1].split() if len(cols) > 1 else []
        if pid in coding:
            sys.exit(f"{path}:{lineno}: duplicate passage id {pid}")
        unknown = [t for t in themes if t not in known]
        if unknown:
            warnings.append(f"{path}:{lineno}: {pid}: unknown theme id(s) {' '.join(unknown)} (ignored)")
        if len(set(themes)) != len(themes):
            warnings.append(f"{path}:{lineno}: {pid}: a theme is listed twice")
        order.append(pid)
        coding[pid] = {t for t in themes if t in known}
        ranked[pid] = [t for t in themes if t in known]
    return order, coding, ranked, warnings


def kappa_from_table(n11, n10, n01, n00):
    """Cohen's kappa for a 2x2 table: n11 both yes, n10 A yes/B no, n01 A no/B yes, n00 both no."""
    n = n11 + n10 + n01 + n00
    if n == 0:
        return None, None, None
    po = (n11 + n00) / n
    a_yes = (n11 + n10) / n
    b_yes = (n11 + n01) / n
    pe = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
    if abs(1 - pe) < 1e-12:
        return None, po, pe
    return (po - pe) / (1 - pe), po, pe


def table_for(ids, a, b, theme):
    n11 = n10 = n01 = n00 = 0
    for pid in ids:
        ina, inb = theme in a[pid], theme in b[pid]
        if ina and inb:
            n11 += 1
        elif ina:
            n10 += 1
        elif inb:
            n01 += 1
        else:
            n00 += 1
    return n11, n10, n01, n00


def compute(theme_ids, ids, a, b, ra=None, rb=None):
    per_theme = []
    pooled = [0, 0, 0, 0]
    for t in theme_ids:
        cells = table_for(ids, a, b, t)
        k, po, pe = kappa_from_table(*cells)
        for i in range(4):
            pooled[i] += cells[i]
        n11, n10, n01, n00 = cells
        per_theme.append({
            "theme": t,
            "kappa": k,
            "observed_agreement": po,
            "expected_agreement": pe,
            "coder_a_count": n11 + n10,
            "coder_b_count": n11 + n01,
            "both": n11,
            "a_only": n10,
            "b_only": n01,
            "neither": n00,
        })
    pk, ppo, ppe = kappa_from_table(*pooled)
    defined = [r["kappa"] for r in per_theme if r["kappa"] is not None]
    identical = [pid for pid in ids if a[pid] == b[pid]]
    coded = [pid for pid in ids if a[pid] or b[pid]]
    identical_coded = [pid for pid in coded if a[pid] == b[pid]]
    differing = [pid for pid in ids if a[pid] != b[pid]]
    order_only = [pid for pid in identical if ra and rb and ra[pid] != rb[pid]]
    return {
        "passages": len(ids),
        "themes": len(theme_ids),
        "per_theme": per_theme,
        "overall": {
            "pooled_kappa": pk,
            "pooled_observed_agreement": ppo,
            "pooled_expected_agreement": ppe,
            "pooled_decisions": sum(pooled),
            "pooled_table": {"both": pooled[0], "a_only": pooled[1], "b_only": pooled[2], "neither": pooled[3]},
            "mean_theme_kappa": sum(defined) / len(defined) if defined else None,
            "themes_with_defined_kappa": len(defined),
            "identical_sets": len(identical),
            "identical_set_share": len(identical) / len(ids) if ids else None,
            "passages_coded_by_either": len(coded),
            "identical_set_share_of_coded": len(identical_coded) / len(coded) if coded else None,
            "coder_a_assignments": sum(len(a[p]) for p in ids),
            "coder_b_assignments": sum(len(b[p]) for p in ids),
        },
        "differing_passages": differing,
        "same_set_different_order": order_only,
    }


def fmt(x, nd=3):
    return "n/a" if x is None else f"{x:.{nd}f}"


def render(res, files):
    out = []
    out.append(f"Inter-coder agreement: {files['coder_a']} (A) vs {files['coder_b']} (B)")
    out.append(f"Codebook: {files['codebook']}  ({res['themes']} themes, {res['passages']} passages)")
    out.append("")
    out.append(f"{'theme':<24}{'kappa':>8}{'obs.agr':>9}{'A':>5}{'B':>5}{'both':>6}{'A only':>8}{'B only':>8}")
    out.append("-" * 73)
    for r in res["per_theme"]:
        out.append(f"{r['theme']:<24}{fmt(r['kappa']):>8}{fmt(r['observed_agreement']):>9}"
                   f"{r['coder_a_count']:>5}{r['coder_b_count']:>5}{r['both']:>6}{r['a_only']:>8}{r['b_only']:>8}")
    out.append("-" * 73)
    o = res["overall"]
    t = o["pooled_table"]
    out.append(f"Pooled kappa over {o['pooled_decisions']} passage x theme decisions: {fmt(o['pooled_kappa'])}"
               f"  (observed {fmt(o['pooled_observed_agreement'], 4)}, expected {fmt(o['pooled_expected_agreement'], 4)};"
               f" both {t['both']}, A only {t['a_only']}, B only {t['b_only']}, neither {t['neither']})")
    out.append(f"Mean of per-theme kappas ({o['themes_with_defined_kappa']} themes): {fmt(o['mean_theme_kappa'])}")
    out.append(f"Theme assignments: A {o['coder_a_assignments']}, B {o['coder_b_assignments']}")
    out.append(f"Identical theme sets: {o['identical_sets']}/{res['passages']} passages = {fmt(o['identical_set_share'])}"
               f"  ({fmt(o['identical_set_share_of_coded'])} of the {o['passages_coded_by_either']} passages coded by either)")
    out.append(f"Passages whose sets differ ({len(res['differing_passages'])}): " + " ".join(res["differing_passages"]))
    out.append(f"Same set, different order ({len(res['same_set_different_order'])}): " + " ".join(res["same_set_different_order"]))
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("codebook")
    ap.add_argument("coder_a")
    ap.add_argument("coder_b")
    ap.add_argument("--json", metavar="OUT", help="also write the figures as JSON to OUT ('-' = stdout instead of the table)")
    args = ap.parse_args(argv)

    theme_ids = load_codebook(args.codebook)
    ids_a, a, ra, warn_a = load_coding(args.coder_a, theme_ids)
    ids_b, b, rb, warn_b = load_coding(args.coder_b, theme_ids)
    for w in warn_a + warn_b:
        print("warning: " + w, file=sys.stderr)
    if set(ids_a) != set(ids_b):
        only_a = sorted(set(ids_a) - set(ids_b))
        only_b = sorted(set(ids_b) - set(ids_a))
        sys.exit(f"the coding files cover different passages; only in A: {only_a[:10]}; only in B: {only_b[:10]}")

    res = compute(theme_ids, ids_a, a, b, ra, rb)
    files = {"codebook": args.codebook, "coder_a": args.coder_a, "coder_b": args.coder_b}
    if args.json == "-":
        print(json.dumps({"files": files, **res}, indent=2))
        return
    print(render(res, files))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"files": files, **res}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
