import { useState } from "react";
import { errorPayload } from "../api";
import type { Agreement } from "../bindings";
import { percent } from "../components/format";
import { useQuery } from "@tanstack/react-query";
import { q } from "../app/query";

// How far the evaluators agree, from evaluator_agreement; the biggest disagreements first so the
// committee discusses those first.

const SHOWN = 10;

export function AgreementPanel({
  requestId,
  onGoTo,
}: {
  requestId: number;
  onGoTo: (candidateId: number, criterionId: number) => void;
}) {
  const { data: agreement, error: loadError } = useQuery(q.agreement(requestId));
  const error = loadError ? errorPayload(loadError) : null;
  const [all, setAll] = useState(false);

  if (error) return <div className="inline-problem">Agreement could not be computed: {error.message}</div>;
  if (!agreement) return <p className="muted">Computing agreement…</p>;

  const cells = agreement.cells;
  // Columns: every evaluator who scored a compared cell, in order of first appearance.
  const evaluators: { id: number; name: string }[] = [];
  for (const c of cells) {
    for (const m of c.marks) if (!evaluators.some((e) => e.id === m.evaluator_id)) evaluators.push({ id: m.evaluator_id, name: m.evaluator });
  }
  const shown = all ? cells : cells.slice(0, SHOWN);

  return (
    <div className="agreement" data-testid="agreement-panel">
      {cells.length === 0 ? (
        <p className="muted">No cell has been scored by two or more evaluators yet: agreement needs at least two.</p>
      ) : (
        <>
          <AgreementKpis agreement={agreement} />
          <table className="table agreement-table" data-testid="agreement-table">
            <thead>
              <tr>
                <th>Candidate</th>
                <th>Criterion</th>
                {evaluators.map((e) => (
                  <th key={e.id} className="num ev-col" title={e.name}>
                    {e.name}
                  </th>
                ))}
                <th className="num">Spread</th>
                <th className="num">SD</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={`${c.candidate_id}-${c.criterion_id}`} className={c.summary.disagreement ? "agree-bad" : ""}>
                  <td className="strong">{c.candidate}</td>
                  <td>{c.criterion}</td>
                  {evaluators.map((e) => {
                    const m = c.marks.find((x) => x.evaluator_id === e.id);
                    return (
                      <td key={e.id} className="num ev-col" title={m?.comment || undefined}>
                        {m ? <span className={`mark level-${m.score}`}>{m.score}</span> : <span className="muted">—</span>}
                      </td>
                    );
                  })}
                  <td className="num">
                    {c.summary.disagreement ? (
                      <span className="flag flag-disagree">
                        {c.summary.min}–{c.summary.max}
                      </span>
                    ) : (
                      `${c.summary.min}–${c.summary.max}`
                    )}
                  </td>
                  <td className="num">{c.summary.std_dev.toFixed(2)}</td>
                  <td className="actions">
                    <button type="button" className="small" onClick={() => onGoTo(c.candidate_id, c.criterion_id)}>
                      Go to cell
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {cells.length > SHOWN && (
            <button type="button" className="small show-more" onClick={() => setAll(!all)}>
              {all ? `Show the first ${SHOWN}` : `Show all ${cells.length} cells`}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** The agreement in three figures, as evaluator_agreement computed them. */
function AgreementKpis({ agreement }: { agreement: Agreement }) {
  const cells = agreement.cells;
  return (
    <div className="kpis agreement-kpis">
      <div className="kpi kpi-main">
        <span className="kpi-label">Agreement</span>
        <span className="kpi-value" data-testid="agreement-share">
          {agreement.agreement_share === null ? "—" : percent(agreement.agreement_share)}
        </span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Mean SD</span>
        <span className="kpi-value">{agreement.mean_std_dev === null ? "—" : agreement.mean_std_dev.toFixed(2)}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">Disagreements</span>
        <span className="kpi-value" data-testid="agreement-disagreements">
          {agreement.disagreements}
        </span>
      </div>
      <div className="kpi-note muted">
        {agreement.agreement_share === null
          ? ""
          : `${percent(agreement.agreement_share)} of cells within 1 point`}{" "}
        · {cells.length} cell{cells.length === 1 ? "" : "s"} scored by two or more evaluators · a disagreement is 2 or more
        points apart · SD is the sample standard deviation of a cell’s scores.
      </div>
    </div>
  );
}
