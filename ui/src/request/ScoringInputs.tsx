import { type FormEvent, useRef, useState } from "react";
import { api, errorPayload, fieldName } from "../api";
import type { Candidate, Criterion, Evaluator } from "../bindings";
import { ConfirmDialog } from "../components/dialogs";
import { Field } from "../components/fields";
import { useReport } from "../components/report";
import { affects, useApiMutation } from "../app/query";

export function AddEvaluator({ onAdded, onCancel }: { onAdded: (id: number) => void; onCancel: () => void }) {
  const addEvaluator = useApiMutation(api.addEvaluator, affects.evaluators);
  const report = useReport();
  const [name, setName] = useState("");
  const [role, setRole] = useState("");
  const [errors, setErrors] = useState<{ name?: string; role?: string }>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: "Name is required." });
      return;
    }
    try {
      const ev = await addEvaluator.mutateAsync([name.trim(), role.trim()]);
      onAdded(ev.id);
    } catch (err) {
      const p = errorPayload(err);
      const f = fieldName(p);
      if ((p.kind === "validation" || p.kind === "conflict") && (f === "name" || f === "role")) setErrors({ [f]: p.message });
      else report(p);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field label="Name" error={errors.name}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="evaluator-name" />
      </Field>
      <Field label="Role" error={errors.role}>
        <input value={role} onChange={(e) => setRole(e.target.value)} placeholder="e.g. ICU nurse manager" />
      </Field>
      <button type="submit" className="primary" data-testid="evaluator-submit">
        Add evaluator
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

export function MeasurementInput({
  candidate,
  criterion,
  saved,
}: {
  candidate: Candidate;
  criterion: Criterion;
  saved: string | null;
}) {
  const setMeasurement = useApiMutation(api.setMeasurement, affects.measurements);
  const report = useReport();
  const [text, setText] = useState(saved ?? "");
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState(saved);
  const cancelling = useRef(false);
  if (last !== saved) {
    // Saved elsewhere (or reloaded): follow it.
    setLast(saved);
    setText(saved ?? "");
  }
  const commit = async (value: string) => {
    const v = value.trim().replace(/,/g, "");
    if (v && !/^-?\d+(\.\d+)?$/.test(v)) {
      setError("Enter a decimal number, e.g. 1184000 or 2.5.");
      return;
    }
    setError(null);
    const next = v === "" ? null : v;
    if (next === saved) return;
    try {
      await setMeasurement.mutateAsync([candidate.id, criterion.id, next]);
    } catch (e) {
      const p = errorPayload(e);
      if (p.kind === "validation" || p.kind === "conflict") setError(p.message);
      else report(p);
    }
  };
  return (
    <span className="measure-cell">
      <span className="measure-input">
        <input
          className={`num${error ? " invalid" : ""}`}
          inputMode="decimal"
          value={text}
          placeholder="missing"
          aria-label={`${criterion.name} for ${candidate.manufacturer} ${candidate.model} (${criterion.unit})`}
          aria-invalid={error ? true : undefined}
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
              setText(saved ?? "");
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
        <span className="unit">{criterion.unit}</span>
      </span>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** "Remove evaluator…": says how many scores go with them (in every request), then removes on confirmation. */
export function RemoveEvaluator({ evaluator, onRemoved }: { evaluator: Evaluator; onRemoved: () => void }) {
  const report = useReport();
  const remove = useApiMutation(api.removeEvaluator, [...affects.evaluators, ...affects.scores]);
  const [scores, setScores] = useState<number | null>(null);
  const ask = async () => {
    try {
      setScores(await api.evaluatorScoreCount(evaluator.id));
    } catch (e) {
      report(errorPayload(e));
    }
  };
  return (
    <>
      <button type="button" onClick={() => void ask()} data-testid="remove-evaluator">
        Remove evaluator…
      </button>
      {scores !== null && (
        <ConfirmDialog
          title="Remove evaluator"
          message={
            scores === 0
              ? `Remove ${evaluator.name}? They have not scored anything yet.`
              : `Remove ${evaluator.name} and the ${scores} score${scores === 1 ? "" : "s"} they gave, in every request? The rankings change accordingly.`
          }
          confirmLabel="Remove evaluator"
          onCancel={() => setScores(null)}
          onConfirm={() => {
            setScores(null);
            remove
              .mutateAsync([evaluator.id, true])
              .then(onRemoved)
              .catch((e) => report(errorPayload(e)));
          }}
        />
      )}
    </>
  );
}
