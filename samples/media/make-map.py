#!/usr/bin/env python3
"""Draws the sample statement's map of Iraq (iraq-map.svg) and rasterises it to iraq-map.png with libvips.

The outline, rivers and towns are approximate, drawn here from rounded coordinates (degrees of longitude and
latitude, equirectangular at 33 degrees north): a schematic map for the bundled sample, not a survey. Labels are in
Russian and English, the statement's two languages. Run from the repository root:
    python3 samples/media/make-map.py
It needs the vips command (Debian: libvips-tools) and the DejaVu Sans font (fonts-dejavu-core).
"""
import math
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
SCALE, MARGIN = 150, 70
WEST, NORTH = 38.4, 37.7
K = math.cos(math.radians(33))

BORDER = [
    (42.36, 37.11), (42.78, 37.38), (43.94, 37.26), (44.29, 37.00), (44.77, 37.17), (45.42, 35.98), (46.08, 35.68),
    (46.15, 35.09), (45.65, 34.75), (45.42, 33.97), (46.11, 33.02), (47.33, 32.47), (47.85, 31.71), (47.69, 30.98),
    (48.00, 30.99), (48.02, 30.45), (48.57, 29.93), (47.97, 29.98), (47.30, 30.06), (46.57, 29.10), (44.71, 29.18),
    (42.08, 31.11), (40.40, 31.89), (39.20, 32.16), (38.79, 33.38), (41.00, 34.42), (41.38, 35.63), (41.29, 36.36),
    (41.84, 36.61),
]
TIGRIS = [(42.40, 37.12), (43.13, 36.34), (43.60, 35.00), (43.88, 34.20), (44.36, 33.31), (45.00, 32.90),
          (45.82, 32.50), (46.60, 31.90), (47.44, 31.00)]
EUPHRATES = [(40.95, 34.45), (41.90, 34.40), (42.40, 34.05), (43.30, 33.42), (43.78, 33.35), (44.30, 32.60),
             (44.40, 32.00), (45.30, 31.30), (46.26, 31.04), (47.44, 31.00)]
SHATT = [(47.44, 31.00), (47.78, 30.51), (48.55, 29.95)]
TOWNS = [("Багдад", "Baghdad", 44.36, 33.31, True), ("Мосул", "Mosul", 43.13, 36.34, False),
         ("Рамади", "Ramadi", 43.30, 33.42, False), ("Басра", "Basra", 47.78, 30.51, False),
         ("Эрбиль", "Erbil", 44.01, 36.19, False), ("Киркук", "Kirkuk", 44.39, 35.47, False)]
NEIGHBOURS = [("Турция", "Turkey", 40.2, 37.35), ("Сирия", "Syria", 39.9, 35.4), ("Иран", "Iran", 47.2, 34.2),
              ("Иордания", "Jordan", 39.0, 31.7), ("Саудовская Аравия", "Saudi Arabia", 42.6, 29.9),
              ("Кувейт", "Kuwait", 47.7, 29.35)]


def xy(lon, lat):
    return MARGIN + (lon - WEST) * K * SCALE, MARGIN + (NORTH - lat) * SCALE


def path(points, close=False):
    return "M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in (xy(*p) for p in points)) + (" Z" if close else "")


width = round(2 * MARGIN + (48.9 - WEST) * K * SCALE)
height = round(2 * MARGIN + (NORTH - 28.9) * SCALE)
parts = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
    'font-family="DejaVu Sans">',
    f'<rect width="{width}" height="{height}" fill="#efe9dc"/>',
    f'<path d="{path(BORDER, True)}" fill="#dfe8c9" stroke="#5b5140" stroke-width="3" stroke-linejoin="round"/>',
]
for river in (TIGRIS, EUPHRATES, SHATT):
    parts.append(f'<path d="{path(river)}" fill="none" stroke="#3f7fb8" stroke-width="4" stroke-linecap="round"/>')
for ru, en, lon, lat in NEIGHBOURS:
    x, y = xy(lon, lat)
    parts.append(f'<text x="{x:.0f}" y="{y:.0f}" font-size="26" fill="#8a806d" text-anchor="middle">{ru}</text>')
    parts.append(f'<text x="{x:.0f}" y="{y + 28:.0f}" font-size="22" fill="#8a806d" text-anchor="middle">{en}</text>')
for ru, en, lon, lat, capital in TOWNS:
    x, y = xy(lon, lat)
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{11 if capital else 7}" fill="#b3261e" stroke="#fff" stroke-width="2"/>')
    parts.append(f'<text x="{x + 16:.0f}" y="{y - 4:.0f}" font-size="{28 if capital else 24}" fill="#222" '
                 f'font-weight="{"bold" if capital else "normal"}">{ru}</text>')
    parts.append(f'<text x="{x + 16:.0f}" y="{y + 22:.0f}" font-size="20" fill="#444">{en}</text>')
parts.append(f'<text x="{MARGIN}" y="{MARGIN - 20}" font-size="36" font-weight="bold" fill="#222">Ирак · Iraq</text>')
parts.append('</svg>')
(HERE / "iraq-map.svg").write_text("\n".join(parts) + "\n", encoding="utf-8")
subprocess.run(["vips", "flatten", str(HERE / "iraq-map.svg"), str(HERE / "iraq-map.png")], check=True)
print(f"wrote samples/media/iraq-map.svg and iraq-map.png ({width} x {height})")
