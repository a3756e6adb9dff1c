import type { CriterionSweep, SensitivityResult } from "../bindings";
import { points } from "../components/format";

// Names, colours and score labels shared by the sensitivity charts and tables.

/** A score as the ranking shows it: points of 100 (weighted sum) or closeness 0..1 (TOPSIS). */
export function scoreLabel(topsis: boolean, v: number): string {
  return topsis ? v.toFixed(3) : points(v);
}

/** The sweep whose break-even lies nearest its current weight (the most fragile criterion). */
export function nearestSweep(r: SensitivityResult): CriterionSweep | null {
  let best: { s: CriterionSweep; d: number } | null = null;
  for (const s of r.one_way) {
    for (const b of s.break_even) {
      const d = Math.abs(b.weight - s.current_weight);
      if (!best || d < best.d) best = { s, d };
    }
  }
  return best?.s ?? r.one_way[0] ?? null;
}

export interface Names {
  name: (altId: string) => string;
  color: (altId: string) => string;
}
