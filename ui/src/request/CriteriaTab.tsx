import { useEffect, useState } from "react";
import { AhpPanel } from "../analysis/AhpPanel";
import { api, errorPayload } from "../api";
import type { Criterion } from "../bindings";
import type { RequestData } from "./useRequestData";
import { ConfirmDialog } from "../components/dialogs";
import { useReport } from "../components/report";
import { CriterionForm } from "./CriterionForm";
import { CategoryShareBar, CriteriaTable } from "./CriteriaTable";
import { affects, useApiMutation } from "../app/query";

export function CriteriaTab({ data }: { data: RequestData }) {
  const report = useReport();
  const [editing, setEditing] = useState<{ criterion: Criterion | null; categoryId: number } | null>(null);
  const [deleting, setDeleting] = useState<Criterion | null>(null);
  const total = data.totalWeight;
  const add = useApiMutation(api.addCriterion, affects.criteria);
  const update = useApiMutation(api.updateCriterion, affects.criteria);
  const remove = useApiMutation(api.deleteCriterion, affects.criteria);
  const countFor = (c: Criterion) =>
    c.kind === "judged"
      ? data.scores.filter((s) => s.criterion_id === c.id).length
      : data.measurements.filter((m) => m.criterion_id === c.id).length;

  const [mode, setMode] = useWeightsMode(data.request.id);

  return (
    <>
      <div className="section-head">
        <h2>Criteria and weights</h2>
        <WeightsModeToggle mode={mode} setMode={setMode} />
        {editing === null && data.tree.length > 0 && mode === "direct" && (
          <button type="button" onClick={() => setEditing({ criterion: null, categoryId: data.tree[0]?.category.id ?? 0 })}>
            Add criterion
          </button>
        )}
      </div>
      {mode === "direct" ? (
        <p className="muted">
          Weights are entered as raw numbers and normalised to shares of 100 % for the ranking. A weight saves on Enter or
          when you leave the field.
        </p>
      ) : (
        <p className="muted">
          Pairwise comparison (AHP): compare the categories with each other, then the criteria within each category. Nothing
          changes until you apply the resulting weights; the bar below shows the weights in use now.
        </p>
      )}

      {total > 0 && <CategoryShareBar tree={data.tree} />}
      {total === 0 && data.tree.length > 0 && (
        <div className="notice">All weights are zero: give at least one criterion a weight to rank candidates.</div>
      )}

      {mode === "pairwise" && <AhpPanel data={data} />}

      {mode === "direct" && editing && (
        <CriterionForm
          key={editing.criterion?.id ?? `new-${editing.categoryId}`}
          data={data}
          initial={editing.criterion}
          categoryId={editing.categoryId}
          onCancel={() => setEditing(null)}
          onSubmit={async (input) => {
            if (editing.criterion) await update.mutateAsync([editing.criterion.id, input]);
            else await add.mutateAsync([input]);
            setEditing(null);
          }}
        />
      )}

      {mode === "direct" && (
        <CriteriaTable
          tree={data.tree}
          total={total}
          onAdd={(categoryId) => setEditing({ criterion: null, categoryId })}
          onEdit={(c) => setEditing({ criterion: c, categoryId: c.category_id })}
          onDelete={setDeleting}
        />
      )}

      {deleting && (
        <ConfirmDialog
          title="Delete criterion"
          message={`Delete the criterion “${deleting.name}” and its ${countFor(deleting)} ${deleting.kind === "judged" ? "score" : "measurement"}${countFor(deleting) === 1 ? "" : "s"}? This cannot be undone.`}
          confirmLabel="Delete criterion"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            const id = deleting.id;
            setDeleting(null);
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

/** Direct weights or pairwise comparison, remembered per request on this computer. */
function useWeightsMode(requestId: number) {
  const modeKey = `caliper.weights-mode.${requestId}`;
  const [mode, setMode] = useState<"direct" | "pairwise">(() => {
    try {
      return localStorage.getItem(modeKey) === "pairwise" ? "pairwise" : "direct";
    } catch {
      return "direct";
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(modeKey, mode);
    } catch {
      // Not remembered; harmless.
    }
  }, [modeKey, mode]);
  return [mode, setMode] as const;
}

function WeightsModeToggle({ mode, setMode }: { mode: "direct" | "pairwise"; setMode: (m: "direct" | "pairwise") => void }) {
  return (
    <div className="seg-toggle" role="radiogroup" aria-label="How weights are set">
      {(
        [
          ["direct", "Direct weights"],
          ["pairwise", "Pairwise comparison"],
        ] as const
      ).map(([m, label]) => (
        <button
          key={m}
          type="button"
          role="radio"
          aria-checked={mode === m}
          className={mode === m ? "seg-on" : ""}
          onClick={() => setMode(m)}
          data-testid={`weights-mode-${m}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
