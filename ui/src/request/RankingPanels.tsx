import type { CategoryCriteria, RequestRanking } from "../bindings";
import type { Tab } from "../app/route";

/** The panels under the ranking: missing values, evaluator coverage, disagreements. */
export function RankingPanels({ ranking, tree, goTab }: { ranking: RequestRanking; tree: CategoryCriteria[]; goTab: (t: Tab) => void }) {
  return (
    <div className="panels">
      <MissingPanel ranking={ranking} tree={tree} goTab={goTab} />
      <CoveragePanel ranking={ranking} />
      <DisagreementsPanel ranking={ranking} />
    </div>
  );
}

function MissingPanel({ ranking, tree, goTab }: { ranking: RequestRanking; tree: CategoryCriteria[]; goTab: (t: Tab) => void }) {
  // Computed criteria: their missing values are fixed in the Lifecycle cost or Compatibility tab.
  const bySource = (test: (s: string) => boolean) => new Set(tree.flatMap((t) => t.criteria.filter((c) => test(c.source)).map((c) => c.id)));
  const computed = bySource((s) => s === "lifecycle_cost");
  const compatComputed = bySource((s) => s === "ehr_score" || s === "network_score" || s === "security_score");
  return (
    <div className="panel">
      <h4>Missing values</h4>
      {ranking.missing.length === 0 ? (
        <p className="muted">None: every candidate has every value.</p>
      ) : (
        <>
          <p className="muted">Candidates stay unranked until these are entered.</p>
          <ul className="plain">
            {ranking.missing.map((m) => (
              <li key={`${m.candidate_id}-${m.criterion_id}`}>
                <span className="strong">{m.candidate}</span> — {m.criterion}: <span className="muted">{m.reason}</span>
              </li>
            ))}
          </ul>
          <div className="row-actions">
            {ranking.missing.some((m) => !computed.has(m.criterion_id) && !compatComputed.has(m.criterion_id)) && (
              <button type="button" className="small" onClick={() => goTab("scoring")}>
                Go to scoring
              </button>
            )}
            {ranking.missing.some((m) => computed.has(m.criterion_id)) && (
              <button type="button" className="small" onClick={() => goTab("lifecycle")}>
                Go to lifecycle cost
              </button>
            )}
            {ranking.missing.some((m) => compatComputed.has(m.criterion_id)) && (
              <button type="button" className="small" onClick={() => goTab("compatibility")}>
                Go to compatibility
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function CoveragePanel({ ranking }: { ranking: RequestRanking }) {
  return (
    <div className="panel">
      <h4>Evaluator coverage</h4>
      {ranking.coverage.length === 0 ? (
        <p className="muted">No evaluator has scored yet.</p>
      ) : (
        <ul className="plain coverage">
          {ranking.coverage.map((c) => {
            const share = c.expected > 0 ? c.scored / c.expected : 0;
            return (
              <li key={c.evaluator_id}>
                <span className="cov-name">{c.name}</span>
                <span className="mini-bar">
                  <span style={{ width: `${Math.min(1, share) * 100}%` }} className={share >= 1 ? "full" : ""} />
                </span>
                <span className="cov-num">
                  {c.scored} of {c.expected}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function DisagreementsPanel({ ranking }: { ranking: RequestRanking }) {
  const critName = new Map(ranking.criteria.map((c) => [c.id, c.name]));
  const disagreements = ranking.candidates.flatMap((c) =>
    c.cells
      .filter((cell) => cell.summary?.disagreement)
      .map((cell) => ({ cand: c.label, crit: critName.get(cell.criterion_id) ?? "", s: cell.summary })),
  );
  return (
    <div className="panel">
      <h4>Disagreements</h4>
      {disagreements.length === 0 ? (
        <p className="muted">No criterion where evaluators differ by 2 or more points.</p>
      ) : (
        <>
          <p className="muted">Evaluators differ by 2 or more points: discuss before deciding.</p>
          <ul className="plain">
            {disagreements.map((d, i) => (
              <li key={i}>
                <span className="flag flag-disagree">{d.s ? `${d.s.min}–${d.s.max}` : ""}</span> <span className="strong">{d.cand}</span>: {d.crit}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
