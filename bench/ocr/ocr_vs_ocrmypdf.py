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
Totals: pages per minute (wall clock of the whole run), peak RSS summed over the process
tree (sampled from /proc every 100 ms: OCRmyPDF runs a Tesseract process per job) and of the
largest single process (GNU time). Orientation of OCRmyPDF: the /Rotate it set on each page of
its output PDF (pdfinfo). The load average before and after is printed with the tables. Prints a Markdown table. Needs /usr/bin/python3 (img2pdf for the peer).
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


def tree_rss_kb(root):
    """Summed VmRSS (kB) of `root` and all its descendants, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def timed(cmd):
    """Runs cmd under GNU time; returns (stdout, stderr, returncode, wall seconds, peak RSS MB
    of the largest single process, peak RSS MB summed over the process tree (sampled every
    100 ms): OCRmyPDF runs one Tesseract process per job, intake one process)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, \
            tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.monotonic()
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd,
                                stdout=out, stderr=err, text=True)
        tree_peak = 0
        while proc.poll() is None:
            tree_peak = max(tree_peak, tree_rss_kb(proc.pid))
            time.sleep(0.1)
        wall = time.monotonic() - start
        tf.seek(0)
        lines = [l for l in tf.read().split("\n") if l.strip().isdigit()]
        rss = int(lines[-1]) / 1024 if lines else float("nan")
        out.seek(0)
        err.seek(0)
        return out.read(), err.read(), proc.returncode, wall, rss, tree_peak / 1024


def run_ours(intake, pages, jobs, languages="", extra_args=()):
    # OCRmyPDF lowers its own priority by 5 (os.nice(5) in its __main__); ours runs at the
    # same niceness so that neither is favoured when other work shares the machine.
    stdout, stderr, code, wall, rss, tree = timed(
        ["nice", "-n", "5", intake, "ocr", "--json", "--jobs", str(jobs)] +
        (["--languages", languages] if languages else []) + list(extra_args) +
        [p["path"] for p in pages])
    if code not in (0, 1):
        sys.exit("intake ocr failed:\n" + stderr)
    results = {}
    for line in stdout.splitlines():
        r = json.loads(line)
        results[r["file"]] = r
    out = []
    for p in pages:
        r = results.get(p["path"])
        out.append(dict(text=r["text"] if r else "", blank=r["blank"] if r else None,
                        skew=r["skew_deg"] if r else None,
                        rotation=r["orientation_deg"] if r else None,
                        fields={f["name"]: f["value"] for f in r["fields"]} if r else {},
                        timing=r.get("timing_ms", {}) if r else {}))
    return out, wall, rss, tree


def pdf_page_rotations(pdf):
    """{1-based page: /Rotate} of a PDF, from pdfinfo (poppler-utils)."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", pdf], capture_output=True,
                          text=True).stdout
    return {int(m.group(1)): int(m.group(2)) % 360
            for m in re.finditer(r"^Page\s+(\d+) rot:\s+(-?\d+)", info, re.M)}


def run_peer(pages, jobs, workdir):
    import img2pdf  # Debian python3-img2pdf, a dependency of ocrmypdf
    src = os.path.join(workdir, "pages.pdf")
    layout = img2pdf.get_fixed_dpi_layout_fun((300, 300))
    with open(src, "wb") as f:
        f.write(img2pdf.convert([p["path"] for p in pages], layout_fun=layout))
    side = os.path.join(workdir, "sidecar.txt")
    out_pdf = os.path.join(workdir, "out.pdf")
    cmd = ["ocrmypdf", "--deskew", "--clean", "--rotate-pages", "-l", "ukr+eng", "--jobs",
           str(jobs), "--sidecar", side, "--force-ocr", src, out_pdf]
    _, stderr, code, wall, rss, tree = timed(cmd)
    if code != 0:
        sys.exit("ocrmypdf failed:\n" + stderr[-3000:])
    with open(side, encoding="utf-8") as f:
        texts = f.read().split("\f")
    # --rotate-pages turns a page by setting its /Rotate (clockwise when shown): a page whose
    # content was turned counter-clockwise by X is shown right with /Rotate X. The input PDF
    # has no /Rotate, so the output's is the turn OCRmyPDF found.
    turns = pdf_page_rotations(out_pdf)
    out = []
    for i, p in enumerate(pages):
        t = texts[i] if i < len(texts) else ""
        if "[OCR skipped on page" in t:
            t = ""
        out.append(dict(text=t, blank=not fold(t), skew=None, rotation=turns.get(i + 1),
                        fields={}, timing={}))
    return out, wall, rss, tree


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
    ap.add_argument("--no-latin-look", action="store_true",
                    help="intake without its Latin second look (ocr/latin_second_look.h), to "
                    "measure what the look gives")
    ap.add_argument("--languages", default="", help="Tesseract language string for intake "
                    "(default: intake's own), for comparing language data")
    args = ap.parse_args()
    pages = load_pages(args.corpus, args.pages)
    if args.only:
        names = set(args.only.split(","))
        pages = [p for p in pages if os.path.basename(p["path"]) in names]
    n = len(pages)
    print("pages: %d, jobs: %d, cores online: %d" % (n, args.jobs, os.cpu_count()))
    load = os.getloadavg()
    ours, ours_wall, ours_rss, ours_tree = run_ours(
        args.intake, pages, args.jobs, args.languages,
        ["--no-latin-look"] if args.no_latin_look else [])
    table = ["| pipeline | page class | pages | CER mean / worst | blank right | "
             "orientation right | skew error median / worst | form fields exact |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    table += fmt_rows("intake", summarize(pages, ours), True)
    totals = ["| pipeline | pages/min | peak RSS, all processes | peak RSS, largest process |",
              "| --- | --- | --- | --- |",
              "| intake | %.1f | %.0f MB | %.0f MB |" % (60 * n / ours_wall, ours_tree, ours_rss)]
    if not args.skip_peer:
        with tempfile.TemporaryDirectory() as work:
            peer, peer_wall, peer_rss, peer_tree = run_peer(pages, args.jobs, work)
        table += fmt_rows("OCRmyPDF", summarize(pages, peer), False)
        totals.append("| OCRmyPDF | %.1f | %.0f MB | %.0f MB |" % (60 * n / peer_wall, peer_tree,
                                                                  peer_rss))
        totals.append("| ratio intake/OCRmyPDF | %.2f× | %.2f× | %.2f× |" % (
            peer_wall / ours_wall, ours_tree / peer_tree, ours_rss / peer_rss))
    load_end = os.getloadavg()
    print("load average (1/5/15 min) at start: %.2f %.2f %.2f, at end: %.2f %.2f %.2f" % (
        load + load_end))
    print("\n".join(table))
    print()
    print("\n".join(totals))
    # Per page details, for finding what to fix.
    print()
    for p, r in zip(pages, ours):
        c = cer(p["text"], r["text"]) if p["text"] is not None and not p["blank"] else None
        t = r.get("timing", {})
        print("  %-28s ours: CER %s blank %s turn %s skew %s  CPU ms: cleanup %s osd %s ocr %s" % (
            os.path.basename(p["path"]), "%.2f%%" % (100 * c) if c is not None else "-",
            r["blank"], r["rotation"], r["skew"], t.get("cleanup"), t.get("orientation"),
            t.get("ocr")))


if __name__ == "__main__":
    main()
