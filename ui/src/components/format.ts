// Display helpers. Money stays a decimal string end to end: it is formatted, never parsed.
import type { Method, Money, RequestStatus, RequestType } from "../bindings";
import {
  METHOD_LABELS,
  METHOD_VALUES,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUS_VALUES,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPE_VALUES,
} from "../ipc.gen";

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

export const REQUEST_TYPES: { value: RequestType; label: string }[] = REQUEST_TYPE_VALUES.map((value) => ({
  value,
  label: REQUEST_TYPE_LABELS[value],
}));

export const REQUEST_STATUSES: { value: RequestStatus; label: string }[] = REQUEST_STATUS_VALUES.map((value) => ({
  value,
  label: REQUEST_STATUS_LABELS[value],
}));

const METHOD_TEXT: Record<Method, { hint: string; note: string }> = {
  weighted_sum: {
    hint: "Score = sum of weight × normalised value",
    note: "Method: weighted sum; weights normalised to 100 %",
  },
  topsis: {
    hint: "Closeness to the ideal candidate",
    note: "Method: TOPSIS (closeness to the ideal; vector normalisation)",
  },
};

export const METHODS: { value: Method; label: string; hint: string; note: string }[] = METHOD_VALUES.map((value) => ({
  value,
  label: METHOD_LABELS[value],
  ...METHOD_TEXT[value],
}));

export function methodLabel(m: Method): string {
  return METHOD_LABELS[m];
}

export function methodNote(m: Method): string {
  return METHOD_TEXT[m].note;
}

/** One colour per candidate, by its position in the request (the same in every chart). */
const CANDIDATE_COLORS = ["#1f5c8a", "#c07a12", "#2e7d5b", "#8a4fa3", "#b3473e", "#3f8fa6", "#6b6f2a", "#7a5a44"];
export function candidateColor(i: number): string {
  return CANDIDATE_COLORS[((i % CANDIDATE_COLORS.length) + CANDIDATE_COLORS.length) % CANDIDATE_COLORS.length] ?? "#1f5c8a";
}

/** A weight or probability (0..1) as a whole percentage, "under 1 %" and "over 99 %" at the ends. */
export function percentWhole(share: number): string {
  const p = share * 100;
  if (p > 0 && p < 1) return "<1 %";
  if (p > 99 && p < 100) return ">99 %";
  return `${Math.round(p)} %`;
}

export function typeLabel(t: RequestType): string {
  return REQUEST_TYPE_LABELS[t];
}

export function statusLabel(s: RequestStatus): string {
  return REQUEST_STATUS_LABELS[s];
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

interface DecimalParts {
  neg: boolean;
  int: string;
  frac: string;
}

/** Splits a decimal string into sign, integer and fraction digits (no leading/trailing zeros). */
function decimalParts(s: string): DecimalParts | null {
  const m = /^\s*([-+]?)(\d*)(?:\.(\d*))?\s*$/.exec(s);
  if (!m || ((m[2] ?? "") === "" && (m[3] ?? "") === "")) return null;
  const int = (m[2] ?? "").replace(/^0+/, "");
  const frac = (m[3] ?? "").replace(/0+$/, "");
  return { neg: m[1] === "-" && (int !== "" || frac !== ""), int, frac };
}

function partsText(p: DecimalParts): string {
  const int = p.int || "0";
  const body = p.frac ? `${int}.${p.frac}` : int;
  return p.neg && body !== "0" ? `-${body}` : body;
}

/** Moves the decimal point by `places` (positive: right) by string manipulation; exact. */
export function shiftDecimal(s: string, places: number): string | null {
  const p = decimalParts(s);
  if (!p) return null;
  let digits = p.int + p.frac;
  let point = p.int.length + places;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, "0");
  return partsText({
    neg: p.neg,
    int: digits.slice(0, point).replace(/^0+/, ""),
    frac: digits.slice(point).replace(/0+$/, ""),
  });
}

/** A rate as the API holds it (a fraction, "0.05") shown as a percentage ("5"). */
export function fractionToPercent(s: string): string {
  return shiftDecimal(s, 2) ?? s;
}

/** A typed percentage ("5", "3.5", "2,5" is rejected) as the API's fraction ("0.05"); null when not a number. */
export function percentToFraction(s: string): string | null {
  const t = s.trim().replace(/\s*%$/, "");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return shiftDecimal(t, -2);
}

/** A fraction ("0.035") as "3.5 %". */
export function formatRate(s: string): string {
  return `${fractionToPercent(s)} %`;
}

/** Compares two decimal strings exactly (-1, 0, 1); unparseable strings sort last. */
export function compareDecimal(a: string, b: string): number {
  const x = decimalParts(a);
  const y = decimalParts(b);
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  if (x.neg !== y.neg) return x.neg ? -1 : 1;
  const sign = x.neg ? -1 : 1;
  if (x.int.length !== y.int.length) return (x.int.length < y.int.length ? -1 : 1) * sign;
  if (x.int !== y.int) return (x.int < y.int ? -1 : 1) * sign;
  const len = Math.max(x.frac.length, y.frac.length);
  const fx = x.frac.padEnd(len, "0");
  const fy = y.frac.padEnd(len, "0");
  if (fx === fy) return 0;
  return (fx < fy ? -1 : 1) * sign;
}

/** "1234567.5" -> "1,234,568": rounded half-up to whole units by string manipulation only. */
export function formatWhole(amount: string): string {
  const m = /^\s*([-+]?)(\d*)(?:\.(\d*))?\s*$/.exec(amount);
  if (!m || ((m[2] ?? "") === "" && (m[3] ?? "") === "")) return amount;
  const raw = (m[2] ?? "").replace(/^0+(?=\d)/, "") || "0";
  const int = (m[3] ?? "").charAt(0) >= "5" ? incrementDigits(raw) : raw;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${m[1] === "-" && !/^0+$/.test(int) ? "-" : ""}${grouped}`;
}

/** A chart-only approximation (from summed floats), always labelled as such. */
export function formatApprox(n: number): string {
  return `≈ ${Math.round(n).toLocaleString("en-US")}`;
}

export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export function monthName(m: number | null | undefined): string {
  return (m ? MONTHS[m - 1] : undefined) ?? "—";
}

/** A backend message about a rate, which speaks in fractions ("0.8 is outside -50 % to 50 %; rates are
 * fractions (0.05 = 5 %)"), restated in the percentages the user typed ("80 % is outside -50 % to 50 %"). */
export function ratePercentMessage(message: string): string {
  return message
    .replace(/^(-?\d*\.?\d+) is outside/, (_m, v: string) => `${fractionToPercent(v)} % is outside`)
    .replace(/; rates are fractions \(0\.05 = 5 %\)/, "");
}
