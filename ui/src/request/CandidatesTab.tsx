import { type FormEvent, useState } from "react";
import { api, errorPayload, fieldName, isFieldError } from "../api";
import type { Candidate, CandidateInput } from "../bindings";
import { EmptyState } from "../components/display";
import { formatMoney } from "../components/format";
import type { RequestData } from "./useRequestData";
import { ConfirmDialog } from "../components/dialogs";
import { Field } from "../components/fields";
import { useReport } from "../components/report";
import { affects, useApiMutation } from "../app/query";

const FIELDS = [
  ...["manufacturer", "model", "vendor", "fda_product_code", "unit_price", "quantity"] as const,
  ...["quote_date", "valid_until", "notes"] as const,
] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;
type Draft = Record<(typeof FIELDS)[number], string>;

function draftOf(c: Candidate | null, quantity: number): Draft {
  return {
    manufacturer: c?.manufacturer ?? "",
    model: c?.model ?? "",
    vendor: c?.vendor ?? "",
    fda_product_code: c?.fda_product_code ?? "",
    unit_price: c?.unit_price.amount ?? "",
    quantity: String(c?.quantity ?? quantity),
    quote_date: c?.quote_date ?? "",
    valid_until: c?.valid_until ?? "",
    notes: c?.notes ?? "",
  };
}

function validate(d: Draft): [CandidateInput | null, Errors] {
  const errors: Errors = {};
  if (!d.manufacturer.trim()) errors.manufacturer = "Manufacturer is required.";
  if (!d.model.trim()) errors.model = "Model is required.";
  const code = d.fda_product_code.trim().toUpperCase();
  if (code && !/^[A-Z]{3}$/.test(code)) errors.fda_product_code = "FDA product codes are three letters, e.g. MHX.";
  // Checked as text only: the amount goes to the backend as the decimal string typed.
  const price = d.unit_price.trim().replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(price)) errors.unit_price = "Enter the unit price as a decimal amount, e.g. 18500.00.";
  if (!/^\d+$/.test(d.quantity.trim()) || Number(d.quantity) < 1) errors.quantity = "Quantity is a whole number of at least 1.";
  if (Object.keys(errors).length) return [null, errors];
  return [
    {
      manufacturer: d.manufacturer.trim(),
      model: d.model.trim(),
      vendor: d.vendor.trim(),
      fda_product_code: code || null,
      unit_price: price,
      quantity: Number(d.quantity),
      quote_date: d.quote_date || null,
      valid_until: d.valid_until || null,
      notes: d.notes.trim(),
    },
    {},
  ];
}

function CandidateForm({
  initial,
  currency,
  quantity,
  onSubmit,
  onCancel,
}: {
  initial: Candidate | null;
  currency: string;
  quantity: number;
  onSubmit: (input: CandidateInput) => Promise<void>;
  onCancel: () => void;
}) {
  const report = useReport();
  const [d, setD] = useState<Draft>(() => draftOf(initial, quantity));
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
      <h3>{initial ? `Edit ${initial.manufacturer} ${initial.model}` : "Add a candidate"}</h3>
      <div className="form-grid">
        <Field label="Manufacturer" error={errors.manufacturer}>
          <input value={d.manufacturer} onChange={set("manufacturer")} autoFocus />
        </Field>
        <Field label="Model" error={errors.model}>
          <input value={d.model} onChange={set("model")} />
        </Field>
        <Field label="Vendor" error={errors.vendor} hint="Who quotes it (manufacturer or distributor)">
          <input value={d.vendor} onChange={set("vendor")} />
        </Field>
        <Field label="FDA product code" error={errors.fda_product_code} hint="FDA product classification, 3 letters">
          <input value={d.fda_product_code} onChange={set("fda_product_code")} maxLength={3} className="code" />
        </Field>
        <Field label={`Unit price (${currency})`} error={errors.unit_price}>
          <input inputMode="decimal" value={d.unit_price} onChange={set("unit_price")} className="num" placeholder="18500.00" />
        </Field>
        <Field label="Quoted quantity" error={errors.quantity}>
          <input inputMode="numeric" value={d.quantity} onChange={set("quantity")} className="num" />
        </Field>
        <Field label="Quote date" error={errors.quote_date}>
          <input type="date" value={d.quote_date} onChange={set("quote_date")} />
        </Field>
        <Field label="Valid until" error={errors.valid_until}>
          <input type="date" value={d.valid_until} onChange={set("valid_until")} />
        </Field>
        <Field label="Notes" error={errors.notes} wide>
          <input value={d.notes} onChange={set("notes")} placeholder="Quote reference, discounts, trade-in credit…" />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="candidate-submit">
          {initial ? "Save candidate" : "Add candidate"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function CandidatesTab({ data }: { data: RequestData }) {
  const report = useReport();
  const [editing, setEditing] = useState<Candidate | "new" | null>(null);
  const [deleting, setDeleting] = useState<Candidate | null>(null);
  const totals = new Map(data.ranking?.candidates.map((c) => [c.candidate_id, c.quoted_total]) ?? []);
  const scoreCount = (id: number) => data.scores.filter((s) => s.candidate_id === id).length;
  const add = useApiMutation(api.addCandidate, affects.candidates);
  const update = useApiMutation(api.updateCandidate, affects.candidates);
  const remove = useApiMutation(api.deleteCandidate, affects.candidates);

  const form =
    editing === null ? null : (
      <CandidateForm
        key={editing === "new" ? "new" : editing.id}
        initial={editing === "new" ? null : editing}
        currency={data.request.currency}
        quantity={data.request.quantity}
        onCancel={() => setEditing(null)}
        onSubmit={async (input) => {
          if (editing === "new") await add.mutateAsync([data.request.id, input]);
          else await update.mutateAsync([editing.id, input]);
          setEditing(null);
        }}
      />
    );

  if (data.candidates.length === 0) {
    return (
      <>
        {form ?? (
          <EmptyState title="No candidates yet">
            <p>Candidates are the device models quoted for this request.</p>
            <button type="button" className="primary" onClick={() => setEditing("new")} data-testid="add-candidate">
              Add the first candidate
            </button>
          </EmptyState>
        )}
      </>
    );
  }

  return (
    <>
      <div className="section-head">
        <h2>Candidates</h2>
        {editing === null && (
          <button type="button" className="primary" onClick={() => setEditing("new")} data-testid="add-candidate">
            Add candidate
          </button>
        )}
      </div>
      {form}
      <table className="table">
        <thead>
          <tr>
            <th>Manufacturer</th>
            <th>Model</th>
            <th>Vendor</th>
            <th>FDA code</th>
            <th className="num">Unit price</th>
            <th className="num">Qty</th>
            <th className="num">Quoted total</th>
            <th className="num">Scores</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {data.candidates.map((c) => (
            <tr key={c.id} data-testid={`candidate-${c.id}`}>
              <td className="strong">{c.manufacturer}</td>
              <td>
                {c.model}
                {c.notes && <div className="subtle">{c.notes}</div>}
              </td>
              <td>{c.vendor}</td>
              <td>{c.fda_product_code ? <span className="code" title="FDA product classification code">{c.fda_product_code}</span> : <span className="muted">—</span>}</td>
              <td className="num money">{formatMoney(c.unit_price)}</td>
              <td className="num">{c.quantity}</td>
              <td className="num money">{formatMoney(totals.get(c.id))}</td>
              <td className="num">{scoreCount(c.id)}</td>
              <td className="actions">
                <button type="button" className="small" onClick={() => setEditing(c)}>
                  Edit
                </button>
                <button type="button" className="small danger-quiet" onClick={() => setDeleting(c)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="footnote">Quoted total is computed by Caliper from unit price and quantity.</p>
      {deleting && (
        <ConfirmDialog
          title="Delete candidate"
          message={`Delete ${deleting.manufacturer} ${deleting.model} and its ${scoreCount(deleting.id)} score${scoreCount(deleting.id) === 1 ? "" : "s"}? This cannot be undone.`}
          confirmLabel="Delete candidate"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            const id = deleting.id;
            setDeleting(null);
            if (editing !== null && editing !== "new" && editing.id === id) setEditing(null);
            try {
              await remove.mutateAsync([id]);
            } catch (e) {
              report(errorPayload(e));
            }
          }}
        />
      )}
    </>
  );
}
