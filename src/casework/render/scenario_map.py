"""The scenario map: an inline SVG drawn at build time (no diagram library, no CDN).

Nodes are laid out in layers by their distance from the start, so a 30+ node graph
stays readable: each layer is one row, and the SVG scales to the page width.
"""

from __future__ import annotations

import html
import textwrap

from casework.content.model import RATING_POINTS, Scenario

W, H, GAP_X, GAP_Y, PAD = 200, 64, 28, 56, 16
FILL = {"start": "#e8eaf6", "stronger": "#e3f2e5", "mixed": "#fff4d6", "weaker": "#fde4e4"}
STROKE = {"start": "#303f9f", "stronger": "#1b5e20", "mixed": "#7a5400", "weaker": "#a51d1d"}


def layers(s: Scenario) -> list[list[str]]:
    depth: dict[str, int] = {}
    if s.start in s.nodes:
        depth[s.start] = 0
        queue = [s.start]
        while queue:
            nid = queue.pop(0)
            for ch in s.nodes[nid].choices:
                if ch.goto in s.nodes and ch.goto not in depth:
                    depth[ch.goto] = depth[nid] + 1
                    queue.append(ch.goto)
    last = max(depth.values(), default=-1)
    for nid in s.nodes:
        if nid not in depth:
            last += 1
            depth[nid] = last
    rows: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for nid in s.nodes:
        rows[depth[nid]].append(nid)
    return rows


def node_rating(s: Scenario) -> dict[str, str]:
    best: dict[str, str] = {s.start: "start"}
    for node in s.nodes.values():
        for ch in node.choices:
            cur = best.get(ch.goto)
            if cur == "start":
                continue
            if cur is None or RATING_POINTS[ch.rating] > RATING_POINTS[cur]:
                best[ch.goto] = ch.rating
    return best


def map_svg(s: Scenario, link_prefix: str = "#node-") -> str:
    rows = layers(s)
    widest = max((len(r) for r in rows), default=1)
    width = PAD * 2 + widest * W + (widest - 1) * GAP_X
    height = PAD * 2 + len(rows) * H + (len(rows) - 1) * GAP_Y
    pos: dict[str, tuple[float, float]] = {}
    x0: float
    for y, row in enumerate(rows):
        row_w = len(row) * W + (len(row) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for x, nid in enumerate(row):
            pos[nid] = (x0 + x * (W + GAP_X), PAD + y * (H + GAP_Y))
    rating = node_rating(s)
    title_id = f"map-{s.id}-title"
    out = [
        f'<svg class="cw-map" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" role="group" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">Map of the scenario "{html.escape(s.title)}": {len(s.nodes)} nodes, '
        f'{sum(1 for n in s.nodes.values() if n.ending)} endings</title>',
        '<defs><marker id="cw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for nid, node in s.nodes.items():
        x1, y1 = pos[nid]
        for ch in node.choices:
            if ch.goto not in pos:
                continue
            x2, y2 = pos[ch.goto]
            sx, sy, tx, ty = x1 + W / 2, y1 + H, x2 + W / 2, y2
            colour = STROKE[ch.rating]
            if ty > sy:
                mid = (sy + ty) / 2
                d = f"M{sx:.0f},{sy:.0f} C{sx:.0f},{mid:.0f} {tx:.0f},{mid:.0f} {tx:.0f},{ty:.0f}"
            else:  # a loop back up: go round the side
                side = max(x1, x2) + W + GAP_X / 2
                d = f"M{x1 + W:.0f},{y1 + H / 2:.0f} C{side:.0f},{y1 + H / 2:.0f} {side:.0f},{y2 + H / 2:.0f} {x2 + W:.0f},{y2 + H / 2:.0f}"
            dash = ' stroke-dasharray="6 4"' if ch.rating == "weaker" else (' stroke-dasharray="2 3"' if ch.rating == "mixed" else "")
            out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash} marker-end="url(#cw-arrow)"/>')
    for nid, node in s.nodes.items():
        nx, ny = pos[nid]
        kind = rating.get(nid, "start")
        label = "\n".join(textwrap.wrap(node.title, 26)[:2])
        lines = label.split("\n")
        out.append(f'<a href="{link_prefix}{html.escape(nid)}"><g class="cw-map__node cw-map__node--{kind}">')
        out.append(f'<rect x="{nx:.0f}" y="{ny:.0f}" width="{W}" height="{H}" rx="8" fill="{FILL[kind]}" stroke="{STROKE[kind]}" stroke-width="2"/>')
        if node.ending:
            out.append(f'<rect x="{nx + 4:.0f}" y="{ny + 4:.0f}" width="{W - 8}" height="{H - 8}" rx="6" fill="none" stroke="{STROKE[kind]}" stroke-width="1.5"/>')
        out.append(f'<text x="{nx + 10:.0f}" y="{ny + 18:.0f}" font-size="11" fill="#333">{html.escape(nid)}{" · ending" if node.ending else ""}</text>')
        for i, line in enumerate(lines):
            out.append(f'<text x="{nx + 10:.0f}" y="{ny + 36 + i * 15:.0f}" font-size="13" fill="#111">{html.escape(line)}</text>')
        out.append("</g></a>")
    out.append("</svg>")
    legend = (
        '<p class="cw-map__legend">Key: <span class="cw-badge cw-badge--stronger">stronger</span> solid line · '
        '<span class="cw-badge cw-badge--mixed">mixed</span> dotted · <span class="cw-badge cw-badge--weaker">weaker</span> dashed · '
        "double border = ending.</p>"
    )
    return '<div class="cw-map-wrap">' + "".join(out) + "</div>\n" + legend
