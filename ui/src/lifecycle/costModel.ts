import type { Candidate, CostModel } from "../bindings";
import { fractionToPercent, percentToFraction } from "../components/format";

// The cost model as typed (rates as percentages) and as the backend takes it (rates as fractions).

export type ModelKey = Exclude<keyof CostModel, "unit_price" | "quantity">;
export type InputKind = "money" | "percent" | "rate" | "years" | "number";
export interface ModelField {
  key: ModelKey;
  label: string;
  kind: InputKind;
  suffix?: string;
  hint?: string;
}

export function modelGroups(currency: string): { title: string; fields: ModelField[] }[] {
  return [
    {
      title: "Acquisition (year 0)",
      fields: [
        { key: "discount_pct", label: "Discount off the quote", kind: "percent", suffix: "%" },
        { key: "trade_in_credit", label: "Trade-in credit", kind: "money", suffix: currency, hint: "Total for the devices traded in" },
        { key: "installation", label: "Installation and site preparation", kind: "money", suffix: currency, hint: "Power, medical gases, network drops" },
        { key: "it_integration", label: "IT integration", kind: "money", suffix: currency, hint: "Interfaces, licences, middleware" },
        { key: "training", label: "Initial training", kind: "money", suffix: currency },
      ],
    },
    {
      title: "Service",
      fields: [
        { key: "warranty_years", label: "Warranty", kind: "years", suffix: "years", hint: "No service contract is paid in these years" },
        { key: "service_annual", label: "Service contract per year after warranty", kind: "money", suffix: currency, hint: "Often 5 to 15 % of the purchase price; year-1 money" },
        { key: "service_escalation", label: "Yearly escalation of the contract", kind: "rate", suffix: "%" },
      ],
    },
    {
      title: "Running costs (per year)",
      fields: [
        { key: "cost_per_use", label: "Consumables cost per use", kind: "money", suffix: currency },
        { key: "annual_uses", label: "Uses per year", kind: "number", suffix: "uses", hint: "Across all devices; also divides EAC into cost per use" },
        { key: "power_watts", label: "Power draw per device", kind: "number", suffix: "W" },
        { key: "hours_per_year", label: "Powered hours per device", kind: "number", suffix: "h/yr", hint: "8760 = always on" },
        { key: "tariff_per_kwh", label: "Electricity tariff", kind: "money", suffix: `${currency}/kWh` },
        { key: "software_annual", label: "Software subscriptions", kind: "money", suffix: currency },
        { key: "staffing_annual", label: "Extra staffing", kind: "money", suffix: currency },
      ],
    },
    {
      title: "End of life",
      fields: [
        { key: "expected_life_years", label: "Expected life", kind: "years", suffix: "years", hint: "1 to 40" },
        { key: "disposal", label: "Disposal and decommissioning", kind: "money", suffix: currency, hint: "In the last year" },
        { key: "residual_value", label: "Residual or resale value", kind: "money", suffix: currency, hint: "Reduces the cost in the last year" },
      ],
    },
  ];
}
export const MODEL_KEYS: ModelKey[] = modelGroups("").flatMap((g) => g.fields.map((f) => f.key));
export const KIND_OF = new Map(modelGroups("").flatMap((g) => g.fields.map((f) => [f.key, f.kind] as const)));

export type Draft = Record<ModelKey, string>;
export type DraftErrors = Partial<Record<ModelKey, string>>;

export const NEW_MODEL: Omit<CostModel, "unit_price" | "quantity"> = {
  discount_pct: "0",
  trade_in_credit: "0",
  installation: "0",
  it_integration: "0",
  training: "0",
  warranty_years: 1,
  service_annual: "0",
  service_escalation: "0",
  cost_per_use: "0",
  annual_uses: "0",
  power_watts: "0",
  hours_per_year: "8760",
  tariff_per_kwh: "0",
  software_annual: "0",
  staffing_annual: "0",
  expected_life_years: 8,
  disposal: "0",
  residual_value: "0",
};

export function draftOf(m: Omit<CostModel, "unit_price" | "quantity">): Draft {
  const d = {} as Draft;
  for (const k of MODEL_KEYS) {
    const v = m[k];
    d[k] = KIND_OF.get(k) === "rate" ? fractionToPercent(String(v)) : String(v);
  }
  return d;
}

/** The typed text as a CostModel (decimal strings kept as typed), or the fields that do not parse. */
export function modelOf(d: Draft, c: Candidate): { model: CostModel | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const out: Partial<Record<ModelKey, string | number>> = {};
  for (const k of MODEL_KEYS) {
    const kind = KIND_OF.get(k);
    const t = d[k].trim().replace(/[,\s]/g, "");
    if (kind === "years") {
      if (!/^\d+$/.test(t)) errors[k] = "Enter a whole number of years.";
      else out[k] = Number(t);
    } else if (kind === "rate") {
      const f = t === "" ? "0" : percentToFraction(t);
      if (f === null) errors[k] = "Enter a percentage, e.g. 3 or 3.5.";
      else out[k] = f;
    } else {
      const v = t === "" ? "0" : t;
      if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(v)) errors[k] = kind === "money" ? "Enter an amount, e.g. 38000 or 3.80." : "Enter a number.";
      else out[k] = v;
    }
  }
  if (Object.keys(errors).length) return { model: null, errors };
  return {
    model: { ...(out as Omit<CostModel, "unit_price" | "quantity">), unit_price: c.unit_price.amount, quantity: c.quantity },
    errors,
  };
}
