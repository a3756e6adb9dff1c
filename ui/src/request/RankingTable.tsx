import type { RankedCandidate, RequestRanking } from "../bindings";
import { formatMoney } from "../components/format";
import { closeness, rankText } from "./ranking";

const disagreeCount = (c: RankedCandidate) => c.cells.filter((x) => x.summary?.disagreement).length;

/** The ranked candidates, best first, with what keeps each from a complete score. */
export function RankingTable({ ranking, requestId }: { ranking: RequestRanking; requestId: number }) {
  const topsis = ranking.method === "topsis";
  return (
    <table className="table ranking-table">
      <thead>
        <tr>
          <th className="num">Rank</th>
          <th>Candidate</th>
          <th>Vendor</th>
          <th className="num">{topsis ? "Closeness (0–1)" : "Score (of 100)"}</th>
          <th className="num">Quoted total</th>
          <th>Notes</th>
        </tr>
      </thead>
      <tbody>
        {ranking.candidates.map((c) => {
          const dis = disagreeCount(c);
          const miss = ranking.missing.filter((m) => m.candidate_id === c.candidate_id).length;
          return (
            <tr
              key={c.candidate_id}
              data-testid="ranking-row"
              data-candidate-id={c.candidate_id}
              data-rank={c.rank ?? ""}
              className={c.disqualified ? "unranked disqualified" : c.rank === 1 ? "leader" : c.rank === null ? "unranked" : ""}
            >
              <td className="num rank">
                {c.disqualified ? (
                  <span className="disq-label" data-testid={`rank-disqualified-${c.candidate_id}`}>
                    Disqualified: blocking compatibility gap
                  </span>
                ) : (
                  rankText(c)
                )}
              </td>
              <td>
                <span className="strong" data-testid="ranking-label">
                  {c.label}
                </span>
                {c.blocking_gaps > 0 && (
                  <a
                    href={`#/request/${requestId}/compatibility`}
                    className="flag flag-blocking rank-blocking"
                    data-testid={`rank-blocking-${c.candidate_id}`}
                    title="Confirmed blocking compatibility gaps: see the Compatibility tab"
                  >
                    {c.blocking_gaps} blocking gap{c.blocking_gaps === 1 ? "" : "s"}
                  </a>
                )}
              </td>
              <td>{c.vendor}</td>
              <td className="num score">
                {c.disqualified ? (
                  <span className="muted">left out</span>
                ) : c.score === null ? (
                  <span className="muted">unranked</span>
                ) : topsis ? (
                  closeness(c.score)
                ) : (
                  <ScoreWithRange c={c} />
                )}
              </td>
              <td className="num money">{formatMoney(c.quoted_total)}</td>
              <td className="notes">
                {miss > 0 && <span className="flag flag-missing">{miss} missing</span>}
                {dis > 0 && (
                  <span className="flag flag-disagree" title="Evaluators differ by 2 or more points">
                    {dis} disagreement{dis === 1 ? "" : "s"}
                  </span>
                )}
                {c.tied && <span className="flag">tied</span>}
                {c.quote_warnings.map((w) => (
                  <span key={w.kind} className="flag flag-disagree" title={w.message} data-testid={`quote-warning-${c.candidate_id}-${w.kind}`}>
                    {w.kind === "quantity_mismatch" ? `quotes ${w.quoted} of ${w.requested}` : w.kind === "expired" ? "quote expired" : "no FDA code"}
                  </span>
                ))}
                {c.unconfirmed.length > 0 && (
                  <a
                    href={`#/request/${requestId}/compatibility`}
                    className="flag flag-unconfirmed"
                    data-testid={`rank-unconfirmed-${c.candidate_id}`}
                    title={c.unconfirmed_note ?? "Unconfirmed compatibility points count at the middle of their range: see the Compatibility tab"}
                  >
                    unconfirmed: {unconfirmedNames(ranking, c)}
                  </a>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The engine's shown score, and its range while compatibility points are unconfirmed. */
function ScoreWithRange({ c }: { c: RankedCandidate }) {
  const ranged = c.unconfirmed.length > 0 && c.score_low_shown !== null && c.score_high_shown !== null;
  return (
    <>
      <span data-testid={`score-${c.candidate_id}`}>{c.score_shown}</span>
      {ranged && (
        <span className="muted score-range" data-testid={`score-range-${c.candidate_id}`} title="All unconfirmed points failed to all passed">
          {" "}
          ({c.score_low_shown}–{c.score_high_shown})
        </span>
      )}
    </>
  );
}

function unconfirmedNames(r: RequestRanking, c: RankedCandidate): string {
  return c.unconfirmed.map((id) => r.criteria.find((k) => k.id === id)?.name ?? "").join(", ");
}
