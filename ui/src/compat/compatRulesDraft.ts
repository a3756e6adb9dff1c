import type { CompatRule, ErrorPayload } from "../bindings";

export interface RowDraft {
  rule: CompatRule;
  points: string;
  cost: string;
}

export type RowField = "points" | "remediation_cost" | "title" | "remediation" | "severity" | "key" | "mds2";
export interface RuleError {
  index: number;
  field: RowField | null;
  message: string;
}

export function draftsOf(rules: CompatRule[]): RowDraft[] {
  return rules.map((rule) => ({ rule, points: String(rule.points), cost: rule.remediation_cost ?? "" }));
}

/** The drafts as rules, or the first row that does not parse. */
export function rulesOf(rows: RowDraft[]): { rules: CompatRule[] } | { error: RuleError } {
  const out: CompatRule[] = [];
  for (const [index, r] of rows.entries()) {
    const pts = r.points.trim();
    if (!/^\d+$/.test(pts) || Number(pts) > 100) {
      return { error: { index, field: "points", message: "Points are a whole number from 0 to 100." } };
    }
    const cost = r.cost.trim().replace(/,/g, "");
    if (cost !== "" && !/^(\d+(\.\d*)?|\.\d+)$/.test(cost)) {
      return { error: { index, field: "remediation_cost", message: "Enter an amount such as 15000 or 2500.50, or leave it empty for none." } };
    }
    out.push({ ...r.rule, points: Number(pts), remediation_cost: cost === "" ? null : cost, remediation: r.rule.remediation.trim() });
  }
  return { rules: out };
}

/** A backend error about the table ("rules[3].rule 'ehr.hl7v2'.points") as the row and column it names. */
export function ruleErrorOf(p: ErrorPayload): RuleError | null {
  if (p.kind !== "validation" || !p.field) return null;
  const m = /\[(\d+)\]/.exec(p.field);
  if (!m) return null;
  const last = p.field.split(".").pop() ?? "";
  const known: RowField[] = ["points", "remediation_cost", "title", "remediation", "severity", "key", "mds2"];
  return { index: Number(m[1]), field: (known as string[]).includes(last) ? (last as RowField) : null, message: p.message };
}
