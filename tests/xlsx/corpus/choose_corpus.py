#!/usr/bin/env python3
"""Chooses the differential corpus (tests/xlsx/differential.rs) from the test files of public
projects, and copies the chosen files out of their git repositories.

    python3 choose_corpus.py MIRRORS OUT     # MIRRORS: a folder of bare clones named owner+name/repo

It writes `manifest.tsv` here (one line per file: name in the corpus, repository, commit, path,
licence, bytes, sha256, producer) and the files into OUT. Only the repositories of REPOS are
read, each under the licence named there (checked by hand: MIT, Apache-2.0, BSD-3-Clause all
allow redistribution with the notice, which the manifest names).

How files are chosen (a corpus for variety, not volume):
1. every .xlsx / .xlsm / .xltx at the repository's newest commit, at most MAX_BYTES each;
   identical files (same sha256) once;
2. each file's producer from docProps/app.xml (<Application>, <AppVersion>), "none" without one
   (files written by libraries);
3. every file of a producer other than Microsoft Excel and "none", and every file that shows
   one of the cases of issue 18 (a chart, dialog or macro sheet; a hidden sheet; an active tab
   other than the first; a zero-padding or literal number format; a formula without a result;
   a cell past column ZZ; a part not in UTF-8; an encrypted container; not an active tab past
   the first, which is common);
4. then Excel and library files, smallest first, round-robin over repositories, until the
   corpus reaches BUDGET bytes.
"""
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile

MAX_BYTES = 600_000
BUDGET = 12_000_000
REPOS = {
    "tafia/calamine": "MIT",
    "jmcnamara/rust_xlsxwriter": "MIT OR Apache-2.0",
    "ExcelDataReader/ExcelDataReader": "MIT",
    "PHPOffice/PhpSpreadsheet": "MIT",
    "ClosedXML/ClosedXML": "MIT",
    "SheetJS/test_files": "Apache-2.0",
    "exceljs/exceljs": "MIT",
    "roo-rb/roo": "MIT",
    "tidyverse/readxl": "MIT",
    "nacnudus/tidyxl": "MIT",
    "qax-os/excelize": "BSD-3-Clause",
    "alibaba/easyexcel": "Apache-2.0",
    "dotnetcore/Magicodes.IE": "MIT",
    "apache/poi": "Apache-2.0",
}
CFB = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def producer(z):
    try:
        app = z.read("docProps/app.xml").decode("utf-8", "replace")
    except KeyError:
        return "none"
    name = re.search(r"<(?:\w+:)?Application>([^<]*)<", app)
    version = re.search(r"<(?:\w+:)?AppVersion>([^<]*)<", app)
    if not name:
        return "none"
    made_by = name.group(1) + (" " + version.group(1) if version else "")
    return " ".join(made_by.split())


def cases(data):
    """The cases of issue 18 a file shows."""
    if data.startswith(CFB):
        return ["encrypted"] if b"E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o" in data else ["cfb"]
    found = set()
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        for info in z.infolist():
            if info.file_size > 20_000_000:
                continue
            part = z.read(info)
            name = info.filename.lower()
            if part[:2] in (b"\xff\xfe", b"\xfe\xff") or part[:2] in (b"<\0", b"\0<"):
                found.add("utf16-part")
            head = part[:100]
            if b"encoding=" in head and not re.search(rb'encoding="utf-?8"', head, re.I):
                found.add("declared-encoding")
            if name.endswith("workbook.xml.rels"):
                for kind in (b"chartsheet", b"dialogsheet", b"Macrosheet"):
                    if kind in part:
                        found.add(kind.decode().lower())
            if name.endswith("workbook.xml"):
                if re.search(rb'state="(hidden|veryHidden)"', part):
                    found.add("hidden-sheet")
                if re.search(rb'activeTab="[1-9]', part):
                    found.add("active-tab")
            if name.endswith("styles.xml"):
                for code in re.findall(rb'formatCode="([^"]*)"', part):
                    if re.fullmatch(rb"0{2,}|(&quot;[^&]*&quot;|\\.)+0+|0+(&quot;[^&]*&quot;|\\.)+", code):
                        found.add("integer-format")
            if "worksheets/" in name and name.endswith(".xml"):
                if re.search(rb"</(?:\w+:)?f>\s*(?:<(?:\w+:)?v\s*/>|</(?:\w+:)?c>)", part):
                    found.add("formula-no-value")
                if re.search(rb'r="[A-Z]{3}\d', part):
                    found.add("far-column")
    except (zipfile.BadZipFile, KeyError, OSError, NotImplementedError):
        found.add("broken-zip")
    return sorted(found)


def main(mirrors, out):
    seen = {}
    candidates = []
    for repo, licence in REPOS.items():
        git_dir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
        commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
        for line in git(git_dir, "ls-tree", "-r", "-l", "HEAD").decode("utf-8", "replace").splitlines():
            meta, path = line.split("\t", 1)
            _, kind, sha, size = meta.split()
            if kind != "blob" or not size.isdigit() or int(size) > MAX_BYTES:
                continue
            if not re.search(r"\.(xlsx|xlsm|xltx)$", path, re.I):
                continue
            try:
                data = git(git_dir, "cat-file", "blob", sha)
            except subprocess.CalledProcessError:
                continue  # not in the snapshot
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen or data.startswith(b"version https://git-lfs"):
                continue
            seen[digest] = path
            try:
                made_by = producer(zipfile.ZipFile(io.BytesIO(data)))
            except (zipfile.BadZipFile, OSError):
                made_by = "not a zip"
            candidates.append(dict(repo=repo, commit=commit, path=path, licence=licence,
                                   data=data, sha256=digest, producer=made_by, cases=cases(data)))
    common = lambda c: c["producer"] == "none" or c["producer"].startswith("Microsoft Excel")
    # An active tab past the first is common in Excel's files: counted, not a reason to choose.
    rare = lambda c: [case for case in c["cases"] if case != "active-tab"]
    chosen = [c for c in candidates if not common(c) or rare(c)]
    rest = sorted((c for c in candidates if common(c) and not rare(c)), key=lambda c: len(c["data"]))
    total = sum(len(c["data"]) for c in chosen)
    by_repo = {}
    for c in rest:
        by_repo.setdefault(c["repo"], []).append(c)
    while total < BUDGET and any(by_repo.values()):
        for repo in list(by_repo):
            if by_repo[repo] and total < BUDGET:
                c = by_repo[repo].pop(0)
                chosen.append(c)
                total += len(c["data"])
    os.makedirs(out, exist_ok=True)
    chosen.sort(key=lambda c: (c["repo"], c["path"]))
    lines = ["# name\trepository\tcommit\tpath\tlicence\tbytes\tsha256\tproducer\tcases"]
    for c in chosen:
        name = c["repo"].split("/")[1] + "__" + c["path"].replace("/", "__")
        with open(os.path.join(out, name), "wb") as f:
            f.write(c["data"])
        lines.append("\t".join([name, c["repo"], c["commit"], c["path"], c["licence"],
                                str(len(c["data"])), c["sha256"], c["producer"], ",".join(c["cases"])]))
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifest.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(candidates)} distinct candidates, {len(chosen)} chosen, {total} bytes", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
