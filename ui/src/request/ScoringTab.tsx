import { useMemo, useRef, useState } from "react";
import { api, errorPayload } from "../api";
import type { Evaluator, EvaluatorScore, ScoreSummary } from "../bindings";
import { EmptyState } from "../components/display";
import type { RequestData } from "./useRequestData";
import { useReport } from "../components/report";
import { AddEvaluator, RemoveEvaluator } from "./ScoringInputs";
import { MeasuredTable } from "./MeasuredTable";
import { useBlindScoring } from "./useBlindScoring";
import { focusCellIn, type Pos, ScoreGrid } from "./ScoreGrid";
import { ScoringAgreement } from "./ScoringAgreement";
import { ScoreSheetActions } from "./ScoreSheets";
import { affects, q, useApiMutation } from "../app/query";
import { useQueryClient } from "@tanstack/react-query";

export function ScoringTab({ data }: { data: RequestData }) {
  const [chosenEvaluator, setEvaluatorId] = useState<number | null>(null);
  // The first evaluator until one is chosen.
  const evaluatorId = chosenEvaluator ?? data.evaluators[0]?.id ?? null;
  const [addingEvaluator, setAddingEvaluator] = useState(false);
  const cellRefs = useRef(new Map<string, HTMLTableCellElement>());

  const judged = useMemo(
    () => data.tree.flatMap((t) => t.criteria.filter((c) => c.kind === "judged").map((c) => ({ c, category: t.category.name }))),
    [data.tree],
  );
  const measured = useMemo(() => data.tree.flatMap((t) => t.criteria.filter((c) => c.kind === "measured")), [data.tree]);
  const cands = data.candidates;

  const scoreOf = (candId: number, critId: number) =>
    data.scores.find((s) => s.evaluator_id === evaluatorId && s.candidate_id === candId && s.criterion_id === critId);

  const summaryOf = (candId: number, critId: number): ScoreSummary | null =>
    data.ranking?.candidates.find((c) => c.candidate_id === candId)?.cells.find((x) => x.criterion_id === critId)?.summary ??
    null;

  const focusCell = (p: Pos) => focusCellIn(cellRefs, p);

  const { blind, setBlind, submitted, setSubmitted } = useBlindScoring(data.request.id, evaluatorId);
  const hideOthers = blind && !submitted;

  const save = useSaveScore(data.request.id, evaluatorId, data.scores);

  if (cands.length === 0) {
    return (
      <EmptyState title="Nothing to score yet">
        <p>Add candidates first; the grid has one column per candidate.</p>
      </EmptyState>
    );
  }

  const evaluator = data.evaluators.find((e) => e.id === evaluatorId);
  const scoredByEvaluator = data.scores.filter((s) => s.evaluator_id === evaluatorId && judged.some((j) => j.c.id === s.criterion_id)).length;

  return (
    <>
      <ScoringHeader
        evaluators={data.evaluators}
        evaluatorId={evaluatorId}
        setEvaluatorId={setEvaluatorId}
        blind={blind}
        setBlind={setBlind}
        addingEvaluator={addingEvaluator}
        onAddEvaluator={() => setAddingEvaluator(true)}
      />
      {addingEvaluator && (
        <AddEvaluator
          onCancel={() => setAddingEvaluator(false)}
          onAdded={(id) => {
            setAddingEvaluator(false);
            setEvaluatorId(id);
          }}
        />
      )}

      {judged.length > 0 && <ScoreSheetActions requestId={data.request.id} canExport={data.evaluators.length > 0} />}

      {judged.length === 0 ? (
        <p className="muted">This request has no judged criteria.</p>
      ) : evaluatorId === null ? (
        <p className="muted">Add an evaluator to start scoring.</p>
      ) : (
        <>
          <p className="muted">
            {evaluator?.name} has scored {scoredByEvaluator} of {judged.length * cands.length} cells. Arrow keys move,
            1–5 sets a level and saves, Delete clears.
          </p>
          <ScoreGrid
            judged={judged}
            cands={cands}
            evaluatorName={evaluator?.name ?? ""}
            hideOthers={hideOthers}
            scoreOf={(candId, critId) => scoreOf(candId, critId)?.score}
            summaryOf={summaryOf}
            cellRefs={cellRefs}
            onSave={(candId, critId, score) => void save(candId, critId, score)}
          />
        </>
      )}

      {judged.length > 0 && evaluatorId !== null && (
        <ScoringAgreement
          requestId={data.request.id}
          evaluatorName={evaluator?.name}
          blind={blind}
          submitted={submitted}
          setSubmitted={setSubmitted}
          scoredByEvaluator={scoredByEvaluator}
          cells={judged.length * cands.length}
          onGoTo={(candId, critId) => {
            const row = judged.findIndex((j) => j.c.id === critId);
            const col = cands.findIndex((c) => c.id === candId);
            if (row >= 0 && col >= 0) focusCell({ row, col });
          }}
        />
      )}

      {measured.length > 0 && (
        <MeasuredTable
          requestId={data.request.id}
          measured={measured}
          cands={cands}
          ranking={data.ranking}
          measurements={data.measurements}
        />
      )}
    </>
  );
}

function ScoringHeader({
  evaluators,
  evaluatorId,
  setEvaluatorId,
  blind,
  setBlind,
  addingEvaluator,
  onAddEvaluator,
}: {
  evaluators: Evaluator[];
  evaluatorId: number | null;
  setEvaluatorId: (id: number | null) => void;
  blind: boolean;
  setBlind: (on: boolean) => void;
  addingEvaluator: boolean;
  onAddEvaluator: () => void;
}) {
  const current = evaluators.find((e) => e.id === evaluatorId);
  return (
    <div className="section-head">
      <h2>Scoring</h2>
      <div className="row-actions">
        <label className="inline-label">
          Evaluator{" "}
          <select
            value={evaluatorId ?? ""}
            onChange={(e) => setEvaluatorId(e.target.value ? Number(e.target.value) : null)}
            data-testid="evaluator-select"
          >
            {evaluators.length === 0 && <option value="">No evaluators yet</option>}
            {evaluators.map((ev) => (
              <option key={ev.id} value={ev.id}>
                {ev.name}
                {ev.role ? ` (${ev.role})` : ""}
              </option>
            ))}
          </select>
        </label>
        <label
          className="check"
          title="A courtesy of this screen only, not access control: anyone can untick it and the scores are stored together. It helps each evaluator score before seeing the others."
        >
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} data-testid="blind-scoring" />
          Blind scoring: hide other evaluators’ scores
        </label>
        {current && <RemoveEvaluator evaluator={current} onRemoved={() => setEvaluatorId(null)} />}
        {!addingEvaluator && (
          <button type="button" onClick={onAddEvaluator} data-testid="add-evaluator">
            Add evaluator
          </button>
        )}
      </div>
    </div>
  );
}

/** Saves one evaluator's score of a cell (null clears it); the grid shows it at once, the ranking follows. */
function useSaveScore(requestId: number, evaluatorId: number | null, scores: EvaluatorScore[]) {
  const report = useReport();
  const client = useQueryClient();
  const setScore = useApiMutation(api.setScore, affects.scores);
  return async (candId: number, critId: number, score: number | null) => {
    if (evaluatorId === null) return;
    const ev = evaluatorId;
    const prev = scores.find((s) => s.evaluator_id === ev && s.candidate_id === candId && s.criterion_id === critId);
    client.setQueryData(q.scores(requestId).queryKey, (current) => {
      if (!current) return current;
      const rest = current.filter((s) => !(s.evaluator_id === ev && s.candidate_id === candId && s.criterion_id === critId));
      return score === null ? rest : [...rest, { evaluator_id: ev, candidate_id: candId, criterion_id: critId, score, comment: prev?.comment ?? "" }];
    });
    try {
      await setScore.mutateAsync([ev, candId, critId, score, prev?.comment ?? ""]);
    } catch (e) {
      report(errorPayload(e));
    }
  };
}
