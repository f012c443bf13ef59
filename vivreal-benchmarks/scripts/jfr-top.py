#!/usr/bin/env python3
"""Where a server's request threads spent their CPU, from a JFR recording.

usage: jfr-top.py <recording.jfr> [top=15] [method prefix whose callers to list]

Reads jdk.ExecutionSample events of Tomcat's request threads (http-nio-*) with `jfr print --json`
and prints (1) the hottest methods by self samples (the top frame) and (2) per stage of the
request path the share of samples whose stack passes through it (inclusive) and whose deepest
stage it is (own), as Markdown.
Record with: -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=<file>
"""
import collections
import json
import subprocess
import sys

STAGES = [
    ("Tomcat: read and parse the request", "org.apache.coyote.http11.Http11InputBuffer."),
    ("Tomcat: write the response", "org.apache.coyote.http11.Http11OutputBuffer."),
    ("RequestLog (request id, access line)", "io.vivreal.core.web.RequestLog.doFilter"),
    ("access log line (logback)", "ch.qos.logback.classic.Logger."),
    ("AuthorizerFilter (whole, incl. what it wraps)", "io.vivreal.clientapi.authorizer.AuthorizerFilter.doFilter"),
    ("authorizer decision (cached)", "io.vivreal.authorizer."),
    ("lean path (LeanPathFilter)", "io.vivreal.clientapi.content.LeanPathFilter.doFilter"),
    ("read model lookup", "io.vivreal.clientapi.web.ReadModel."),
    ("DispatcherServlet", "org.springframework.web.servlet.DispatcherServlet.doDispatch"),
    ("Spring Security filter chain", "org.springframework.security.web.FilterChainProxy.doFilter"),
    ("observation / metrics", "org.springframework.web.filter.ServerHttpObservationFilter.doFilterInternal"),
    ("answer timer (AnswerTimings, lean hits and refusals)", "io.vivreal.app.web.HttpServerRequestTimings.record"),
    ("socket read/write (NIO)", "sun.nio.ch."),
]


def frames(event):
    stack = event["values"].get("stackTrace") or {}
    for frame in stack.get("frames", []):
        method = frame["method"]
        yield method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    raw = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
        check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    callee = sys.argv[3] if len(sys.argv) > 3 else None
    callers = collections.Counter()
    self_counts = collections.Counter()
    stage_counts = collections.Counter()
    own_counts = collections.Counter()
    total = 0
    for event in events:
        thread = (event["values"].get("sampledThread") or {}).get("javaName") or ""
        if not thread.startswith("http-nio-"):
            continue
        stack = list(frames(event))
        if not stack:
            continue
        total += 1
        self_counts[stack[0]] += 1
        if callee:
            for i, f in enumerate(stack):
                if f.startswith(callee):
                    callers[" < ".join(stack[i:i + 6])] += 1
                    break
        for name, prefix in STAGES:
            if any(f.startswith(prefix) for f in stack):
                stage_counts[name] += 1
        own = "outside these stages (Tomcat's loop, JDK)"
        for f in stack:
            hit = next((name for name, prefix in STAGES if f.startswith(prefix)), None)
            if hit:
                own = hit
                break
        own_counts[own] += 1
    print(f"{total} samples of request threads in {path}\n")
    print("| hottest methods (self) | share |")
    print("|---|---:|")
    for method, count in self_counts.most_common(top):
        print(f"| `{method}` | {100 * count / max(total, 1):.1f} % |")
    if callee:
        print(f"\ncallers of {callee}:")
        for chain, count in callers.most_common(8):
            print(f"- {count}: {chain}")
    print("\n| stage | inclusive | own (deepest stage on the stack) |")
    print("|---|---:|---:|")
    for name in [n for n, _ in STAGES] + ["outside these stages (Tomcat's loop, JDK)"]:
        print(f"| {name} | {100 * stage_counts[name] / max(total, 1):.1f} % | {100 * own_counts[name] / max(total, 1):.1f} % |")


if __name__ == "__main__":
    main()
