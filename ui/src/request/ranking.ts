import type { RankedCandidate, RankingCriterion, RequestRanking } from "../bindings";
import { familyColor } from "../components/format";

export interface Palette {
  color: Map<number, string>;
  categories: { name: string; color: string; criteria: RankingCriterion[] }[];
}

/** One colour family per category (in tree order), one shade per criterion inside it. */
export function palette(r: RequestRanking): Palette {
  const cats: { name: string; criteria: RankingCriterion[] }[] = [];
  for (const c of r.criteria) {
    const last = cats[cats.length - 1];
    if (last && last.name === c.category) last.criteria.push(c);
    else cats.push({ name: c.category, criteria: [c] });
  }
  const color = new Map<number, string>();
  cats.forEach((cat, i) => cat.criteria.forEach((c, j) => color.set(c.id, familyColor(i, j, cat.criteria.length))));
  return { color, categories: cats.map((c, i) => ({ ...c, color: familyColor(i) })) };
}

export function rankText(c: RankedCandidate): string {
  if (c.rank === null) return "—";
  return c.tied ? `=${c.rank}` : String(c.rank);
}

/** TOPSIS closeness (0..1) as shown: three decimals. */
export function closeness(score: number | null): string {
  return score === null ? "—" : score.toFixed(3);
}
