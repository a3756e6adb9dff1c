import type { LifecycleCost } from "../bindings";
import { formatAmount, formatRate, formatWhole } from "../components/format";
import type { Draft, ModelField, ModelKey } from "./costModel";
import { Field } from "../components/fields";

function figure(v: string | null | undefined, cents = false): string {
  return v === null || v === undefined ? "—" : cents ? formatAmount(v) : formatWhole(v);
}

/** The live figures of the cost-model editor, greyed while the typed model does not parse. */
export function CostFigures({
  preview,
  stale,
  orphanError,
  currency,
}: {
  preview: LifecycleCost | null;
  stale: boolean;
  orphanError: string | null;
  currency: string;
}) {
  return (
    <div className={`kpis${stale ? " kpis-stale" : ""}`} aria-live="polite">
      <div className="kpi">
        <span className="kpi-label">Capital (year 0)</span>
        <span className="kpi-value">{figure(preview?.capital)}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Nominal total</span>
        <span className="kpi-value">{figure(preview?.nominal_total)}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">NPV</span>
        <span className="kpi-value">{figure(preview?.npv)}</span>
      </div>
      <div className="kpi kpi-main">
        <span className="kpi-label">EAC per year</span>
        <span className="kpi-value" data-testid="preview-eac">
          {figure(preview?.eac)}
        </span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Cost per use</span>
        <span className="kpi-value">{figure(preview?.cost_per_use, true)}</span>
      </div>
      <div className="kpi-note">
        {stale ? (
          <span className="inline-error">{orphanError ?? "Figures are from the last valid entry; fix the marked field."}</span>
        ) : (
          <span className="subtle">
            Live figures in {currency}, not saved yet
            {preview ? ` · ${preview.expected_life_years} years at ${formatRate(preview.discount_rate)}` : ""}
          </span>
        )}
      </div>
    </div>
  );
}

/** The cost model's fields, in their groups. */
export function CostFieldGroups({
  groups,
  draft,
  errorOf,
  hintOf,
  onChange,
}: {
  groups: { title: string; fields: ModelField[] }[];
  draft: Draft;
  errorOf: (k: ModelKey) => string | undefined;
  hintOf: (f: ModelField) => string | undefined;
  onChange: (key: ModelKey, value: string) => void;
}) {
  return (
    <div className="cost-groups">
      {groups.map((g) => (
        <fieldset key={g.title} className="cost-group">
          <legend>{g.title}</legend>
          {g.fields.map((f) => {
            const hint = hintOf(f);
            return (
              <Field key={f.key} label={f.label} error={errorOf(f.key)} {...(hint ? { hint } : {})}>
                <span className="input-suffix">
                  <input
                    data-testid={`cost-field-${f.key}`}
                    className={`num${errorOf(f.key) ? " invalid" : ""}`}
                    inputMode={f.kind === "years" ? "numeric" : "decimal"}
                    value={draft[f.key]}
                    onChange={(e) => onChange(f.key, e.target.value)}
                  />
                  {f.suffix && <span className="unit">{f.suffix}</span>}
                </span>
              </Field>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
