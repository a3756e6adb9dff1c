import { type FormEvent, useMemo, useState } from "react";
import { EmptyState } from "../components/display";
import { candidateColor, methodNote } from "../components/format";
import type { RequestData } from "../request/useRequestData";
import type { Tab } from "../app/route";
import { type Draft, INITIAL_DRAFT } from "./sensitivityOptions";
import type { Names } from "./sensitivity";
import { useSensitivityRun } from "./useSensitivityRun";
import { SensitivitySettings } from "./SensitivitySettings";
import { SensitivityResults } from "./SensitivityResults";

// Every figure here comes from run_sensitivity (or the ranking); the tab only formats and draws.

export function SensitivityTab({ data, goTab }: { data: RequestData; goTab: (t: Tab) => void }) {
  const [draft, setDraft] = useState<Draft>(INITIAL_DRAFT);
  const topsis = data.request.method === "topsis";
  const { run, running, progress, result, runError, errors, setErrors } = useSensitivityRun(
    data.request.id,
    data.ranking,
    draft,
    data.candidates.length > 0,
  );

  const names: Names = useMemo(() => {
    const byId = new Map<string, string>();
    result?.alternatives.forEach((id, i) => byId.set(id, result.names[i] ?? id));
    const index = new Map(data.candidates.map((c, i) => [String(c.id), i]));
    return {
      name: (id) => byId.get(id) ?? data.candidates.find((c) => String(c.id) === id)?.model ?? id,
      color: (id) => candidateColor(index.get(id) ?? 0),
    };
  }, [result, data.candidates]);

  if (data.candidates.length === 0) {
    return (
      <EmptyState title="Nothing to analyse yet">
        <button type="button" className="primary" onClick={() => goTab("candidates")}>
          Add the first candidate
        </button>
      </EmptyState>
    );
  }

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    if (k in errors) setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(draft);
  };

  const unranked = data.ranking?.candidates.filter((c) => c.score === null).length ?? 0;

  return (
    <>
      <div className="section-head">
        <h2>Sensitivity</h2>
        {result && (
          <span className="method">
            {methodNote(result.method)} · {result.samples.toLocaleString("en-US")} samples, seed {result.seed},{" "}
            {result.sampling.kind === "uniform" ? "uniform weights" : `around the committee's weights (concentration ${result.sampling.concentration})`}
          </span>
        )}
      </div>

      <SensitivitySettings
        draft={draft}
        errors={errors}
        topsis={topsis}
        running={running}
        progress={progress}
        set={set}
        onSubmit={submit}
      />

      {runError && (
        <div className={runError.kind === "cancelled" ? "notice" : "inline-problem"} role="alert">
          {runError.kind === "cancelled" ? "Cancelled: " : ""}
          {runError.message}
          {runError.field ? <span className="muted"> ({runError.field})</span> : null}
          {runError.kind !== "cancelled" && unranked > 0 && (
            <>
              {" "}
              <button type="button" className="small" onClick={() => goTab("ranking")}>
                See what is missing
              </button>
            </>
          )}
          {result && <div className="subtle">The results below are from the previous run.</div>}
        </div>
      )}

      {!result ? (
        running ? <p className="muted">Sampling weightings…</p> : null
      ) : (
        <SensitivityResults
          result={result}
          ranking={data.ranking}
          names={names}
          topsis={topsis}
          running={running}
          unranked={unranked}
          withSpread={draft.uncertainty && !topsis}
        />
      )}
    </>
  );
}
