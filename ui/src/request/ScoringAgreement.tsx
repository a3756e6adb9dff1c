import { AgreementPanel } from "../analysis/AgreementPanel";

/** The evaluators' agreement, or under blind scoring the note that hides it until the evaluator submits. */
export function ScoringAgreement({
  requestId,
  evaluatorName,
  blind,
  submitted,
  setSubmitted,
  scoredByEvaluator,
  cells,
  onGoTo,
}: {
  requestId: number;
  evaluatorName: string | undefined;
  blind: boolean;
  submitted: boolean;
  setSubmitted: (on: boolean) => void;
  scoredByEvaluator: number;
  cells: number;
  onGoTo: (candidateId: number, criterionId: number) => void;
}) {
  const hideOthers = blind && !submitted;
  return (
    <>
      <div className="section-head subsection">
        <h3>Evaluator agreement</h3>
        {blind && submitted && (
          <span className="subtle">
            {evaluatorName} submitted: the others’ scores are visible.{" "}
            <button type="button" className="small" onClick={() => setSubmitted(false)}>
              Reopen
            </button>
          </span>
        )}
      </div>
      {hideOthers ? (
        <div className="blind-note" data-testid="blind-note">
          <p>
            Blind scoring is on: the other evaluators’ scores, the disagreement markers and the agreement stay hidden from{" "}
            {evaluatorName ?? "this evaluator"} until they submit. {evaluatorName} has scored {scoredByEvaluator} of {cells} cells.
          </p>
          <button type="button" className="primary" data-testid="submit-scores" onClick={() => setSubmitted(true)}>
            Submit my scores
          </button>
        </div>
      ) : (
        <>
          <p className="muted">Cells scored by two or more evaluators, the biggest disagreements first: discuss these first.</p>
          <AgreementPanel requestId={requestId} onGoTo={onGoTo} />
        </>
      )}
    </>
  );
}
