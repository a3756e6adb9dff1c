// Helpers shared by the hand-drawn SVG charts (geometry and labels only; no figures).

/** A tooltip: where it points and its lines of text. */
export interface Hover {
  x: number;
  y: number;
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
