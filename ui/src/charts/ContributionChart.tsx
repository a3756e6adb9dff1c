import { ChartTip, useChartTip } from "./ChartTip";
import { VGrid } from "./axes";
import type { RequestRanking } from "../bindings";
import { formatValue, percent, points } from "../components/format";
import { ellipsize } from "./chart";
import { type Palette, rankText } from "../request/ranking";

/** Tooltips of this chart sit beside the pointer, never past the plot's right part. */
function placeTip(x: number): number {
  return Math.min(x + 14, 700);
}

export function ContributionChart({ ranking, pal }: { ranking: RequestRanking; pal: Palette }) {
  const { wrapRef, tip, show, hide } = useChartTip(placeTip);
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
    <div className="chart-wrap" ref={wrapRef} onMouseLeave={hide}>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Weighted contribution of each criterion to each candidate's score, out of 100 points"
      >
        <VGrid ticks={[0, 0.25, 0.5, 0.75, 1]} x={x} y1={top - 4} y2={height - 24} labelY={height - 8} label={(t) => String(Math.round(t * 100))} />
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
                    onMouseMove={(e) =>
                      show(e.clientX, e.clientY, [
                        `${k?.name ?? "Criterion"} (${k?.category ?? ""})`,
                        `${c.label}: ${value}`,
                        `${cell.contribution_shown ?? "—"} points of ${points(k?.weight ?? 0)} possible`,
                      ])
                    }
                  >
                    <title>{`${k?.name ?? ""}: ${value}; ${cell.contribution_shown ?? "—"} points`}</title>
                  </rect>
                );
              })}
              {!complete && (
                <rect x={x(acc)} y={y} width={Math.max(0, x(1) - x(acc))} height={barH} className="seg-missing">
                  <title>
                    {c.disqualified ? "Left out of the ranking: blocking compatibility gap" : "Unranked until missing values are entered"}
                  </title>
                </rect>
              )}
              <text x={x(acc) + 6} y={y + barH / 2 + 4} className="bar-value">
                {complete ? c.score_shown : c.disqualified ? "disqualified" : "incomplete"}
              </text>
            </g>
          );
        })}
      </svg>
      <ChartTip tip={tip} />
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
