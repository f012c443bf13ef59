#!/usr/bin/env python3
"""Seeds one group through the public routes for the benchmarks.

usage: seed.py <base-url> <items> [<command that runs the jar, for admin set-tier>]
prints: <api key> <content type id> <group id> <dbKey> <bucketName>
Items get a title, a summary, a rating (0-4) and a genre; twenty of them render to about 5 KB.
With SEED_TYPES=n (default 1) the items are spread over n content types of the same shape; the
type id printed is the first one's, and the others follow, comma-separated, as a sixth field.
They are written by 8 concurrent writers; with SEED_STATS=<file> the item writes per second go there.
"""
import json
import os
import sys
import time
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
    type_count = int(os.environ.get("SEED_TYPES", "1"))
    if count > 100 and len(sys.argv) > 3:
        # more items than the free tier allows: the operator raises the tier first
        import subprocess
        subprocess.run(sys.argv[3].split() + ["admin", "set-tier", group["groupID"], "pro" if count <= 10000 else "proplus"], check=True,
                       stdout=subprocess.DEVNULL)

    content_types = [
        call(base, "POST", f"/api/groups/{group['groupID']}/content-types",
             {"name": "Shows" if t == 0 else f"Shows {t + 1}", "fields": fields}, token)
        for t in range(type_count)]
    content_type = content_types[0]

    import http.client
    import threading
    from urllib.parse import urlsplit
    local = threading.local()
    address = urlsplit(base)

    def create(i):
        # one kept-alive connection per writer, as a real client (and a load balancer) would use
        value = {"title": f"Show {i}", "summary": f"Show {i}: an evening of live music.", "rating": i % 5,
                 "genre": ["drama", "comedy", "music"][i % 3]}
        target = content_types[i % type_count]
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection(address.hostname, address.port)
        for attempt in range(5):
            local.connection.request(
                "POST", f"/api/groups/{group['groupID']}/content-types/{target['_id']}/items",
                body=json.dumps({"objectValue": value, "publishDate": "2026-01-01T00:00:00Z"}).encode(),
                headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
            response = local.connection.getresponse()
            body = response.read()
            if response.status not in (429, 503):
                break
            # the store or a limit asks to come back later: a real client would, so the seeding does
            print(f"item write answered {response.status}, retrying", file=sys.stderr)
            time.sleep(float(response.getheader("Retry-After") or "1"))
        if response.status != 201:
            raise RuntimeError(f"item write answered {response.status}: {body[:200]!r}")

    from concurrent.futures import ThreadPoolExecutor
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(create, range(count)))
    elapsed = time.monotonic() - started
    if os.environ.get("SEED_STATS"):
        with open(os.environ["SEED_STATS"], "w") as stats:
            stats.write(f"{count / elapsed:.1f} {elapsed:.2f}\n")
    fields_out = [key, content_type["_id"], group["groupID"], group["dbKey"], group["bucketName"]]
    if type_count > 1:
        fields_out.append(",".join(t["_id"] for t in content_types[1:]))
    print(*fields_out)


if __name__ == "__main__":
    main()
