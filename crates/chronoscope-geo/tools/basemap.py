#!/usr/bin/env python3
"""Builds crates/chronoscope-geo/assets/basemap.bin, the map the app draws
under its events, from Natural Earth's data as the npm package world-atlas
redistributes it (TopoJSON, version 2.x).

Input: the package world-atlas@2 from the npm registry (Natural Earth 4.1.0,
public domain; the package itself is ISC-licensed, by Mike Bostock). Only
countries-110m.json and countries-50m.json are read: each holds the
countries and the land merged from them, sharing one set of arcs, so that
coastlines and borders meet exactly. (The package's land-*.json come from
Natural Earth's separate land layer, whose coastline is almost but not quite
the countries' one.)

To rerun (Python 3 standard library only; the output is deterministic):

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python3 crates/chronoscope-geo/tools/basemap.py /tmp/package \
        crates/chronoscope-geo/assets/basemap.bin

What the asset holds, per level of detail (110m first, then 50m):
  * coast: the land's rings as polylines;
  * borders: the arcs shared by two countries (each drawn once);
and, once, a label per country (from 50m): its name, a point well inside
its largest polygon, and a rank that gives the zoom from which it is shown.

Every polyline is split where it crosses the antimeridian (no segment spans
more than 180 degrees of longitude), loses the edges that only close a
polygon along the antimeridian or the south pole (not coasts), and is cut
into pieces of at most MAX_POINTS points so that the app can skip the
pieces outside its view by their bounding boxes.

Format (all integers little-endian; "varint" is LEB128, "zigzag" maps
signed to unsigned as protobuf does; coordinates in units of 1e-4 degree):

    b"CHBM", u8 version (1)
    varint length, UTF-8 attribution
    u8 number of levels (2: coarse, fine)
    per level, two line sets (coast, then borders):
        varint number of polylines
        per polyline: varint number of points (>= 2), then per point
        zigzag varint dlon, zigzag varint dlat, each the difference from
        the previous point of the set (from 0, 0 for the set's first)
    varint number of labels
    per label: varint length, UTF-8 name, zigzag varint lon,
        zigzag varint lat (absolute), u8 rank (the zoom from which it is
        shown, in quarters of a zoom level); labels sorted by rank.
"""

import heapq
import json
import math
import sys
from pathlib import Path

MAGIC = b"CHBM"
VERSION = 1
UNIT = 1e-4  # degrees per stored unit
MAX_POINTS = 256  # points per polyline piece, for culling by bounding box
ATTRIBUTION = "Natural Earth (public domain), via world-atlas {version}"
# Screen area (pixels squared) a country's largest polygon must cover on
# the Web Mercator map before its name is shown: France's at about zoom 2.5.
LABEL_PIXELS = 1500.0
TILE = 256.0
LABEL_LAT = 85.0  # polygons are clamped to this latitude for labels
LABEL_RING_POINTS = 600  # rings are thinned to this many points for labels


def decode_arcs(topo):
    """The topology's arcs as lists of (lon, lat) in degrees."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(arcs, ring):
    """A ring (a list of arc indices, ~i meaning arc i reversed) as points."""
    out = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        out.extend(arc if not out else arc[1:])
    return out


def polygons(geometry):
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def quantise(point):
    return (round(point[0] / UNIT), round(point[1] / UNIT))


def is_cut_edge(p, q):
    """An edge that only closes a polygon: along the antimeridian or the
    south pole (Natural Earth cuts polygons there; they are not coasts)."""
    along_meridian = abs(p[0]) == 180.0 and p[0] == q[0]
    along_pole = p[1] < -89.9 and q[1] < -89.9
    return along_meridian or along_pole


def split(points):
    """A polyline as pieces without cut edges nor antimeridian jumps, each
    of at most MAX_POINTS points, quantised, with no repeated points."""
    pieces = []
    current = []

    def finish():
        nonlocal current
        if len(current) >= 2:
            pieces.append(current)
        current = []

    def add(p):
        q = quantise(p)
        if not current or current[-1] != q:
            current.append(q)

    for i, p in enumerate(points):
        if i == 0:
            add(p)
            continue
        prev = points[i - 1]
        if is_cut_edge(prev, p):
            finish()
            add(p)
            continue
        if abs(p[0] - prev[0]) > 180.0:
            edge = 180.0 if prev[0] > 0 else -180.0
            if abs(prev[0]) == 180.0:
                lat = prev[1]
            else:
                lon = p[0] + (360.0 if edge > 0 else -360.0)
                t = (edge - prev[0]) / (lon - prev[0])
                lat = prev[1] + t * (p[1] - prev[1])
                add((edge, lat))
            finish()
            add((-edge, lat))
        add(p)
    finish()

    out = []
    for piece in pieces:
        start = 0
        while start < len(piece) - 1:
            end = min(start + MAX_POINTS, len(piece))
            out.append(piece[start:end])
            start = end - 1
    return out


def coast_lines(topo, arcs):
    lines = []
    for geometry in topo["objects"]["land"]["geometries"]:
        for polygon in polygons(geometry):
            for ring in polygon:
                lines.extend(split(ring_points(arcs, ring)))
    return lines


def border_lines(topo, arcs):
    """The arcs that two different countries share, each once."""
    users = {}

    def walk(node, country):
        if isinstance(node, int):
            users.setdefault(node if node >= 0 else ~node, set()).add(country)
        else:
            for child in node:
                walk(child, country)

    for country, geometry in enumerate(topo["objects"]["countries"]["geometries"]):
        walk(geometry.get("arcs", []), country)
    lines = []
    for index in sorted(users):
        if len(users[index]) >= 2:
            lines.extend(split(arcs[index]))
    return lines


# Labels ---------------------------------------------------------------


def mercator_y(lat):
    """Web Mercator's y in degrees-like units (±180 at its square's edge)."""
    lat = max(-LABEL_LAT, min(LABEL_LAT, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def inverse_mercator_y(y):
    return math.degrees(math.atan(math.sinh(math.radians(y))))


def unwrap(points):
    """Longitudes made continuous along the ring (they may pass ±180), and
    the ring closed along the pole if it goes round it (Antarctica)."""
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180.0:
            lon -= 360.0
        while lon - prev < -180.0:
            lon += 360.0
        out.append((lon, lat))
    turn = out[-1][0] - out[0][0]
    if abs(turn) > 180.0:
        pole = -90.0 if sum(p[1] for p in out) < 0 else 90.0
        out.append((out[-1][0], pole))
        out.append((out[0][0], pole))
    return out


def shoelace(ring):
    area = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        area += x0 * y1 - x1 * y0
    return area / 2.0


def equal_area(ring):
    """Area on the sphere (in lon-degrees × sin(lat)), what 'largest' means."""
    return abs(shoelace([(x, math.sin(math.radians(y))) for x, y in ring]))


def thin(ring):
    step = max(1, math.ceil(len(ring) / LABEL_RING_POINTS))
    return ring[::step]


def segment_distance_sq(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    if dx or dy:
        t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
        if t > 1:
            ax, ay = bx, by
        elif t > 0:
            ax += dx * t
            ay += dy * t
    dx, dy = px - ax, py - ay
    return dx * dx + dy * dy


def signed_distance(x, y, rings):
    """Distance from (x, y) to the polygon's outline, negative outside."""
    inside = False
    best = math.inf
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            best = min(best, segment_distance_sq(x, y, ax, ay, bx, by))
    distance = math.sqrt(best)
    return distance if inside else -distance


def polylabel(rings):
    """The point inside the polygon farthest from its outline (Mapbox's
    polylabel: a quadtree of cells, best first)."""
    outer = rings[0]
    min_x = min(p[0] for p in outer)
    max_x = max(p[0] for p in outer)
    min_y = min(p[1] for p in outer)
    max_y = max(p[1] for p in outer)
    size = min(max_x - min_x, max_y - min_y)
    if size <= 0:
        return outer[0]
    precision = max(max_x - min_x, max_y - min_y) / 200.0
    heap = []
    counter = 0

    def push(x, y, half):
        nonlocal counter
        d = signed_distance(x, y, rings)
        counter += 1
        heapq.heappush(heap, (-(d + half * math.sqrt(2)), counter, x, y, half, d))
        return (d, x, y)

    best = push((min_x + max_x) / 2, (min_y + max_y) / 2, 0.0)
    half = size / 2
    x = min_x
    while x < max_x:
        y = min_y
        while y < max_y:
            push(x + half, y + half, half)
            y += size
        x += size
    while heap:
        neg_max, _, x, y, h, d = heapq.heappop(heap)
        if d > best[0]:
            best = (d, x, y)
        if -neg_max - best[0] <= precision:
            continue
        h /= 2
        for cx, cy in ((x - h, y - h), (x + h, y - h), (x - h, y + h), (x + h, y + h)):
            push(cx, cy, h)
    return best[1], best[2]


def labels(topo, arcs):
    out = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name")
        if not name:
            continue
        best = None
        for polygon in polygons(geometry):
            rings = [ring_points(arcs, ring) for ring in polygon]
            # A ring all at the pole only closes Antarctica, it bounds nothing.
            rings = [r for r in rings if any(abs(p[1]) < 89.9 for p in r)]
            if not rings:
                continue
            rings = [unwrap(r) for r in rings]
            # Holes on the same copy of the world as the outer ring.
            centre = rings[0][0][0]
            for i in range(1, len(rings)):
                shift = round((centre - rings[i][0][0]) / 360.0) * 360.0
                rings[i] = [(x + shift, y) for x, y in rings[i]]
            area = equal_area(rings[0]) - sum(equal_area(r) for r in rings[1:])
            if best is None or area > best[0]:
                best = (area, rings)
        if best is None:
            continue
        projected = [[(x, mercator_y(y)) for x, y in thin(r)] for r in best[1]]
        screen_area = abs(shoelace(projected[0])) - sum(
            abs(shoelace(r)) for r in projected[1:]
        )
        x, y = polylabel(projected)
        lon = (x + 180.0) % 360.0 - 180.0
        lat = inverse_mercator_y(y)
        # The area as a fraction of the Mercator square (360 × 360 units);
        # its pixels at zoom z are that × (256 × 2^z)².
        fraction = max(screen_area, 1e-12) / (360.0 * 360.0)
        zoom = 0.5 * math.log2(LABEL_PIXELS / (fraction * TILE * TILE))
        rank = max(0, min(255, round(zoom * 4)))
        out.append((rank, -screen_area, name, lon, lat))
    out.sort()
    return [(name, lon, lat, rank) for rank, _, name, lon, lat in out]


# Encoding -------------------------------------------------------------


def varint(value):
    assert value >= 0
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(value):
    return varint(value * 2 if value >= 0 else -value * 2 - 1)


def text(value):
    data = value.encode("utf-8")
    return varint(len(data)) + data


def line_set(lines):
    out = bytearray(varint(len(lines)))
    x = y = 0
    for line in lines:
        out += varint(len(line))
        for px, py in line:
            assert -1_800_000 <= px <= 1_800_000 and -900_000 <= py <= 900_000
            out += zigzag(px - x) + zigzag(py - y)
            x, y = px, py
    return bytes(out)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: basemap.py WORLD_ATLAS_PACKAGE_DIR OUTPUT.bin")
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    package = json.loads((source / "package.json").read_text())
    if package.get("name") != "world-atlas" or not package["version"].startswith("2."):
        sys.exit(f"expected world-atlas 2.x in {source}")
    out = bytearray(MAGIC + bytes([VERSION]))
    out += text(ATTRIBUTION.format(version=package["version"]))
    levels = ["110m", "50m"]
    out.append(len(levels))
    fine = None
    for level in levels:
        topo = json.loads((source / f"countries-{level}.json").read_text())
        arcs = decode_arcs(topo)
        coast = coast_lines(topo, arcs)
        borders = border_lines(topo, arcs)
        points = sum(len(line) for line in coast + borders)
        print(f"{level}: {len(coast)} coast, {len(borders)} border polylines, {points} points")
        out += line_set(coast) + line_set(borders)
        fine = (topo, arcs)
    names = labels(*fine)
    print(f"{len(names)} labels")
    out += varint(len(names))
    for name, lon, lat, rank in names:
        qlon, qlat = quantise((lon, lat))
        out += text(name) + zigzag(qlon) + zigzag(qlat) + bytes([rank])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(out))
    print(f"{target}: {len(out)} bytes")


if __name__ == "__main__":
    main()
