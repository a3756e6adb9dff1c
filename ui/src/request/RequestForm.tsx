import { type FormEvent, useState } from "react";
import { errorPayload, fieldName, isFieldError } from "../api";
import type { Department, Method, RequestInput, RequestType } from "../bindings";
import { METHODS, REQUEST_STATUSES, REQUEST_TYPES } from "../components/format";
import { Field } from "../components/fields";
import { useReport } from "../components/report";

const FIELDS = ["title", "department_id", "request_type", "quantity", "fiscal_year", "currency", "justification", "status", "method"] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;

interface Draft {
  title: string;
  department_id: string;
  request_type: RequestType;
  quantity: string;
  fiscal_year: string;
  currency: string;
  justification: string;
  status: RequestInput["status"];
  method: Method;
}

export function emptyRequest(): RequestInput {
  return {
    title: "",
    department_id: 0,
    request_type: "replacement",
    quantity: 1,
    fiscal_year: new Date().getFullYear() + 1,
    justification: "",
    status: "draft",
    currency: "USD",
    method: "weighted_sum",
  };
}

function validate(d: Draft): [RequestInput | null, Errors] {
  const errors: Errors = {};
  if (!d.title.trim()) errors.title = "Give the request a title, e.g. “Replace 40 ICU patient monitors”.";
  const dept = Number(d.department_id);
  if (!d.department_id || !Number.isInteger(dept) || dept <= 0) errors.department_id = "Choose the requesting department.";
  const qty = Number(d.quantity);
  if (!/^\d+$/.test(d.quantity.trim()) || qty < 1) errors.quantity = "Quantity is a whole number of at least 1.";
  const fy = Number(d.fiscal_year);
  if (!/^\d{4}$/.test(d.fiscal_year.trim()) || fy < 2000 || fy > 2100) errors.fiscal_year = "Fiscal year is four digits, e.g. 2027.";
  const cur = d.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(cur)) errors.currency = "Currency is a three-letter ISO code, e.g. USD.";
  if (Object.keys(errors).length) return [null, errors];
  return [
    {
      title: d.title.trim(),
      department_id: dept,
      request_type: d.request_type,
      quantity: qty,
      fiscal_year: fy,
      justification: d.justification.trim(),
      status: d.status,
      currency: cur,
      method: d.method,
    },
    {},
  ];
}

export function RequestForm({
  initial,
  departments,
  submitLabel,
  showStatus,
  onSubmit,
  onCancel,
}: {
  initial: RequestInput;
  departments: Department[];
  submitLabel: string;
  showStatus?: boolean;
  onSubmit: (input: RequestInput) => Promise<void>;
  onCancel: () => void;
}) {
  const report = useReport();
  const [d, setD] = useState<Draft>({
    ...initial,
    department_id: initial.department_id ? String(initial.department_id) : "",
    quantity: String(initial.quantity),
    fiscal_year: String(initial.fiscal_year),
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    setD({ ...d, [k]: e.target.value });
    if (errors[k]) setErrors({ ...errors, [k]: undefined });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const [input, errs] = validate(d);
    setErrors(errs);
    if (!input) return;
    setBusy(true);
    try {
      await onSubmit(input);
    } catch (err) {
      const p = errorPayload(err);
      if (isFieldError(p, FIELDS)) setErrors({ [fieldName(p) as string]: p.message });
      else report(p);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-card" onSubmit={(e) => void submit(e)} noValidate>
      <div className="form-grid">
        <Field label="Title" error={errors.title} wide>
          <input value={d.title} onChange={set("title")} autoFocus placeholder="e.g. Replace 40 ICU patient monitors" data-testid="request-title" />
        </Field>
        <Field
          label="Department"
          error={errors.department_id}
          hint={departments.length === 0 ? "Add a facility and a department under Facilities and departments first." : undefined}
        >
          <select value={d.department_id} onChange={set("department_id")} data-testid="request-department">
            <option value="">Choose…</option>
            {departments.map((dep) => (
              <option key={dep.id} value={dep.id}>
                {dep.name}
                {dep.cost_center ? ` (cost centre ${dep.cost_center})` : ""}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Type" error={errors.request_type}>
          <select value={d.request_type} onChange={set("request_type")}>
            {REQUEST_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Quantity" error={errors.quantity}>
          <input inputMode="numeric" value={d.quantity} onChange={set("quantity")} className="num" data-testid="request-quantity" />
        </Field>
        <Field label="Fiscal year" error={errors.fiscal_year} hint="The year the money is needed">
          <input inputMode="numeric" value={d.fiscal_year} onChange={set("fiscal_year")} className="num" />
        </Field>
        <Field label="Currency" error={errors.currency}>
          <input value={d.currency} onChange={set("currency")} maxLength={3} className="code" />
        </Field>
        <Field label="Ranking method" error={errors.method} hint={METHODS.find((m) => m.value === d.method)?.hint ?? ""}>
          <select value={d.method} onChange={set("method")} data-testid="method-select">
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        {showStatus && (
          <Field label="Status" error={errors.status}>
            <select value={d.status} onChange={set("status")}>
              {REQUEST_STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Justification" error={errors.justification} wide>
          <textarea rows={3} value={d.justification} onChange={set("justification")} placeholder="End of manufacturer support, clinical need, patient safety…" />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="request-submit">
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
