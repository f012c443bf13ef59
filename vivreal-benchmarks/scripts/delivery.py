#!/usr/bin/env python3
"""Delivery pipeline benchmarks against a running server (see delivery.sh, which starts it).

usage: delivery.py <base-url> <data-dir> <jar> latency    [rate=100] [seconds=20]
       delivery.py <base-url> <data-dir> <jar> throughput [items=2000] [channels=8]
       delivery.py <base-url> <data-dir> <jar> fairness   [publications=50] [hanging=20]
prints one line of results (key=value ...).

latency     one webhook channel to a fast local receiver; items published at <rate>/s; the time
            from each publication's acknowledgement (the POST answered 201) to the receiver's
            receipt of its delivery, p50/p99/max, plus missing and duplicate webhook-ids.
throughput  <items> scheduled to go live in the same second, <channels> webhook channels (spread
            over two groups) to a fast receiver: deliveries per second from the first receipt to
            the last.
fairness    group A: <hanging> webhook channels to a server that accepts connections and never
            answers, and one publication a second; group B: one channel to the fast receiver and
            <publications> publications a second apart; B's publish-to-delivered p50/p99.
"""
import json
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from seed import call

PASSWORD = "correct horse battery"


class Receiver:
    """A fast webhook receiver: records (monotonic time, webhook-id, item id) and answers 204."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                now = time.monotonic()
                try:
                    item = json.loads(body)["data"]["itemId"]
                except (ValueError, KeyError, TypeError):
                    item = None
                with owner.lock:
                    owner.received.append((now, self.headers.get("webhook-id"), item, self.path))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def snapshot(self):
        with self.lock:
            return list(self.received)


class Hanging:
    """Accepts connections and never answers."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(512)
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            connection, _ = self.socket.accept()
            self.held.append(connection)

    def url(self, path):
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}{path}"


def account(base):
    email = f"bench-{uuid.uuid4().hex[:10]}@example.com"
    call(base, "POST", "/auth/signup", {"email": email, "password": PASSWORD, "name": "Bench"})
    return call(base, "POST", "/auth/login", {"email": email, "password": PASSWORD})["idToken"]


def group(base, token, data_dir, jar, name):
    created = call(base, "POST", "/api/groups", {"name": name}, token)
    subprocess.run(["java", "-jar", jar, "admin", "set-tier", created["groupID"], "enterprise"], check=True,
                   stdout=subprocess.DEVNULL, env={"VIVREAL_DATA_DIR": data_dir, "PATH": "/usr/bin:/bin"})
    fields = [{"name": "title", "type": "text", "required": True}]
    content_type = call(base, "POST", f"/api/groups/{created['groupID']}/content-types",
                        {"name": "Shows", "fields": fields}, token)
    return created["groupID"], content_type["_id"]


def channel(base, token, group_id, url, name):
    return call(base, "POST", f"/api/groups/{group_id}/channels",
                {"type": "webhook", "name": name,
                 "settings": {"url": url, "signingSecret": "whsec_dGhpcyBpcyBhIHRlc3Qgc2lnbmluZyBrZXkhIQ=="}}, token)["_id"]


def publish(base, token, group_id, type_id, title, when=None):
    when = when or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    item = call(base, "POST", f"/api/groups/{group_id}/content-types/{type_id}/items",
                {"objectValue": {"title": title}, "publishDate": when}, token)
    return item["_id"], time.monotonic()


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def wait_for(receiver, expected, timeout, path=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = [r for r in receiver.snapshot() if path is None or r[3] == path]
        if len({r[1] for r in got}) >= expected:
            return
        time.sleep(0.05)


def latencies(receiver, acknowledged, path=None):
    first = {}
    ids = {}
    for at, webhook_id, item, where in receiver.snapshot():
        if path is not None and where != path:
            continue
        ids.setdefault(webhook_id, 0)
        ids[webhook_id] += 1
        if item in acknowledged and item not in first:
            first[item] = at
    values = [(first[item] - acknowledged[item]) * 1000 for item in first]
    missing = len(set(acknowledged) - set(first))
    duplicates = sum(count - 1 for count in ids.values())
    return values, missing, duplicates


def latency(base, data_dir, jar, rate=100, seconds=20):
    receiver = Receiver()
    token = account(base)
    group_id, type_id = group(base, token, data_dir, jar, "Latency")
    channel(base, token, group_id, receiver.url("/fast"), "fast")
    acknowledged = {}
    total = rate * seconds
    start = time.monotonic()

    def one(i):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        item, at = publish(base, token, group_id, type_id, f"Show {i}")
        acknowledged[item] = at

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(one, range(total)))
    offered = total / (time.monotonic() - start)
    wait_for(receiver, total, 60)
    values, missing, duplicates = latencies(receiver, acknowledged)
    print(f"latency rate={offered:.0f}/s publications={total} p50_ms={percentile(values, 50):.1f} "
          f"p99_ms={percentile(values, 99):.1f} max_ms={max(values):.1f} missing={missing} duplicates={duplicates}")


def throughput(base, data_dir, jar, items=2000, channels=8):
    receiver = Receiver()
    token = account(base)
    groups = [group(base, token, data_dir, jar, f"Throughput {g}") for g in range(2)]
    for c in range(channels):
        group_id, _ = groups[c % 2]
        channel(base, token, group_id, receiver.url(f"/c{c}"), f"c{c}")
    go_live = time.time() + 45
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(go_live))

    def one(i):
        group_id, type_id = groups[i % 2]
        publish(base, token, group_id, type_id, f"Show {i}", when)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(one, range(items)))
    if time.time() > go_live - 2:
        print("throughput: the items took too long to create; raise the go-live delay", file=sys.stderr)
    expected = items * channels // 2
    wait_for(receiver, expected, max(120, go_live - time.time() + 120))
    got = receiver.snapshot()
    times = sorted(r[0] for r in got)
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    unique = len({r[1] for r in got})
    print(f"throughput deliveries={unique} expected={expected} seconds={span:.2f} "
          f"per_second={unique / span:.0f} duplicates={len(got) - unique}")


def fairness(base, data_dir, jar, publications=50, hanging=20):
    receiver = Receiver()
    stuck = Hanging()
    token = account(base)
    a, a_type = group(base, token, data_dir, jar, "Hanging")
    b, b_type = group(base, token, data_dir, jar, "Fast")
    for c in range(hanging):
        channel(base, token, a, stuck.url(f"/h{c}"), f"hanging {c}")
    channel(base, token, b, receiver.url("/b"), "fast")
    acknowledged = {}
    for i in range(publications):
        publish(base, token, a, a_type, f"A {i}")
        item, at = publish(base, token, b, b_type, f"B {i}")
        acknowledged[item] = at
        time.sleep(1)
    wait_for(receiver, publications, 30, "/b")
    values, missing, _ = latencies(receiver, acknowledged, "/b")
    print(f"fairness hanging_channels={hanging} publications={publications} b_p50_ms={percentile(values, 50):.1f} "
          f"b_p99_ms={percentile(values, 99):.1f} b_max_ms={max(values):.1f} b_missing={missing} "
          f"a_connections_held={len(stuck.held)}")


def main():
    base, data_dir, jar, mode = sys.argv[1:5]
    numbers = [int(x) for x in sys.argv[5:]]
    {"latency": latency, "throughput": throughput, "fairness": fairness}[mode](base, data_dir, jar, *numbers)


if __name__ == "__main__":
    main()
