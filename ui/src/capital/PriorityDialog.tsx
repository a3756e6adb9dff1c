import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, Mandatory, PriorityParts, RequestPlanInfo } from "../bindings";
import { affects, q, useApiMutation } from "../app/query";
import { Modal } from "../components/dialogs";
import { Field } from "../components/fields";
import { ErrorBanner } from "../components/report";
import { MANDATORY_LABELS, MANDATORY_VALUES } from "../ipc.gen";
import { RequestLinks } from "./RequestLinks";

const PARTS: { key: keyof PriorityParts; label: string; hint: string }[] = [
  { key: "clinical_need", label: "Clinical need", hint: "How much patients and clinicians need it" },
  { key: "risk", label: "Risk of not replacing", hint: "Failures, safety, end of support of what is installed" },
  { key: "strategic_fit", label: "Strategic fit", hint: "The hospital's plans and service lines" },
  { key: "committee", label: "Committee judgement", hint: "The committee's own weighing" },
];

/** A request's priority parts (1 to 5, or not stated), mandatory reason and price of deferral. */
export function PriorityDialog({ requestId, title, onClose }: { requestId: number; title: string; onClose: () => void }) {
  const { data: info } = useQuery(q.requestPlanInfo(requestId));
  return (
    <Modal title={`Priority: ${title}`} onClose={onClose} testId="priority-dialog">
      {info ? <PriorityForm info={info} onClose={onClose} /> : <p className="muted">Loading…</p>}
    </Modal>
  );
}

function PriorityForm({ info, onClose }: { info: RequestPlanInfo; onClose: () => void }) {
  const save = useApiMutation(api.setRequestPlanInfo, affects.planInfo);
  const [parts, setParts] = useState<PriorityParts>(info.parts);
  const [mandatory, setMandatory] = useState<Mandatory | null>(info.mandatory);
  const [premium, setPremium] = useState(info.deferral.premium_pct);
  const [maintenance, setMaintenance] = useState(info.deferral.maintenance_per_year);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await save.mutateAsync([
        { request_id: info.request_id, parts, mandatory, deferral: { premium_pct: premium, maintenance_per_year: maintenance } },
      ]);
      onClose();
    } catch (err) {
      setError(errorPayload(err));
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} data-testid="priority-form">
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <p className="muted">Levels from 1 (low) to 5 (high). A part left “not stated” is left out of the priority, never read as low.</p>
      <div className="priority-parts">
      {PARTS.map((p) => (
        <Field key={p.key} label={p.label} hint={p.hint}>
          <select
            value={parts[p.key] ?? ""}
            onChange={(e) => setParts({ ...parts, [p.key]: e.target.value ? Number(e.target.value) : null })}
            data-testid={`priority-${p.key}`}
          >
            <option value="">Not stated</option>
            {[1, 2, 3, 4, 5].map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      ))}
      </div>
      <Field label="Mandatory" hint="Funded whatever its priority">
        <select value={mandatory ?? ""} onChange={(e) => setMandatory((e.target.value || null) as Mandatory | null)} data-testid="priority-mandatory">
          <option value="">No</option>
          {MANDATORY_VALUES.map((m) => (
            <option key={m} value={m}>
              {MANDATORY_LABELS[m]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Emergency premium if deferred (%)" hint="On the capital; 15 to 20 % is typical">
        <input className="num" inputMode="decimal" value={premium} onChange={(e) => setPremium(e.target.value)} />
      </Field>
      <Field label="Extra maintenance per year deferred">
        <input className="num" inputMode="decimal" value={maintenance} onChange={(e) => setMaintenance(e.target.value)} />
      </Field>
      <RequestLinks requestId={info.request_id} />
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.isPending} data-testid="priority-save">
          Save
        </button>
      </div>
    </form>
  );
}
