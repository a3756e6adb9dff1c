import type {
  DepreciationAndLease,
  DepreciationChoice,
  DepreciationMethod,
  FirstYearConvention,
  LeaseOffer,
  PaymentTiming,
  TaxStatus,
} from "../bindings";
import { fractionToPercent, percentToFraction } from "../components/format";

// A candidate's depreciation choice and lease offer as the form holds them (text as typed)
// and as the engine reads them. Amounts go to the engine as typed: every check (salvage above
// the capital, a life of 0, a lease longer than the device's life) is the engine's. Only
// whole numbers and percentages are read here, to say which field is not one.

/** One lease of the offer: its payments, when they fall, and what the hospital still maintains. */
export type LeaseDraft = { on: boolean; payment: string; timing: PaymentTiming; maintenance: string; option: string };

export type Draft = {
  method: DepreciationMethod;
  convention: FirstYearConvention;
  life: string;
  salvage: string;
  factor: string;
  inService: string;
  leased: boolean;
  term: string;
  taxStatus: TaxStatus;
  taxRate: string;
  buyerMaintenance: string;
  buyerSalvage: string;
  operating: LeaseDraft;
  capital: LeaseDraft;
};

/** The method that takes a factor (the engine refuses one for the others). */
export const FACTOR_METHOD: DepreciationMethod = "double_declining_balance";

const NO_LEASE: LeaseDraft = { on: false, payment: "", timing: "advance", maintenance: "0", option: "" };

export function draftOf(s: DepreciationAndLease): Draft {
  const d = s.depreciation;
  const l = s.lease;
  return {
    method: d.method,
    convention: d.convention,
    life: d.life_years == null ? "" : String(d.life_years),
    salvage: d.salvage ?? "",
    factor: d.factor ?? "",
    inService: d.in_service ?? "",
    leased: l !== null,
    term: l ? String(l.term_years) : "",
    taxStatus: l?.tax_status ?? "non_profit",
    taxRate: l ? fractionToPercent(l.tax_rate) : "0",
    buyerMaintenance: l?.purchase_maintenance_per_year ?? "0",
    buyerSalvage: l?.purchase_salvage ?? "0",
    operating: l?.operating_lease
      ? { on: true, payment: l.operating_lease.payment_per_year, timing: l.operating_lease.timing, maintenance: l.operating_lease.maintenance_per_year, option: "" }
      : NO_LEASE,
    capital: l?.capital_lease
      ? {
          on: true,
          payment: l.capital_lease.payment_per_year,
          timing: l.capital_lease.timing,
          maintenance: l.capital_lease.maintenance_per_year,
          option: l.capital_lease.purchase_option_price,
        }
      : NO_LEASE,
  };
}

/** Blank means "the default"; otherwise the text must be a whole number. */
function whole(text: string): number | undefined | null {
  const t = text.trim();
  if (t === "") return undefined;
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** An amount as typed, or "0" when left blank (the engine reads the text). */
function amount(text: string): string {
  return text.trim() === "" ? "0" : text.trim();
}

function depreciationOf(d: Draft): DepreciationChoice | string {
  const life = whole(d.life);
  if (life === null) return "Depreciation: the life is not a whole number of years";
  const choice: DepreciationChoice = { method: d.method, convention: d.convention };
  if (life !== undefined) choice.life_years = life;
  if (d.salvage.trim() !== "") choice.salvage = d.salvage.trim();
  if (d.method === FACTOR_METHOD && d.factor.trim() !== "") choice.factor = d.factor.trim();
  if (d.inService.trim() !== "") choice.in_service = d.inService.trim();
  return choice;
}

function leaseOf(d: Draft): LeaseOffer | string {
  const term = whole(d.term);
  if (term === null || term === undefined) return "Lease: the term is not a whole number of years";
  const taxRate = d.taxStatus === "for_profit" ? percentToFraction(d.taxRate.trim() === "" ? "0" : d.taxRate) : "0";
  if (taxRate === null) return "Lease: the tax rate is not a percentage";
  const offer: LeaseOffer = {
    term_years: term,
    tax_status: d.taxStatus,
    tax_rate: taxRate,
    purchase_maintenance_per_year: amount(d.buyerMaintenance),
    purchase_salvage: amount(d.buyerSalvage),
  };
  const op = d.operating;
  if (op.on) offer.operating_lease = { payment_per_year: op.payment.trim(), timing: op.timing, maintenance_per_year: amount(op.maintenance) };
  const cap = d.capital;
  if (cap.on) {
    offer.capital_lease = {
      payment_per_year: cap.payment.trim(),
      timing: cap.timing,
      purchase_option_price: cap.option.trim(),
      maintenance_per_year: amount(cap.maintenance),
    };
  }
  return offer;
}

/** The draft as the engine reads it, or the first field that is not a whole number or a percentage. */
export function inputsOf(d: Draft): DepreciationAndLease | string {
  const depreciation = depreciationOf(d);
  if (typeof depreciation === "string") return depreciation;
  if (!d.leased) return { depreciation, lease: null };
  const lease = leaseOf(d);
  return typeof lease === "string" ? lease : { depreciation, lease };
}

/** An error's field as the draft's inputs name it ("inputs.lease.term_years" -> "lease.term_years"). */
export function fieldPath(field: string | null): string | null {
  return field === null ? null : field.replace(/^inputs\./, "");
}
