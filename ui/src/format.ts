// Display helpers. Money stays a decimal string end to end: it is formatted, never parsed.
import type { Money, RequestStatus, RequestType } from "./bindings";

/** Adds one to a string of decimal digits ("0999" -> "1000"). */
function incrementDigits(d: string): string {
  const out = d.split("");
  let i = out.length - 1;
  while (i >= 0) {
    if (out[i] === "9") {
      out[i] = "0";
      i -= 1;
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
  }
  return "1" + out.join("");
}

/** "1234567.5" -> "1,234,567.50" by string manipulation only (half-up beyond 2 decimals). */
export function formatAmount(amount: string): string {
  const m = /^\s*([-+]?)(\d*)(?:\.(\d*))?\s*$/.exec(amount);
  if (!m) return amount;
  const sign = m[1] === "-" ? "-" : "";
  let int = (m[2] ?? "").replace(/^0+(?=\d)/, "") || "0";
  let frac = m[3] ?? "";
  if (frac.length > 2) {
    const roundUp = (frac[2] ?? "0") >= "5";
    frac = frac.slice(0, 2);
    if (roundUp) {
      const joined = incrementDigits(int + frac);
      int = joined.slice(0, joined.length - 2) || "0";
      frac = joined.slice(joined.length - 2);
    }
  }
  frac = frac.padEnd(2, "0");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const isZero = /^[0,]*$/.test(grouped) && /^0*$/.test(frac);
  return `${isZero ? "" : sign}${grouped}.${frac}`;
}

export function formatMoney(m: Money | null | undefined): string {
  if (!m) return "—";
  return `${m.currency} ${formatAmount(m.amount)}`;
}

/** A 0..1 ranking score as points out of 100, one decimal. */
export function points(score: number | null | undefined): string {
  if (score === null || score === undefined) return "—";
  return (score * 100).toFixed(1);
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** A measured value or a mean score for display (not money arithmetic: these are f64 from the ranking). */
export function formatValue(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined) return "—";
  const s = v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return unit ? `${s} ${unit}` : s;
}

export const REQUEST_TYPES: { value: RequestType; label: string }[] = [
  { value: "replacement", label: "Replacement" },
  { value: "new_technology", label: "New technology" },
  { value: "expansion", label: "Expansion" },
];

export const REQUEST_STATUSES: { value: RequestStatus; label: string }[] = [
  { value: "draft", label: "Draft" },
  { value: "in_assessment", label: "In assessment" },
  { value: "recommended", label: "Recommended" },
  { value: "approved", label: "Approved" },
  { value: "deferred", label: "Deferred" },
  { value: "rejected", label: "Rejected" },
];

export function typeLabel(t: RequestType): string {
  return REQUEST_TYPES.find((x) => x.value === t)?.label ?? t;
}

export function statusLabel(s: RequestStatus): string {
  return REQUEST_STATUSES.find((x) => x.value === s)?.label ?? s;
}

/** Colour families per category position, shades per criterion inside the category. */
const FAMILIES: readonly [number, number][] = [
  [212, 55], // blue: clinical
  [268, 38], // violet: EHR and network
  [32, 70], // amber: lifecycle cost
  [150, 40], // green: vendor and service
  [188, 50], // teal
  [340, 45], // rose
];

export function familyColor(categoryIndex: number, shadeIndex = 0, shades = 1): string {
  const fam = FAMILIES[categoryIndex % FAMILIES.length] ?? [212, 55];
  const [h, s] = fam;
  const lo = 34;
  const hi = 72;
  const l = shades <= 1 ? 46 : lo + ((hi - lo) * shadeIndex) / (shades - 1);
  return `hsl(${h} ${s}% ${l.toFixed(0)}%)`;
}
