import type { Judgement } from "../bindings";

// Pairwise comparison (AHP) on Saaty's 1-9 scale. The judgements live in this component and in
// localStorage (per request): the backend computes weights and consistency but does not store them.

/** Position 0..16 on the scale: 0 = A extremely more important (9), 8 = equal, 16 = B extremely (1/9). */
export const POSITIONS = Array.from({ length: 17 }, (_, p) => p);

export function valueAt(p: number): number {
  return p < 8 ? 9 - p : p === 8 ? 1 : 1 / (p - 7);
}

export function positionOf(v: number): number {
  if (v >= 1) return Math.max(0, Math.min(8, 9 - Math.round(v)));
  return Math.max(9, Math.min(16, 7 + Math.round(1 / v)));
}

/** The judgement as the backend takes it: 3, 1 or "1/3". */
export function judgement(v: number): Judgement {
  return v >= 1 ? Math.round(v) : `1/${Math.round(1 / v)}`;
}

/** "3" or "1/3" for display. */
export function judgementText(v: number): string {
  const j = judgement(v);
  return typeof j === "number" ? String(j) : j;
}

export const INTENSITY: Record<number, string> = {
  1: "equally important",
  2: "equally to moderately more important",
  3: "moderately more important",
  4: "moderately to strongly more important",
  5: "strongly more important",
  6: "strongly to very strongly more important",
  7: "very strongly more important",
  8: "very strongly to extremely more important",
  9: "extremely more important",
};

export function verbal(a: string, b: string, v: number): string {
  if (Math.abs(v - 1) < 1e-9) return `${a} and ${b} equally important`;
  const k = v > 1 ? Math.round(v) : Math.round(1 / v);
  return `${v > 1 ? a : b} ${INTENSITY[k] ?? ""} (${judgementText(v)})`;
}

/** A ratio the weights imply, as "≈ 2.4" or "≈ 1/2.4". */
export function ratioText(r: number): string {
  return r >= 1 ? `≈ ${r.toFixed(1)}` : `≈ 1/${(1 / r).toFixed(1)}`;
}
