import type { AhpWeighting, RandomIndex } from "../bindings";

// Pairwise comparison (AHP) on Saaty's 1-9 scale. The judgements live in this component and in
// localStorage (per request): the backend computes weights and consistency but does not store them.

export interface Item {
  id: number;
  label: string;
}

export interface Group {
  key: string;
  title: string;
  items: Item[];
  /** Colour family index of the category (criteria groups). */
  family: number | null;
}

export interface Stored {
  judgements: Record<string, number>;
  weighting: AhpWeighting;
  randomIndex: RandomIndex;
}

export const storageKey = (requestId: number) => `caliper.ahp.${requestId}`;

export function load(requestId: number): Stored {
  const empty: Stored = { judgements: {}, weighting: "eigenvector", randomIndex: "saaty1980" };
  try {
    const raw = localStorage.getItem(storageKey(requestId));
    if (!raw) return empty;
    const o = JSON.parse(raw) as Partial<Stored>;
    return {
      judgements: o.judgements && typeof o.judgements === "object" ? o.judgements : {},
      weighting: o.weighting === "geometric_mean" ? "geometric_mean" : "eigenvector",
      randomIndex: o.randomIndex === "saaty2005" || o.randomIndex === "alonso_lamata2006" ? o.randomIndex : "saaty1980",
    };
  } catch {
    return empty;
  }
}

export function getStatic(s: Stored, group: string, a: number, b: number): number {
  const direct = s.judgements[`${group}:${a}:${b}`];
  if (direct !== undefined) return direct;
  const rev = s.judgements[`${group}:${b}:${a}`];
  return rev !== undefined ? 1 / rev : 1;
}
