#!/usr/bin/env python3
"""Allows exactly the page's own inline scripts in the Content-Security-Policy.

index.html has one inline script (the crash notice) and Trunk writes another, a small
<script type="module"> that starts the wasm; a strict CSP blocks inline scripts unless
their sha256 is listed. This replaces the LOADER_HASH marker in the built index.html with
the hashes of the inline scripts it holds, nothing more.

Trunk runs it as a post_build hook (Trunk.toml) on every build, release or debug (so
`trunk serve` works too), on the staged index.html: the path is the argument, else
$TRUNK_STAGING_DIR/index.html.
"""
import base64
import hashlib
import os
import pathlib
import re
import sys

if len(sys.argv) > 1:
    path = pathlib.Path(sys.argv[1])
else:
    path = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", "dist")) / "index.html"
html = path.read_text(encoding="utf-8")
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in scripts
)
if "LOADER_HASH" not in html:
    sys.exit("csp-hash: no LOADER_HASH marker in %s" % path)
path.write_text(html.replace("LOADER_HASH", hashes), encoding="utf-8")
print("csp-hash: allowed %d inline script(s)" % len(scripts))
