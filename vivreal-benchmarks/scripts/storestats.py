#!/usr/bin/env python3
"""A MongoDB-wire store's data, and raw write speed, with no driver (a few lines of OP_MSG and BSON).

usage: storestats.py <port>                         the sum of every database's dataSize (BSON bytes)
       storestats.py <port> collections             documents and BSON bytes per non-empty collection, largest first
       storestats.py <port> write <count> [writers]  inserts <count> item-sized documents into
                                                    storebench.items from <writers> (8) connections,
                                                    one acknowledged insert at a time; prints writes/s
<port> is the embedded store's, from <data-dir>/embedded-store.port.
"""
import socket
import struct
import sys


def encode(doc):
    body = b""
    items = enumerate(doc) if isinstance(doc, list) else doc.items()
    for key, value in items:
        name = str(key).encode() + b"\x00"
        if isinstance(value, bool):
            body += b"\x08" + name + (b"\x01" if value else b"\x00")
        elif isinstance(value, int):
            body += b"\x10" + name + struct.pack("<i", value)
        elif isinstance(value, (dict, list)):
            body += (b"\x04" if isinstance(value, list) else b"\x03") + name + encode(value)
        else:
            raw = value.encode() + b"\x00"
            body += b"\x02" + name + struct.pack("<i", len(raw)) + raw
    return struct.pack("<i", len(body) + 5) + body + b"\x00"


def decode(data, pos=0):
    end = pos + struct.unpack_from("<i", data, pos)[0] - 1
    pos += 4
    doc = {}
    while pos < end:
        kind = data[pos]
        pos += 1
        nul = data.index(b"\x00", pos)
        key = data[pos:nul].decode()
        pos = nul + 1
        if kind == 0x01:
            doc[key] = struct.unpack_from("<d", data, pos)[0]; pos += 8
        elif kind == 0x02:
            n = struct.unpack_from("<i", data, pos)[0]; doc[key] = data[pos + 4:pos + 3 + n].decode(); pos += 4 + n
        elif kind in (0x03, 0x04):
            n = struct.unpack_from("<i", data, pos)[0]; sub = decode(data, pos); pos += n
            doc[key] = list(sub.values()) if kind == 0x04 else sub
        elif kind == 0x07:
            pos += 12
        elif kind == 0x08:
            doc[key] = data[pos] == 1; pos += 1
        elif kind in (0x09, 0x11, 0x12):
            doc[key] = struct.unpack_from("<q", data, pos)[0]; pos += 8
        elif kind == 0x10:
            doc[key] = struct.unpack_from("<i", data, pos)[0]; pos += 4
        elif kind == 0x0A:
            doc[key] = None
        else:
            raise ValueError(f"BSON type {kind} not handled")
    return doc


def command(sock, doc, request_id=[1]):
    request_id[0] += 1
    payload = struct.pack("<I", 0) + b"\x00" + encode(doc)
    sock.sendall(struct.pack("<iiii", 16 + len(payload), request_id[0], 0, 2013) + payload)
    header = recv(sock, 16)
    length = struct.unpack_from("<i", header)[0]
    body = recv(sock, length - 16)
    return decode(body, 5)


def recv(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def write(port, count, writers):
    import threading
    import time
    per = [count // writers + (1 if w < count % writers else 0) for w in range(writers)]

    def run(w):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for i in range(per[w]):
                item = {"groupID": "65a000000000000000000011", "title": f"Show {w}-{i}",
                        "objectValue": {"title": f"Show {w}-{i}", "summary": f"Show {i}: an evening of live music.",
                                        "rating": i % 5, "genre": ["drama", "comedy", "music"][i % 3]},
                        "status": "published"}
                answer = command(sock, {"insert": "items", "documents": [item], "$db": "storebench"})
                if answer.get("ok") != 1.0 or answer.get("n") != 1:
                    raise RuntimeError(f"insert not acknowledged: {answer}")

    threads = [threading.Thread(target=run, args=(w,)) for w in range(writers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{count / (time.monotonic() - started):.1f}")


def main():
    if len(sys.argv) > 2 and sys.argv[2] == "write":
        write(int(sys.argv[1]), int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 8)
        return
    with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as sock:
        names = [d["name"] for d in command(sock, {"listDatabases": 1, "$db": "admin"})["databases"]]
        if len(sys.argv) > 2 and sys.argv[2] == "collections":
            rows = []
            for name in names:
                listed = command(sock, {"listCollections": 1, "$db": name})["cursor"]["firstBatch"]
                for collection in listed:
                    stats = command(sock, {"collStats": collection["name"], "$db": name})
                    label = collection["name"] if name != "vivreal" else "control plane: " + collection["name"]
                    rows.append((int(stats.get("size", 0)), int(stats.get("count", 0)), label))
            for size, count, label in sorted(rows, reverse=True):
                if count == 0:
                    continue
                print(f"{size / 1048576:8.2f} MB {count:8d} docs  {label}")
            return
        print(int(sum(command(sock, {"dbStats": 1, "$db": name}).get("dataSize", 0) for name in names)))


if __name__ == "__main__":
    main()
