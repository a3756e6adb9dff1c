import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, errorPayload } from "../api";
import type { DepreciationMethod, FirstYearConvention } from "../bindings";
import {
  DEPRECIATION_METHOD_LABELS,
  DEPRECIATION_METHOD_VALUES,
  FIRST_YEAR_CONVENTION_LABELS,
  FIRST_YEAR_CONVENTION_VALUES,
} from "../ipc.gen";
import { affects, q, useApiMutation } from "../app/query";
import { useReport } from "../components/report";
import { type Draft, draftOf, FACTOR_METHOD, fieldPath, inputsOf } from "./depreciationLease";
import { Input, type Refusal } from "./RefusalInput";
import { LeaseFields } from "./LeaseFields";

// A candidate's depreciation choice and lease offer, edited as text and sent to the engine as
// typed: its refusal (salvage above the capital, a life of 0, a lease longer than the device's
// life) is shown beside the form and nothing is saved; a saved change refreshes the case above.

export function DepreciationLeaseEditor({ candidateId, currency }: { candidateId: number; currency: string }) {
  const { data } = useQuery(q.candidateDepreciationAndLease(candidateId));
  if (!data) return null;
  return <Form key={candidateId} candidateId={candidateId} currency={currency} initial={draftOf(data)} />;
}

function Form({ candidateId, currency, initial }: { candidateId: number; currency: string; initial: Draft }) {
  const report = useReport();
  const [draft, setDraftState] = useState<Draft>(initial);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useApiMutation(api.setCandidateDepreciationAndLease, affects.depreciationLease);

  const setDraft = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraftState((d) => ({ ...d, ...patch }));
  };
  const submit = async () => {
    const inputs = inputsOf(draft);
    if (typeof inputs === "string") {
      setRefusal({ path: null, text: inputs });
      return;
    }
    try {
      await save.mutateAsync([candidateId, inputs]);
      setRefusal(null);
      setSaved(true);
    } catch (e) {
      const p = errorPayload(e);
      if (p.kind === "validation" || p.kind === "parse" || p.kind === "conflict") {
        // The message names the field it refuses ("depreciation.salvage: ...").
        setRefusal({ path: fieldPath(p.field), text: p.message });
      } else report(p);
    }
  };

  const text = (key: "life" | "salvage" | "factor" | "inService") => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ [key]: e.target.value }),
  });

  return (
    <form
      className="savings-editor depreciation-editor"
      data-testid="depreciation-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>Depreciation and lease</h4>
      <p className="muted">
        How the capital (year-0 cost) is depreciated on the operating budget, and a lease offered instead of buying. Amounts
        in {currency}; a blank life, salvage or date takes the cost model’s expected life, residual value and purchase date.
      </p>
      <div className="profile-sections">
        <fieldset className="profile-section">
          <legend>Depreciation</legend>
          <div className="field-row">
            <Input label="Method" path="depreciation.method" refusal={refusal}>
              <select
                data-testid="depreciation-method"
                value={draft.method}
                onChange={(e) => setDraft({ method: e.target.value as DepreciationMethod })}
              >
                {DEPRECIATION_METHOD_VALUES.map((m) => (
                  <option key={m} value={m}>
                    {DEPRECIATION_METHOD_LABELS[m]}
                  </option>
                ))}
              </select>
            </Input>
            {draft.method === FACTOR_METHOD && (
              <Input label="Factor" path="depreciation.factor" refusal={refusal} narrow>
                <input className="num" placeholder="2" {...text("factor")} />
              </Input>
            )}
            <Input label="First-year convention" path="depreciation.convention" refusal={refusal}>
              <select value={draft.convention} onChange={(e) => setDraft({ convention: e.target.value as FirstYearConvention })}>
                {FIRST_YEAR_CONVENTION_VALUES.map((c) => (
                  <option key={c} value={c}>
                    {FIRST_YEAR_CONVENTION_LABELS[c]}
                  </option>
                ))}
              </select>
            </Input>
          </div>
          <div className="field-row">
            <Input label="Life (years)" path="depreciation.life_years" refusal={refusal}>
              <input className="num" placeholder="expected life" data-testid="depreciation-life" {...text("life")} />
            </Input>
            <Input label={`Salvage (${currency})`} path="depreciation.salvage" refusal={refusal}>
              <input className="num" placeholder="residual value" data-testid="depreciation-salvage" {...text("salvage")} />
            </Input>
            <Input label="In service from" path="depreciation.in_service" refusal={refusal}>
              <input type="date" data-testid="depreciation-in-service" {...text("inService")} />
            </Input>
          </div>
        </fieldset>
        <LeaseFields draft={draft} setDraft={setDraft} currency={currency} refusal={refusal} />
      </div>
      {refusal && (
        <p className="field-error" role="alert" data-testid="depreciation-error">
          {refusal.text}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" data-testid="depreciation-save" disabled={save.isPending}>
          Save depreciation and lease
        </button>
        {saved && <span className="saved-note">Saved</span>}
      </div>
    </form>
  );
}
