#!/usr/bin/python3
"""Recognition benchmark: intake's pipeline vs OCRmyPDF, same pages, same machine, one run.

    bench/ocr/ocr_vs_ocrmypdf.py [--intake build/bin/intake] [--corpus ../shared/corpus]
                                 [--jobs 2] [--skip-peer] [--pages dev|all]

Ours:  intake ocr --json --jobs N  over the page files.
Peer:  ocrmypdf --deskew --clean --rotate-pages -l ukr+eng --jobs N --sidecar  over one PDF
       holding the same page images (img2pdf, 300 dpi, no re-encoding).

Per page: CER (corpus/README.md: Levenshtein / truth length after folding white space runs
to one space and apostrophe, quote and dash variants to one form each), blank decision,
orientation, skew error (ours; OCRmyPDF does not report its angle), form fields exact
(ours: the extracted field equals truth; both: the truth value appears in the text).
Totals: pages per minute (wall clock of the whole run) and peak RSS (GNU time, includes
child processes). Prints a Markdown table. Needs /usr/bin/python3 (img2pdf for the peer).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fold(text):
    text = re.sub("[\u02bc\u2019\u2018'`\u00b4]", "'", text)
    text = re.sub("[\u00ab\u00bb\u201c\u201d\u201e\"]", '"', text)
    text = re.sub("[\u2010\u2011\u2012\u2013\u2014\u2212-]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def levenshtein(a, b):
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(truth, text):
    t, o = fold(truth), fold(text)
    if not t:
        return 0.0 if not o else 1.0
    return levenshtein(t, o) / len(t)


def load_pages(corpus, which):
    """[{path, kind, truth_text, blank, skew, rotation, fields}]"""
    pages = []
    dev = os.path.join(corpus, "dev")
    with open(os.path.join(dev, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    for p in truth["pages"]:
        pages.append(dict(path=os.path.join(dev, p["file"]), kind=p["kind"], text=p["text"],
                          blank=p["blank"], skew=p["skew_deg"], rotation=p["rotation_deg"],
                          fields=p.get("fields", {})))
    if which == "all":
        naps2 = os.path.join(corpus, "real", "naps2")
        for name, blank in (("blank1.jpg", True), ("blank2.jpg", True), ("notblank.jpg", False)):
            pages.append(dict(path=os.path.join(naps2, name), kind="real-blank" if blank else
                              "real-notblank", text=None, blank=blank, skew=None, rotation=None,
                              fields={}))
        tess = os.path.join(corpus, "real", "tesseract")
        with open(os.path.join(tess, "phototest.txt"), encoding="utf-8") as f:
            photo = f.read()
        # L: turned 90 degrees left (counter-clockwise); R: right (counter-clockwise 270).
        for name, rot in (("phototest-rotated-180.png", 180), ("phototest-rotated-L.png", 90),
                          ("phototest-rotated-R.png", 270)):
            pages.append(dict(path=os.path.join(tess, name), kind="real-turned", text=photo,
                              blank=False, skew=None, rotation=rot, fields={}))
    return pages


def timed(cmd, **kw):
    """Runs cmd under GNU time; returns (CompletedProcess, wall seconds, peak RSS MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        start = time.monotonic()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd,
                              capture_output=True, text=True, **kw)
        wall = time.monotonic() - start
        tf.seek(0)
        lines = [l for l in tf.read().split("\n") if l.strip().isdigit()]
        rss = int(lines[-1]) / 1024 if lines else float("nan")
    return proc, wall, rss


def run_ours(intake, pages, jobs):
    proc, wall, rss = timed([intake, "ocr", "--json", "--jobs", str(jobs)] +
                            [p["path"] for p in pages])
    if proc.returncode not in (0, 1):
        sys.exit("intake ocr failed:\n" + proc.stderr)
    results = {}
    for line in proc.stdout.splitlines():
        r = json.loads(line)
        results[r["file"]] = r
    out = []
    for p in pages:
        r = results.get(p["path"])
        out.append(dict(text=r["text"] if r else "", blank=r["blank"] if r else None,
                        skew=r["skew_deg"] if r else None,
                        rotation=r["orientation_deg"] if r else None,
                        fields={f["name"]: f["value"] for f in r["fields"]} if r else {}))
    return out, wall, rss


ARROWS = {"⇧": 0, "⇩": 180, "⇦": 90, "⇨": 270}


def run_peer(pages, jobs, workdir):
    import img2pdf  # Debian python3-img2pdf, a dependency of ocrmypdf
    src = os.path.join(workdir, "pages.pdf")
    layout = img2pdf.get_fixed_dpi_layout_fun((300, 300))
    with open(src, "wb") as f:
        f.write(img2pdf.convert([p["path"] for p in pages], layout_fun=layout))
    side = os.path.join(workdir, "sidecar.txt")
    cmd = ["ocrmypdf", "--deskew", "--clean", "--rotate-pages", "-l", "ukr+eng", "--jobs",
           str(jobs), "--sidecar", side, "--force-ocr", src, os.path.join(workdir, "out.pdf")]
    proc, wall, rss = timed(cmd)
    if proc.returncode != 0:
        sys.exit("ocrmypdf failed:\n" + proc.stderr[-3000:])
    with open(side, encoding="utf-8") as f:
        texts = f.read().split("\f")
    turns = {}
    for m in re.finditer(r"^\s*(\d+) page is facing (\S), confidence [\d.]+ - (.*)$",
                         proc.stderr, re.M):
        applied = "rotation appropriate" in m.group(3)
        turns[int(m.group(1))] = ARROWS.get(m.group(2), 0) if applied else 0
    out = []
    for i, p in enumerate(pages):
        t = texts[i] if i < len(texts) else ""
        if "[OCR skipped on page" in t:
            t = ""
        out.append(dict(text=t, blank=not fold(t), skew=None, rotation=turns.get(i + 1, 0),
                        fields={}))
    return out, wall, rss


def field_hits(page, res, extracted):
    """(exact fields, total fields): extracted==truth, or truth value in the folded text."""
    total = len(page["fields"])
    if not total:
        return 0, 0
    text = fold(res["text"])
    hits = 0
    for name, value in page["fields"].items():
        if extracted:
            hits += res["fields"].get(name) == value
        else:
            hits += fold(value) in text
    return hits, total


def summarize(pages, res):
    rows = {}
    for p, r in zip(pages, res):
        s = rows.setdefault(p["kind"], dict(n=0, cers=[], blank_ok=0, rot_ok=0, rot_n=0,
                                            skew_err=[], fx=[0, 0], ft=[0, 0]))
        s["n"] += 1
        if p["text"] is not None and not p["blank"]:
            s["cers"].append(cer(p["text"], r["text"]))
        s["blank_ok"] += (r["blank"] == p["blank"])
        if p["rotation"] is not None and not p["blank"]:
            s["rot_n"] += 1
            s["rot_ok"] += (r["rotation"] == p["rotation"])
        if p["skew"] is not None and r["skew"] is not None and not p["blank"]:
            s["skew_err"].append(abs(r["skew"] - p["skew"]))
        a, b = field_hits(p, r, True)
        s["fx"][0] += a
        s["fx"][1] += b
        a, b = field_hits(p, r, False)
        s["ft"][0] += a
        s["ft"][1] += b
    return rows


def fmt_rows(name, rows, extracted):
    lines = []
    for kind, s in sorted(rows.items()):
        cers = s["cers"]
        cer_txt = ("%.2f%% / %.2f%%" % (100 * sum(cers) / len(cers), 100 * max(cers))
                   if cers else "-")
        skew = sorted(s["skew_err"])
        skew_txt = ("%.2f° / %.2f°" % (skew[len(skew) // 2], skew[-1]) if skew else "n/a")
        fields = "-"
        if s["ft"][1]:
            fields = "%d/%d in text" % tuple(s["ft"])
            if extracted:
                fields = "%d/%d extracted, %s" % (s["fx"][0], s["fx"][1], fields)
        rot = "%d/%d" % (s["rot_ok"], s["rot_n"]) if s["rot_n"] else "-"
        lines.append("| %s | %s | %d | %s | %d/%d | %s | %s | %s |" % (
            name, kind, s["n"], cer_txt, s["blank_ok"], s["n"], rot, skew_txt, fields))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--intake", default=os.path.join(ROOT, "build", "bin", "intake"))
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(ROOT), "shared", "corpus"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", choices=("dev", "all"), default="all")
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated file names: a subset, for a "
                    "quick run on a busy machine")
    args = ap.parse_args()
    pages = load_pages(args.corpus, args.pages)
    if args.only:
        names = set(args.only.split(","))
        pages = [p for p in pages if os.path.basename(p["path"]) in names]
    n = len(pages)
    print("pages: %d, jobs: %d, cores online: %d" % (n, args.jobs, os.cpu_count()))
    ours, ours_wall, ours_rss = run_ours(args.intake, pages, args.jobs)
    table = ["| pipeline | page class | pages | CER mean / worst | blank right | "
             "orientation right | skew error median / worst | form fields exact |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    table += fmt_rows("intake", summarize(pages, ours), True)
    totals = ["| pipeline | pages/min | peak RSS |", "| --- | --- | --- |",
              "| intake | %.1f | %.0f MB |" % (60 * n / ours_wall, ours_rss)]
    if not args.skip_peer:
        with tempfile.TemporaryDirectory() as work:
            peer, peer_wall, peer_rss = run_peer(pages, args.jobs, work)
        table += fmt_rows("OCRmyPDF", summarize(pages, peer), False)
        totals.append("| OCRmyPDF | %.1f | %.0f MB |" % (60 * n / peer_wall, peer_rss))
        totals.append("| ratio intake/OCRmyPDF | %.2f× | %.2f× |" % (
            peer_wall / ours_wall, ours_rss / peer_rss))
    print("\n".join(table))
    print()
    print("\n".join(totals))
    # Per page details, for finding what to fix.
    print()
    for p, r in zip(pages, ours):
        c = cer(p["text"], r["text"]) if p["text"] is not None and not p["blank"] else None
        print("  %-28s ours: CER %s blank %s turn %s skew %s" % (
            os.path.basename(p["path"]), "%.2f%%" % (100 * c) if c is not None else "-",
            r["blank"], r["rotation"], r["skew"]))


if __name__ == "__main__":
    main()
