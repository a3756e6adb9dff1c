import { DEFAULT_SENSITIVITY } from "../api";
import type { RequestRanking, SensitivityOptions } from "../bindings";

// The sensitivity settings as typed, and as the options run_sensitivity takes.

export interface Draft {
  samples: string;
  seed: string;
  sampling: "uniform" | "around";
  concentration: string;
  uncertainty: boolean;
}

export type DraftErrors = Partial<Record<"samples" | "seed" | "concentration", string>>;

export function optionsOf(d: Draft, ranking: RequestRanking | null): { options: SensitivityOptions | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const samples = Number(d.samples.replace(/[,\s]/g, ""));
  if (!/^\d+$/.test(d.samples.replace(/[,\s]/g, "")) || samples < 1) errors.samples = "A whole number of samples, e.g. 10,000.";
  const seed = Number(d.seed.trim());
  if (!/^\d+$/.test(d.seed.trim())) errors.seed = "A whole number, 0 or more.";
  const conc = Number(d.concentration.trim());
  if (d.sampling === "around" && !(/^\d*\.?\d+$/.test(d.concentration.trim()) && conc > 0)) {
    errors.concentration = "A positive number, e.g. 30.";
  }
  if (Object.keys(errors).length) return { options: null, errors };
  // Score uncertainty: each judged cell's evaluator spread, as the ranking reports it.
  const valueSd: SensitivityOptions["value_sd"] = {};
  if (d.uncertainty && ranking) {
    for (const c of ranking.candidates) {
      const m: { [k: string]: number } = {};
      for (const cell of c.cells) if (cell.summary && cell.summary.std_dev > 0) m[String(cell.criterion_id)] = cell.summary.std_dev;
      if (Object.keys(m).length) valueSd[String(c.candidate_id)] = m;
    }
  }
  return {
    options: {
      ...DEFAULT_SENSITIVITY,
      samples,
      seed,
      sampling: d.sampling === "uniform" ? { kind: "uniform" } : { kind: "around", concentration: conc },
      value_sd: valueSd,
    },
    errors,
  };
}

export const INITIAL_DRAFT: Draft = {
  samples: DEFAULT_SENSITIVITY.samples.toLocaleString("en-US"),
  seed: String(DEFAULT_SENSITIVITY.seed),
  sampling: "uniform",
  concentration: "30",
  uncertainty: false,
};
