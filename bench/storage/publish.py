#!/usr/bin/env python3
"""Publish load for bench/storage/run: THREADS threads, each publishing versions of its own package
(bench-pub-<i>) over one keep-alive connection, as libnpmpublish sends them (JSON body with the
base64 tarball). Prints one JSON line: {"publishes": n, "seconds": s, "per_second": r, "errors": e}.

usage: publish.py BASE_URL TOKEN COUNT THREADS PREFIX
"""
import base64, hashlib, http.client, io, json, sys, tarfile, threading, time, urllib.parse

base, token, count, threads, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
u = urllib.parse.urlparse(base)


def body(name, version):
    pj = json.dumps({"name": name, "version": version, "description": "bench"}).encode()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w:gz") as tar:
        for path, data in (("package/package.json", pj), ("package/index.js", b"module.exports = 1;\n" * 200)):
            info = tarfile.TarInfo(path)
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    tgz = raw.getvalue()
    file = f"{name}-{version}.tgz"
    return json.dumps({
        "_id": name, "name": name, "dist-tags": {"latest": version},
        "versions": {version: {"name": name, "version": version, "_id": f"{name}@{version}",
                               "dist": {"integrity": "sha512-" + base64.b64encode(hashlib.sha512(tgz).digest()).decode(),
                                        "shasum": hashlib.sha1(tgz).hexdigest(),
                                        "tarball": f"http://x.invalid/{file}"}}},
        "access": None,
        "_attachments": {file: {"content_type": "application/octet-stream",
                                "data": base64.b64encode(tgz).decode(), "length": len(tgz)}},
    }).encode()


per_thread = count // threads
bodies = [[body(f"{prefix}-{t}", f"1.0.{i}") for i in range(per_thread)] for t in range(threads)]
errors = []


def run(t):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    for b in bodies[t]:
        conn.request("PUT", f"/{prefix}-{t}", body=b, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        if r.status != 201:
            errors.append(r.status)


start = time.monotonic()
ts = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
for t in ts:
    t.start()
for t in ts:
    t.join()
secs = time.monotonic() - start
n = per_thread * threads
print(json.dumps({"publishes": n, "seconds": round(secs, 2), "per_second": round(n / secs, 1), "errors": len(errors)}))
