#!/usr/bin/env python3
"""Draws the README figures (SVG, no plotting library) from the attachsim command-line tool.

Usage: python3 docs/make_figure.py [path/to/attachsim]   (default build/bin/attachsim)
Writes docs/figures/class_shares.svg and docs/figures/attachment_onset.svg.
"""
import os, re, subprocess, sys, tempfile

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/bin/attachsim"
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "figures")
FONT = 'font-family="Helvetica, Arial, sans-serif"'
SIM, PUB = "#3b6ea8", "#c9a227"


def text(x, y, s, size=12, anchor="middle", extra=""):
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" {FONT} {extra}>{s}</text>'


def svg(w, h, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">\n'
            f'<rect width="{w}" height="{h}" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n")


def class_shares():
    out = subprocess.run([BIN, "validate", "--dyads", "20000", "--seed", "1"],
                         capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        m = re.match(r"(C\d)\s+([ABCD]) % .*?\s(-?[\d.]+)\s+(-?[\d.]+)\.\.(-?[\d.]+)\s+(-?[\d.]+)", line)
        if m:
            rows[(m[1], m[2])] = (float(m[3]), float(m[4]), float(m[5]), float(m[6]))
    panels = [("Low-risk population, 12 months", [("C1", "A"), ("C1", "B"), ("C1", "C"), ("C2", "D")],
               "A/B/C forced 3-way (C1); D 4-way (C2)"),
              ("Mixed-risk “world” population", [("C4", "A"), ("C4", "B"), ("C4", "C"), ("C4", "D")],
               "4-way (C4, Madigan et al. 2023)")]
    W, H, top, base, scale = 760, 380, 70, 310, 3.0  # 3 px per percentage point
    body = [text(W / 2, 22, "Attachment classes: simulated and published targets", 15, extra='font-weight="bold"'),
            text(W / 2, 40, "simulated: attachsim validate --dyads 20000 --seed 1", 11, extra='fill="#555"')]
    for p, (title, keys, note) in enumerate(panels):
        x0 = 60 + p * 360
        body.append(text(x0 + 150, top, title, 13, extra='font-weight="bold"'))
        body.append(text(x0 + 150, base + 42, note, 11, extra='fill="#555"'))
        for v in range(0, 80, 20):
            y = base - v * scale
            body.append(f'<line x1="{x0}" x2="{x0 + 300}" y1="{y}" y2="{y}" stroke="#ddd"/>')
            body.append(text(x0 - 6, y + 4, f"{v}%", 10, "end"))
        for i, key in enumerate(keys):
            target, lo, hi, sim = rows[key]
            cx = x0 + 38 + i * 75
            for dx, val, colour in ((-14, sim, SIM), (14, target, PUB)):
                body.append(f'<rect x="{cx + dx - 12}" y="{base - val * scale:.1f}" width="24" '
                            f'height="{val * scale:.1f}" fill="{colour}"/>')
                top_of = max(val, hi) if colour == PUB else val
                body.append(text(cx + dx, base - top_of * scale - 4, f"{val:.0f}", 10))
            body.append(f'<line x1="{cx + 14}" x2="{cx + 14}" y1="{base - hi * scale:.1f}" '
                        f'y2="{base - lo * scale:.1f}" stroke="#333" stroke-width="1.5"/>')
            for v in (lo, hi):
                body.append(f'<line x1="{cx + 9}" x2="{cx + 19}" y1="{base - v * scale:.1f}" '
                            f'y2="{base - v * scale:.1f}" stroke="#333" stroke-width="1.5"/>')
            body.append(text(cx, base + 18, key[1], 13, extra='font-weight="bold"'))
    for i, (label, colour) in enumerate((("simulated", SIM), ("published target ± tolerance", PUB))):
        body.append(f'<rect x="{230 + i * 130}" y="{H - 22}" width="12" height="12" fill="{colour}"/>')
        body.append(text(246 + i * 130, H - 12, label, 11, "start"))
    return svg(W, H, body)


def onset():
    # One run recorded every day: share_attached of timeseries.csv by age.
    points = []
    with tempfile.TemporaryDirectory() as tmp:
        scenario = os.path.join(tmp, "onset.toml")
        with open(scenario, "w") as f:
            f.write("[run]\ndyads = 10000\nmonths = 18\nseed = 1\n[output]\nrecord_every_days = 1\ndyads = false\n")
        subprocess.run([BIN, "run", scenario, "--out", os.path.join(tmp, "out")], capture_output=True, check=True)
        with open(os.path.join(tmp, "out", "timeseries.csv")) as f:
            header = f.readline().strip().split(",")
            age, attached = header.index("age_days"), header.index("share_attached")
            for line in f:
                row = line.strip().split(",")
                points.append((int(row[age]) / 7, 100 * float(row[attached])))
    W, H, x0, y0, pw, ph = 640, 340, 60, 290, 540, 240
    X = lambda wk: x0 + wk / 80 * pw
    Y = lambda pct: y0 - pct / 100 * ph
    body = [text(W / 2, 22, "Infants with a discriminated attachment, by age (10,000 dyads, seed 1)", 14,
                 extra='font-weight="bold"'),
            f'<rect x="{X(0):.1f}" y="{Y(100):.1f}" width="{X(13) - X(0):.1f}" height="{ph}" fill="#eee"/>',
            text(X(6.5), Y(92), "none yet", 10, extra='fill="#555"'),
            text(X(6.5), Y(86), "(&lt; 13 wk)", 10, extra='fill="#555"')]
    for v in range(0, 101, 20):
        body.append(f'<line x1="{x0}" x2="{x0 + pw}" y1="{Y(v):.1f}" y2="{Y(v):.1f}" stroke="#ddd"/>')
        body.append(text(x0 - 6, Y(v) + 4, f"{v}%", 10, "end"))
    for wk in range(0, 81, 10):
        body.append(text(X(wk), y0 + 16, str(wk), 10))
    body.append(text(x0 + pw / 2, y0 + 34, "age (weeks)", 12))
    # Schaffer & Emerson (1964): about half by 25-32 weeks, about 80% by 40 weeks; band = +/- 1 month
    body.append(f'<line x1="{X(21):.1f}" x2="{X(36):.1f}" y1="{Y(50):.1f}" y2="{Y(50):.1f}" stroke="{PUB}" stroke-width="6" opacity="0.5"/>')
    body.append(f'<line x1="{X(25):.1f}" x2="{X(32):.1f}" y1="{Y(50):.1f}" y2="{Y(50):.1f}" stroke="{PUB}" stroke-width="6"/>')
    body.append(f'<line x1="{X(36):.1f}" x2="{X(44):.1f}" y1="{Y(80):.1f}" y2="{Y(80):.1f}" stroke="{PUB}" stroke-width="6" opacity="0.5"/>')
    body.append(f'<circle cx="{X(40):.1f}" cy="{Y(80):.1f}" r="5" fill="{PUB}"/>')
    body.append(text(X(46), Y(80) + 4, "~80% by 40 wk", 10, "start"))
    body.append(text(X(37), Y(50) + 4, "~50% by 25–32 wk", 10, "start"))
    path = " ".join(f"{'M' if i == 0 else 'L'}{X(w):.1f},{Y(p):.1f}" for i, (w, p) in enumerate(points))
    body.append(f'<path d="{path}" fill="none" stroke="{SIM}" stroke-width="2.5"/>')
    body.append(text(X(62), Y(66), "simulated (timeseries.csv, share_attached)", 10, extra=f'fill="{SIM}"'))
    body.append(text(X(62), Y(58), "target (Schaffer &amp; Emerson 1964); light band ± 1 month", 10, extra='fill="#555"'))
    return svg(W, H, body)


os.makedirs(HERE, exist_ok=True)
open(os.path.join(HERE, "class_shares.svg"), "w").write(class_shares())
open(os.path.join(HERE, "attachment_onset.svg"), "w").write(onset())
print("wrote", os.path.join(HERE, "class_shares.svg"), "and attachment_onset.svg")
