"""The report's one inline stylesheet: screen, and print on A4.

No web font, no image, no ``url()`` other than the patterns defined in the
document itself: the file must open offline and survive an email.
"""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """
:root {
  color: #1a1a1a;
  background: #fff;
  font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans",
    "DejaVu Sans", sans-serif;
  font-size: 15px;
  line-height: 1.45;
}
body { max-width: 1120px; margin: 0 auto; padding: 20px 28px 40px; }
h1 { font-size: 1.7em; margin: 0 0 0.1em; }
h2 {
  font-size: 1.3em;
  margin: 1.6em 0 0.5em;
  padding-bottom: 0.15em;
  border-bottom: 2px solid #1a1a1a;
}
h3 { font-size: 1.08em; margin: 1.2em 0 0.4em; }
p { margin: 0.4em 0; max-width: 75em; }
.grid-name { font-size: 1.15em; margin: 0 0 0.6em; }
dl.meta {
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 0.1em 1em;
  margin: 0.4em 0 1em;
  font-size: 0.92em;
}
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
code, .hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.2em 0 0.4em; }
th, td {
  text-align: left;
  vertical-align: middle;
  padding: 4px 7px;
  border-bottom: 1px solid #c8c8c8;
}
thead th { vertical-align: bottom; border-bottom: 2px solid #1a1a1a; font-size: 0.9em; }
tbody th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.chart, th.chart { width: 1%; white-space: nowrap; }
.pid {
  font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-weight: 400;
  font-size: 0.9em;
}
.pname { display: block; font-weight: 600; }
th[scope="row"] { min-width: 9em; }
.sentence { display: block; font-size: 0.86em; color: #333; }
td.robust { min-width: 16em; }
tr.ineligible th, tr.ineligible td { background: #f3f3f3; color: #3a3a3a; }
tr.ineligible td.reason { font-size: 0.92em; }
tr.top-last th, tr.top-last td { border-bottom: 3px double #1a1a1a; }
.badge {
  display: inline-block;
  padding: 0 0.45em;
  border: 2px solid;
  border-radius: 4px;
  font-weight: 700;
  font-size: 0.85em;
  white-space: nowrap;
}
.badge-stays_in { border-style: solid; background: #e2f2e6; color: #14532d; }
.badge-stays_out { border-style: solid; background: #ececec; color: #333; }
.badge-depends { border-style: dashed; background: #fff3d1; color: #5c3d00; }
tr.selected th[scope="row"] { border-left: 4px solid #14532d; }
td.decision { min-width: 9em; }
details.detail { font-weight: 400; margin-top: 0.2em; }
details.detail summary { cursor: pointer; font-size: 0.85em; color: #1f4e8c; }
ul.criteria { list-style: none; padding: 0; margin: 0.3em 0; font-size: 0.85em; }
ul.criteria .clabel { color: #333; }
ul.criteria .cpoints { font-variant-numeric: tabular-nums; }
p.gap { font-size: 0.85em; margin: 0.2em 0; }
.why { display: block; font-size: 0.86em; color: #333; }
.scroll { overflow-x: auto; max-width: 100%; }
main > section { max-width: 100%; overflow-x: auto; }
@media (max-width: 600px) {
  body { padding: 10px 10px 30px; }
  h1 { font-size: 1.3em; }
  dl.meta { grid-template-columns: 1fr; font-size: 0.85em; }
  dl.meta dt { margin-top: 0.3em; }
  th[scope="row"] { min-width: 6em; }
  td.robust { min-width: 10em; }
  td.chart, th.chart { display: none; }
}
.legend {
  display: flex;
  flex-wrap: wrap;
  gap: 0.3em 1.4em;
  margin: 0.3em 0 0.6em;
  padding: 0;
  list-style: none;
}
.legend li { display: flex; align-items: center; gap: 0.4em; }
svg { overflow: visible; vertical-align: middle; }
svg text { font-family: inherit; fill: #111; }
svg text.halo {
  paint-order: stroke;
  stroke: #fff;
  stroke-width: 3px;
  stroke-linejoin: round;
  font-weight: 600;
}
.note { font-size: 0.92em; color: #333; }
.unavailable { border-left: 4px solid #888; padding: 0.3em 0.8em; background: #f5f5f5; }
ul.plain { padding-left: 1.2em; margin: 0.3em 0; }
footer {
  margin-top: 2.5em;
  padding-top: 0.6em;
  border-top: 1px solid #999;
  font-size: 0.85em;
  color: #333;
}
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }

@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  :root { font-size: 9.5pt; }
  main > section, .scroll { overflow: visible; }
  details.detail { display: none; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, caption { break-after: avoid; page-break-after: avoid; }
  tr, li, dl.meta, .legend { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  td.robust { min-width: 0; }
  svg.bar, svg.bar-axis { width: 210px; height: auto; }
  svg.interval, svg.interval-axis { width: 220px; height: auto; }
  th[scope="row"] { min-width: 7em; }
  section.committee, section.grid { break-before: page; page-break-before: always; }
}
"""
