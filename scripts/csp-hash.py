#!/usr/bin/env python3
"""Allows exactly Trunk's inline loader script in the Content-Security-Policy.

Trunk writes a small inline <script type="module"> that starts the wasm; a strict CSP
blocks inline scripts unless their sha256 is listed. This replaces the LOADER_HASH marker
in dist/index.html with the hashes of the inline scripts Trunk wrote, nothing more.
"""
import base64
import hashlib
import pathlib
import re
import sys

path = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist/index.html")
html = path.read_text(encoding="utf-8")
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in scripts
)
if "LOADER_HASH" not in html:
    sys.exit("csp-hash: no LOADER_HASH marker in %s" % path)
path.write_text(html.replace("LOADER_HASH", hashes), encoding="utf-8")
print("csp-hash: allowed %d inline loader script(s)" % len(scripts))
