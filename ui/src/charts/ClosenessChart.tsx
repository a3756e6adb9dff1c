import { VGrid } from "./axes";
import type { RequestRanking } from "../bindings";
import { ellipsize } from "./chart";
import { closeness, rankText } from "../request/ranking";

/** TOPSIS has no additive contributions: one bar per candidate, its closeness to the ideal. */
export function ClosenessChart({ ranking }: { ranking: RequestRanking }) {
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
        <VGrid ticks={[0, 0.25, 0.5, 0.75, 1]} x={x} y1={top - 4} y2={height - 24} labelY={height - 8} label={(t) => t.toFixed(2)} />
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
                  <title>
                    {c.disqualified ? "Left out of the ranking: blocking compatibility gap" : "Unranked until missing values are entered"}
                  </title>
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
