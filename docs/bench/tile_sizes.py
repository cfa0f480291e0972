#!/usr/bin/env python3
"""Sizes and times of every tile of a plan over its settlement, zoom by zoom, as a running server
cuts them. Start the server with --tile-cache-bytes 0 so that every tile is cut afresh (uncached);
the X-Tile-Cache header says where each tile came from. Sizes are of the uncompressed MVT
(Accept-Encoding: identity); times are the client's, on loopback, one request at a time.

    python3 docs/bench/tile_sizes.py http://127.0.0.1:8080 s500k baseline 10 18 [max tiles per zoom]

At zooms with more tiles than the maximum (default 400), an evenly spread sample is taken.
"""
import json
import math
import sys
import time
import urllib.request


def column(lon, z):
    return int((lon + 180) / 360 * 2 ** z)


def row(lat, z):
    r = math.radians(lat)
    return int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * 2 ** z)


def fetch(url):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        body = r.read()
        source = r.headers.get("X-Tile-Cache", "?")
        status = r.status
    return status, len(body), (time.perf_counter() - t0) * 1000, source


def main():
    base, sid, pid, zmin, zmax = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    limit = int(sys.argv[6]) if len(sys.argv) > 6 else 400
    with urllib.request.urlopen(f"{base}/api/settlements/{sid}") as r:
        west, south, east, north = json.load(r)["bbox"]
    print("zoom  tiles  non-empty  max KB  mean KB  p50 ms  p95 ms  max ms  sources")
    for z in range(zmin, zmax + 1):
        xs = range(column(west, z), column(east, z) + 1)
        ys = range(row(north, z), row(south, z) + 1)
        keys = [(x, y) for x in xs for y in ys]
        if len(keys) > limit:
            step = len(keys) / limit
            keys = [keys[int(i * step)] for i in range(limit)]
        sizes, times, sources = [], [], {}
        for x, y in keys:
            status, size, ms, source = fetch(f"{base}/api/settlements/{sid}/plans/{pid}/tiles/{z}/{x}/{y}.mvt")
            times.append(ms)
            sources[source] = sources.get(source, 0) + 1
            if status == 200:
                sizes.append(size)
        times.sort()
        p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
        print(f"{z:4d}  {len(keys):5d}  {len(sizes):9d}  {max(sizes, default=0) / 1024:6.1f}  "
              f"{(sum(sizes) / len(sizes) if sizes else 0) / 1024:7.1f}  {p(0.5):6.1f}  {p(0.95):6.1f}  {times[-1]:6.1f}  {sources}")


if __name__ == "__main__":
    main()
