import { useRef, useState } from "react";
import type { AssumptionOverrides, Assumptions, ErrorPayload } from "../bindings";
import {
  compareDecimal,
  formatRate,
  fractionToPercent,
  monthName,
  MONTHS,
  percentToFraction,
  ratePercentMessage,
} from "../components/format";
import { Field } from "../components/fields";

// The request's financial assumptions, each saved on its own; empty uses the portfolio default.

export type OverrideKey = keyof AssumptionOverrides;

export function AssumptionInput({
  label,
  field,
  value,
  placeholder,
  suffix,
  hint,
  toText,
  parse,
  onCommit,
  width,
}: {
  label: string;
  field: OverrideKey;
  value: string | null;
  placeholder: string;
  suffix?: string;
  hint: string;
  toText: (v: string) => string;
  parse: (text: string) => { value: string | null } | { error: string };
  onCommit: (field: OverrideKey, value: string | null) => Promise<ErrorPayload | null>;
  width: string;
}) {
  const [text, setText] = useState(value === null ? "" : toText(value));
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState(value);
  const cancelling = useRef(false);
  if (last !== value) {
    // Saved elsewhere (or reloaded): follow it.
    setLast(value);
    setText(value === null ? "" : toText(value));
  }
  const commit = async (t: string) => {
    const parsed = parse(t);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    const same =
      parsed.value === value ||
      (parsed.value !== null && value !== null && field !== "purchase_date" && compareDecimal(parsed.value, value) === 0);
    if (same) return;
    const p = await onCommit(field, parsed.value);
    if (p) setError(field === "discount_rate" || field === "inflation" ? ratePercentMessage(p.message) : p.message);
  };
  return (
    <Field label={label} error={error ?? undefined} hint={hint}>
      <span className="input-suffix">
        <input
          data-testid={`assumption-${field}`}
          className={`num${error ? " invalid" : ""}`}
          style={{ width }}
          value={text}
          placeholder={placeholder}
          inputMode={field === "purchase_date" ? "numeric" : "decimal"}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void commit(e.currentTarget.value);
            } else if (e.key === "Escape") {
              cancelling.current = true;
              setText(value === null ? "" : toText(value));
              setError(null);
            }
          }}
          onBlur={(e) => {
            if (cancelling.current) {
              cancelling.current = false;
              return;
            }
            void commit(e.currentTarget.value);
          }}
        />
        {suffix && <span className="unit">{suffix}</span>}
      </span>
    </Field>
  );
}

export function parseRate(t: string): { value: string | null } | { error: string } {
  if (!t.trim()) return { value: null };
  const f = percentToFraction(t);
  return f === null ? { error: "Enter a percentage, e.g. 5 or 3.5." } : { value: f };
}

export function parseDate(t: string): { value: string | null } | { error: string } {
  const s = t.trim();
  if (!s) return { value: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return { error: "Enter a date as YYYY-MM-DD, e.g. 2026-10-01." };
  return { value: s };
}

export function AssumptionsBar({
  overrides,
  defaults,
  onSave,
}: {
  overrides: AssumptionOverrides;
  defaults: Assumptions;
  onSave: (next: AssumptionOverrides) => Promise<ErrorPayload | null>;
}) {
  const [monthError, setMonthError] = useState<string | null>(null);
  const commit = async (field: OverrideKey, value: string | null) => {
    const next: AssumptionOverrides = { ...overrides };
    if (field === "fiscal_year_start_month") next.fiscal_year_start_month = value === null ? null : Number(value);
    else next[field] = value;
    return onSave(next);
  };
  return (
    <div className="assumptions" aria-label="Financial assumptions of this request">
      <div className="assumptions-title">
        <h4>Assumptions</h4>
        <span className="subtle">This request’s values; empty uses the portfolio default (shown greyed). Saved on Enter or when you leave a field.</span>
      </div>
      <div className="assumptions-fields">
        <AssumptionInput
          label="Discount rate"
          field="discount_rate"
          value={overrides.discount_rate}
          placeholder={fractionToPercent(defaults.discount_rate)}
          suffix="%"
          hint={`Default ${formatRate(defaults.discount_rate)}`}
          toText={fractionToPercent}
          parse={parseRate}
          onCommit={commit}
          width="5.5em"
        />
        <AssumptionInput
          label="Inflation"
          field="inflation"
          value={overrides.inflation}
          placeholder={fractionToPercent(defaults.inflation)}
          suffix="%"
          hint={`Default ${formatRate(defaults.inflation)}; not applied to service`}
          toText={fractionToPercent}
          parse={parseRate}
          onCommit={commit}
          width="5.5em"
        />
        <Field
          label="Fiscal year starts"
          error={monthError ?? undefined}
          hint={`Default ${monthName(defaults.fiscal_year_start_month)}`}
        >
          <select
            data-testid="assumption-fiscal_year_start_month"
            value={overrides.fiscal_year_start_month ?? ""}
            onChange={(e) => {
              const v = e.target.value;
              void commit("fiscal_year_start_month", v === "" ? null : v).then((p) => setMonthError(p ? p.message : null));
            }}
          >
            <option value="">Default ({monthName(defaults.fiscal_year_start_month)})</option>
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </Field>
        <AssumptionInput
          label="Purchase date (year 0)"
          field="purchase_date"
          value={overrides.purchase_date}
          placeholder={defaults.purchase_date ?? "YYYY-MM-DD"}
          hint={defaults.purchase_date ? `Default ${defaults.purchase_date}` : "No default; needed for fiscal years"}
          toText={(v) => v}
          parse={parseDate}
          onCommit={commit}
          width="8.5em"
        />
      </div>
    </div>
  );
}

