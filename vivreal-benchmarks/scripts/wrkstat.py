#!/usr/bin/env python3
"""Reads wrk --latency output on stdin; prints "<requests/s> <p50 ms> <p99 ms> <non-2xx responses>"."""
import re
import sys

text = sys.stdin.read()


def millis(label):
    match = re.search(r"\s" + re.escape(label) + r"\s+([\d.]+)(us|ms|s)\b", text)
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print("%.0f %.3f %.3f %s" % (rps, millis("50%"), millis("99%"), errors.group(1) if errors else "0"))
