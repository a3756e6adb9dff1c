import type { FormEvent } from "react";
import { api } from "../api";
import type { SamplingProgress } from "../bindings";
import type { Draft, DraftErrors } from "./sensitivityOptions";
import { Field } from "../components/fields";

/** The sensitivity settings, the Run button and the sampling progress. */
export function SensitivitySettings({
  draft,
  errors,
  topsis,
  running,
  progress,
  set,
  onSubmit,
}: {
  draft: Draft;
  errors: DraftErrors;
  topsis: boolean;
  running: boolean;
  progress: SamplingProgress | null;
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
  onSubmit: (e: FormEvent) => void;
}) {
  return (
    <form className="sens-settings" onSubmit={onSubmit} noValidate>
      <Field label="Samples" error={errors.samples}>
        <input className="num sens-num" inputMode="numeric" value={draft.samples} onChange={(e) => set("samples", e.target.value)} />
      </Field>
      <Field label="Seed" error={errors.seed}>
        <input className="num sens-seed" inputMode="numeric" value={draft.seed} onChange={(e) => set("seed", e.target.value)} />
      </Field>
      <Field label="Weights sampled">
        <select value={draft.sampling} onChange={(e) => set("sampling", e.target.value as Draft["sampling"])}>
          <option value="uniform">Uniformly: any weighting equally likely</option>
          <option value="around">Around the committee’s weights</option>
        </select>
      </Field>
      {draft.sampling === "around" && (
        <Field label="Concentration" error={errors.concentration} hint="Higher stays closer to the weights">
          <input className="num sens-seed" inputMode="decimal" value={draft.concentration} onChange={(e) => set("concentration", e.target.value)} />
        </Field>
      )}
      <label
        className="check sens-check"
        title={
          topsis ? "Score uncertainty is supported with the weighted sum only" : "Each judged score varies by its evaluators' standard deviation"
        }
      >
        <input type="checkbox" checked={draft.uncertainty && !topsis} disabled={topsis} onChange={(e) => set("uncertainty", e.target.checked)} />
        Include the evaluators’ spread
      </label>
      <div className="sens-actions">
        <button type="submit" className="primary" disabled={running} data-testid="sensitivity-run" title="Ctrl+Enter">
          Run
        </button>
        {running && (
          <button type="button" onClick={() => void api.cancelSensitivity()} data-testid="sensitivity-cancel">
            Cancel
          </button>
        )}
      </div>
      {running && progress && <SamplingProgressBar progress={progress} />}
    </form>
  );
}

function SamplingProgressBar({ progress }: { progress: SamplingProgress }) {
  const pct = progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div
      className="sens-progress"
      data-testid="sensitivity-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={progress.total}
      aria-valuenow={progress.done}
      aria-label="Sampling progress"
    >
      <span className="progress-track">
        <span style={{ width: `${pct * 100}%` }} />
      </span>
      <span className="progress-text">
        {progress.done.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} samples ({Math.floor(pct * 100)} %)
      </span>
    </div>
  );
}
