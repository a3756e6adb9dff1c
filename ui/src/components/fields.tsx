import type { ReactNode } from "react";

/** A labelled form field with its inline message. */
export function Field({
  label,
  error,
  hint,
  children,
  wide,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <label className={`field${wide ? " field-wide" : ""}${error ? " field-invalid" : ""}`}>
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </label>
  );
}

/** A group of checkboxes (one value each) under a legend, with its inline message. */
export function CheckGroup<T extends string>({
  legend,
  options,
  values,
  onChange,
  error,
  hint,
  testIdPrefix,
  titles,
  disabled,
}: {
  legend: string;
  options: readonly T[];
  values: readonly T[];
  onChange: (next: T[]) => void;
  error?: string | undefined;
  hint?: string;
  testIdPrefix?: string;
  titles?: Partial<Record<T, string>>;
  disabled?: boolean;
}) {
  return (
    <fieldset className={`field check-group${error ? " field-invalid" : ""}`} disabled={disabled}>
      <legend className="field-label">{legend}</legend>
      <div className="check-options">
        {options.map((o) => (
          <label key={o} className="check" title={titles?.[o]}>
            <input
              type="checkbox"
              checked={values.includes(o)}
              data-testid={testIdPrefix ? `${testIdPrefix}${o}` : undefined}
              onChange={(e) => {
                const set = new Set(values);
                if (e.target.checked) set.add(o);
                else set.delete(o);
                onChange(options.filter((v) => set.has(v)));
              }}
            />
            {o}
          </label>
        ))}
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </fieldset>
  );
}

/** Yes / No / not stated, for a capability the vendor may not have declared. */
export function TriSelect({
  value,
  onChange,
  testId,
}: {
  value: boolean | null;
  onChange: (v: boolean | null) => void;
  testId?: string;
}) {
  return (
    <select
      value={value === null ? "" : value ? "yes" : "no"}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value === "" ? null : e.target.value === "yes")}
      className={value === null ? "unstated" : ""}
    >
      <option value="">Not stated</option>
      <option value="yes">Yes</option>
      <option value="no">No</option>
    </select>
  );
}
