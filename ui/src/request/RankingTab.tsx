import { useMemo, useState } from "react";
import type { RankedCandidate, RankingCriterion, RequestRanking } from "../bindings";
import { EmptyState } from "../components/components";
import { familyColor, formatMoney, formatValue, methodNote, percent, points } from "../components/format";
import type { RequestData } from "./RequestPage";
import type { Tab } from "../app/route";
import { type Hover, ellipsize } from "../charts/chart";

interface Palette {
  color: Map<number, string>;
  categories: { name: string; color: string; criteria: RankingCriterion[] }[];
}

/** One colour family per category (in tree order), one shade per criterion inside it. */
function palette(r: RequestRanking): Palette {
  const cats: { name: string; criteria: RankingCriterion[] }[] = [];
  for (const c of r.criteria) {
    const last = cats[cats.length - 1];
    if (last && last.name === c.category) last.criteria.push(c);
    else cats.push({ name: c.category, criteria: [c] });
  }
  const color = new Map<number, string>();
  cats.forEach((cat, i) => cat.criteria.forEach((c, j) => color.set(c.id, familyColor(i, j, cat.criteria.length))));
  return { color, categories: cats.map((c, i) => ({ ...c, color: familyColor(i) })) };
}

function rankText(c: RankedCandidate): string {
  if (c.rank === null) return "—";
  return c.tied ? `=${c.rank}` : String(c.rank);
}



function ContributionChart({ ranking, pal }: { ranking: RequestRanking; pal: Palette }) {
  const [hover, setHover] = useState<Hover | null>(null);
  const labelW = 300;
  const right = 70;
  const width = 960;
  const barH = 22;
  const gap = 12;
  const top = 8;
  const plotW = width - labelW - right;
  const rows = ranking.candidates;
  const height = top + rows.length * (barH + gap) + 28;
  const x = (p: number) => labelW + p * plotW;
  const crit = new Map(ranking.criteria.map((c) => [c.id, c]));

  return (
    <div className="chart-wrap" onMouseLeave={() => setHover(null)}>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Weighted contribution of each criterion to each candidate's score, out of 100 points"
      >
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - 4} y2={height - 24} className="gridline" />
            <text x={x(t)} y={height - 8} className="axis-label" textAnchor="middle">
              {Math.round(t * 100)}
            </text>
          </g>
        ))}
        <text x={labelW - 10} y={height - 8} className="axis-label" textAnchor="end">
          Points of 100
        </text>
        {rows.map((c, i) => {
          const y = top + i * (barH + gap);
          let acc = 0;
          const complete = c.score !== null;
          return (
            <g key={c.candidate_id}>
              <text x={labelW - 10} y={y + barH / 2 + 4} textAnchor="end" className="bar-label">
                <title>{c.label}</title>
                {rankText(c) !== "—" ? `${rankText(c)}. ` : ""}
                {ellipsize(c.label, 34)}
              </text>
              {c.cells.map((cell) => {
                if (cell.contribution === null || cell.contribution <= 0) return null;
                const k = crit.get(cell.criterion_id);
                const x0 = x(acc);
                acc += cell.contribution;
                const w = Math.max(0, x(acc) - x0);
                const value =
                  k?.kind === "judged"
                    ? `mean score ${formatValue(cell.value)} of 5${cell.summary ? ` (${cell.summary.n} evaluator${cell.summary.n === 1 ? "" : "s"})` : ""}`
                    : `value ${formatValue(cell.value, k?.unit ?? "")}`;
                return (
                  <rect
                    key={cell.criterion_id}
                    x={x0}
                    y={y}
                    width={w}
                    height={barH}
                    fill={pal.color.get(cell.criterion_id) ?? "#999"}
                    className="seg"
                    onMouseMove={(e) => {
                      const box = (e.currentTarget.ownerSVGElement?.parentElement ?? e.currentTarget).getBoundingClientRect();
                      setHover({
                        x: e.clientX - box.left,
                        y: e.clientY - box.top,
                        lines: [
                          `${k?.name ?? "Criterion"} (${k?.category ?? ""})`,
                          `${c.label}: ${value}`,
                          `${points(cell.contribution)} points of ${points(k?.weight ?? 0)} possible`,
                        ],
                      });
                    }}
                  >
                    <title>{`${k?.name ?? ""}: ${value}; ${points(cell.contribution)} points`}</title>
                  </rect>
                );
              })}
              {!complete && (
                <rect x={x(acc)} y={y} width={Math.max(0, x(1) - x(acc))} height={barH} className="seg-missing">
                  <title>{c.disqualified ? "Left out of the ranking: blocking compatibility gap" : "Unranked until missing values are entered"}</title>
                </rect>
              )}
              <text x={x(acc) + 6} y={y + barH / 2 + 4} className="bar-value">
                {complete ? points(c.score) : c.disqualified ? "disqualified" : "incomplete"}
              </text>
            </g>
          );
        })}
      </svg>
      {hover && (
        <div className="chart-tip" style={{ left: Math.min(hover.x + 14, 700), top: hover.y + 14 }}>
          {hover.lines.map((l, i) => (
            <div key={i} className={i === 0 ? "strong" : ""}>
              {l}
            </div>
          ))}
        </div>
      )}
      <div className="legend">
        {pal.categories.map((cat) => (
          <div key={cat.name} className="legend-group">
            <div className="legend-cat">{cat.name}</div>
            {cat.criteria.map((k) => (
              <div key={k.id} className="legend-item">
                <i className="swatch" style={{ background: pal.color.get(k.id) }} />
                {k.name} <span className="muted">{percent(k.weight)}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** TOPSIS closeness (0..1) as shown: three decimals. */
function closeness(score: number | null): string {
  return score === null ? "—" : score.toFixed(3);
}

/** TOPSIS has no additive contributions: one bar per candidate, its closeness to the ideal. */
function ClosenessChart({ ranking }: { ranking: RequestRanking }) {
  const labelW = 300;
  const right = 70;
  const width = 960;
  const barH = 18;
  const gap = 10;
  const top = 8;
  const plotW = width - labelW - right;
  const rows = ranking.candidates;
  const height = top + rows.length * (barH + gap) + 28;
  const x = (p: number) => labelW + p * plotW;
  return (
    <div className="chart-wrap">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="TOPSIS closeness to the ideal candidate, 0 to 1">
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - 4} y2={height - 24} className="gridline" />
            <text x={x(t)} y={height - 8} className="axis-label" textAnchor="middle">
              {t.toFixed(2)}
            </text>
          </g>
        ))}
        <text x={labelW - 34} y={height - 8} className="axis-label" textAnchor="end">
          Closeness to the ideal
        </text>
        {rows.map((c, i) => {
          const y = top + i * (barH + gap);
          return (
            <g key={c.candidate_id}>
              <text x={labelW - 10} y={y + barH / 2 + 4} textAnchor="end" className="bar-label">
                <title>{c.label}</title>
                {rankText(c) !== "—" ? `${rankText(c)}. ` : ""}
                {ellipsize(c.label, 34)}
              </text>
              {c.score === null ? (
                <rect x={x(0)} y={y} width={plotW} height={barH} className="seg-missing">
                  <title>{c.disqualified ? "Left out of the ranking: blocking compatibility gap" : "Unranked until missing values are entered"}</title>
                </rect>
              ) : (
                <rect x={x(0)} y={y} width={Math.max(0, c.score * plotW)} height={barH} className={c.rank === 1 ? "bar-lead" : "bar-plain"}>
                  <title>{`${c.label}: closeness ${closeness(c.score)}`}</title>
                </rect>
              )}
              <text x={x(c.score ?? 0) + 6} y={y + barH / 2 + 4} className="bar-value">
                {c.score === null ? (c.disqualified ? "disqualified" : "incomplete") : closeness(c.score)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

export function RankingTab({ data, goTab }: { data: RequestData; goTab: (t: Tab) => void }) {
  const ranking = data.ranking;
  const pal = useMemo(() => (ranking ? palette(ranking) : null), [ranking]);
  if (data.candidates.length === 0) {
    return (
      <EmptyState title="No candidates to rank">
        <button type="button" className="primary" onClick={() => goTab("candidates")}>
          Add the first candidate
        </button>
      </EmptyState>
    );
  }
  if (!ranking || !pal) return <p className="muted">Computing the ranking…</p>;

  const critName = new Map(ranking.criteria.map((c) => [c.id, c.name]));
  // Computed criteria: their missing values are fixed in the Lifecycle cost or Compatibility tab.
  const bySource = (test: (s: string) => boolean) =>
    new Set(data.tree.flatMap((t) => t.criteria.filter((c) => test(c.source)).map((c) => c.id)));
  const computed = bySource((s) => s === "lifecycle_cost");
  const compatComputed = bySource((s) => s === "ehr_score" || s === "network_score" || s === "security_score");
  const disagreements = ranking.candidates.flatMap((c) =>
    c.cells
      .filter((cell) => cell.summary?.disagreement)
      .map((cell) => ({ cand: c.label, crit: critName.get(cell.criterion_id) ?? "", s: cell.summary })),
  );
  const disagreeCount = (c: RankedCandidate) => c.cells.filter((x) => x.summary?.disagreement).length;
  const weightsSet = ranking.criteria.some((c) => c.weight > 0);
  const topsis = ranking.method === "topsis";
  const disqualified = ranking.candidates.filter((c) => c.disqualified).length;

  return (
    <>
      <div className="section-head">
        <h2>Ranking</h2>
        <span className="method" data-testid="ranking-method">{methodNote(ranking.method)}</span>
      </div>
      {!weightsSet && <div className="notice">No criterion has a weight yet: set weights to rank the candidates.</div>}
      {disqualified > 0 && (
        <div className="info-note" data-testid="ranking-disqualified-note">
          {disqualified} candidate{disqualified === 1 ? " is" : "s are"} left out of the ranking for a blocking compatibility
          gap, as this request asks.{" "}
          <button type="button" className="small" onClick={() => goTab("compatibility")}>
            Review in Compatibility
          </button>
        </div>
      )}
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
                      href={`#/request/${data.request.id}/compatibility`}
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
                    points(c.score)
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
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {topsis ? (
        <>
          <h3 className="subsection">Closeness to the ideal</h3>
          <p className="muted">
            TOPSIS does not split a score into per-criterion points: each candidate’s closeness (0 to 1) measures how
            near it is to an ideal candidate with the best value on every criterion, and how far from the worst.
          </p>
          <ClosenessChart ranking={ranking} />
        </>
      ) : (
        <>
          <h3 className="subsection">Weighted contributions</h3>
          <p className="muted">Each bar is a candidate’s score split by criterion; a segment’s length is the points it earns. Hover a segment for details.</p>
          <ContributionChart ranking={ranking} pal={pal} />
        </>
      )}

      <div className="panels">
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
                    <span className="flag flag-disagree">{d.s ? `${d.s.min}–${d.s.max}` : ""}</span>{" "}
                    <span className="strong">{d.cand}</span>: {d.crit}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </>
  );
}
