#!/usr/bin/env python3
"""Writes the build into the service worker, so it can keep exactly this build's files.

Trunk copies public/sw.js to dist/sw.js (beside index.html, so its scope is the app's
directory wherever the site is served). This replaces the worker's markers: __BUILD_ID__
with a hash of every file of the build (names and contents, after the CSP hash is in
index.html), and '__BUILD_FILES__' with the list of those files, relative to the worker;
and drops its whole-line comments (the served copy counts towards the download). A new
build therefore always gives a new worker, which the browser installs as an update.
Run after csp-hash.py: index.html must be final.
"""
import hashlib
import json
import pathlib
import sys

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
worker = dist / "sw.js"
# copy-dir of public/ also copies the template; only the one beside index.html is used.
(dist / "public" / "sw.js").unlink(missing_ok=True)

files = sorted(
    path.relative_to(dist).as_posix()
    for path in dist.rglob("*")
    if path.is_file() and path != worker
)
if "index.html" not in files:
    sys.exit("sw-build: no index.html in %s" % dist)
digest = hashlib.sha256()
for name in files:
    digest.update(name.encode("utf-8") + b"\0")
    digest.update((dist / name).read_bytes())
build = digest.hexdigest()[:16]

text = worker.read_text(encoding="utf-8")
markers = ("'__BUILD_ID__'", "['__BUILD_FILES__']")
if any(marker not in text for marker in markers):
    sys.exit("sw-build: %s lacks the build markers" % worker)
text = text.replace(markers[0], json.dumps(build)).replace(markers[1], json.dumps(files))
# Whole-line comments are for the source; the copy served is part of the download.
text = "".join(line for line in text.splitlines(True) if not line.lstrip().startswith("//"))
worker.write_text(text, encoding="utf-8")
print("sw-build: build %s, %d files kept offline" % (build, len(files)))
