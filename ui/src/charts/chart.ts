// Helpers shared by the hand-drawn SVG charts (geometry and labels only; no figures).

/** A tooltip: where it points, where its left edge goes, and its lines of text. */
export interface Hover {
  x: number;
  y: number;
  left: number;
  lines: string[];
}

/** Shortens a label that would not fit; the full text goes in its tooltip. */
export function ellipsize(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A round step for about `target` ticks over `range` (chart geometry only). */
export function niceStep(range: number, target = 5): number {
  if (!(range > 0)) return 1;
  const raw = range / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const k = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  return k * mag;
}

/** An axis tick (a round number the chart chose, not a computed figure): 1500000 -> "1.5M". */
export function tickLabel(n: number): string {
  const trim = (s: string) => s.replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1");
  const a = Math.abs(n);
  if (a >= 1e6) return `${trim((n / 1e6).toFixed(2))}M`;
  if (a >= 1e3) return `${trim((n / 1e3).toFixed(1))}k`;
  return String(n);
}

/** Where a tooltip's left edge goes: beside the pointer, inside a chart `wrapWidth` wide. */
export function tipLeft(x: number, wrapWidth: number | undefined): number {
  const w = wrapWidth ?? 960;
  return Math.max(4, Math.min(x + 14, w - 330));
}

/** Axis domain with round ends around [lo, hi] (chart geometry only). */
export function niceDomain(lo: number, hi: number): { min: number; max: number; step: number; ticks: number[] } {
  const span = hi - lo || Math.abs(hi) || 1;
  const step = niceStep(span, 5);
  const min = Math.floor(lo / step) * step;
  const max = Math.max(min + step, Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return { min, max, step, ticks };
}
