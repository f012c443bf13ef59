#!/usr/bin/env python3
"""Seeds one group through the public routes for the benchmarks.

usage: seed.py <base-url> <items> [<command that runs the jar, for admin set-tier>]
prints: <api key> <content type id> <group id> <dbKey> <bucketName>
Items get a title, a summary, a rating (0-4) and a genre; twenty of them render to about 5 KB.
They are written by 8 concurrent writers; with SEED_STATS=<file> the item writes per second go there.
"""
import json
import sys
import urllib.request


def call(base, method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def main():
    base, count = sys.argv[1], int(sys.argv[2])
    email = "bench@example.com"
    try:
        call(base, "POST", "/auth/signup", {"email": email, "password": "correct horse battery", "name": "Bench"})
    except urllib.error.HTTPError:
        pass
    token = call(base, "POST", "/auth/login", {"email": email, "password": "correct horse battery"})["idToken"]
    group = call(base, "POST", "/api/groups", {"name": "Bench"}, token)
    key = call(base, "GET", f"/api/groups/{group['groupID']}/api-key", token=token)["apiKey"]
    fields = [
        {"name": "title", "type": "text", "required": True},
        {"name": "summary", "type": "longText"},
        {"name": "rating", "type": "integer"},
        {"name": "genre", "type": "enum", "options": ["drama", "comedy", "music"]},
    ]
    content_type = call(base, "POST", f"/api/groups/{group['groupID']}/content-types", {"name": "Shows", "fields": fields}, token)
    if count > 100 and len(sys.argv) > 3:
        # more items than the free tier allows: the operator raises the tier first
        import subprocess
        subprocess.run(sys.argv[3].split() + ["admin", "set-tier", group["groupID"], "pro"], check=True,
                       stdout=subprocess.DEVNULL)

    def create(i):
        value = {"title": f"Show {i}", "summary": f"Show {i}: an evening of live music.", "rating": i % 5,
                 "genre": ["drama", "comedy", "music"][i % 3]}
        call(base, "POST", f"/api/groups/{group['groupID']}/content-types/{content_type['_id']}/items",
             {"objectValue": value, "publishDate": "2026-01-01T00:00:00Z"}, token)

    import os
    import time
    from concurrent.futures import ThreadPoolExecutor
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(create, range(count)))
    elapsed = time.monotonic() - started
    if os.environ.get("SEED_STATS"):
        with open(os.environ["SEED_STATS"], "w") as stats:
            stats.write(f"{count / elapsed:.1f} {elapsed:.2f}\n")
    print(key, content_type["_id"], group["groupID"], group["dbKey"], group["bucketName"])


if __name__ == "__main__":
    main()
