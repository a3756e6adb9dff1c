import { VGrid } from "./axes";
import type { SensitivityResult } from "../bindings";
import { percent, percentWhole } from "../components/format";
import { ellipsize, niceDomain } from "./chart";
import { type Names, scoreLabel } from "../analysis/sensitivity";

// Tornado: the leader's score when each weight moves by ± delta (from run_sensitivity).

export function TornadoChart({
  result,
  leaderScore,
  names,
  topsis,
}: {
  result: SensitivityResult;
  leaderScore: number | null;
  names: Names;
  topsis: boolean;
}) {
  const rows = [...result.one_way].sort(
    (a, b) => Math.abs(b.leader_score_high - b.leader_score_low) - Math.abs(a.leader_score_high - a.leader_score_low),
  );
  const scale = topsis ? 1 : 100;
  const vals = rows.flatMap((r) => [r.leader_score_low * scale, r.leader_score_high * scale]);
  if (leaderScore !== null) vals.push(leaderScore * scale);
  const dom = niceDomain(Math.min(...vals), Math.max(...vals));
  const width = 960;
  const labelW = 270;
  const right = 120;
  const barH = 16;
  const gap = 8;
  const top = 24;
  const plotW = width - labelW - right;
  const height = top + rows.length * (barH + gap) + 44;
  const x = (v: number) => labelW + ((v * scale - dom.min) / (dom.max - dom.min)) * plotW;
  const leader = result.alternatives[0] ?? "";
  const ref = leaderScore;

  return (
    <div className="chart-wrap">
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Score of ${names.name(leader)} when each criterion's weight moves down or up`}
      >
        <VGrid
          ticks={dom.ticks}
          x={(t) => x(t / scale)}
          y1={top - 4}
          y2={height - 38}
          labelY={height - 22}
          label={(t) => (topsis ? t.toFixed(2) : t.toFixed(dom.step < 1 ? 1 : 0))}
        />
        <text x={labelW + plotW / 2} y={height - 4} className="axis-label" textAnchor="middle">
          {topsis ? `Closeness of ${names.name(leader)}` : `Points of ${names.name(leader)}`}
        </text>
        <text x={width - right + 10} y={12} className="axis-label">
          Weights tried
        </text>
        {rows.map((r, i) => {
          const yy = top + i * (barH + gap);
          const lo = Math.min(r.leader_score_low, r.leader_score_high);
          const hi = Math.max(r.leader_score_low, r.leader_score_high);
          const mid = ref ?? (r.leader_score_low + r.leader_score_high) / 2;
          const title = `${r.name}: weight ${percent(r.tornado_low_weight)} → ${scoreLabel(topsis, r.leader_score_low)}; weight ${percent(
            r.tornado_high_weight,
          )} → ${scoreLabel(topsis, r.leader_score_high)} (now ${percent(r.current_weight)})`;
          return (
            <g key={r.criterion}>
              <text x={labelW - 10} y={yy + barH / 2 + 4} textAnchor="end" className="bar-label">
                <title>{r.name}</title>
                {ellipsize(r.name, 38)}
              </text>
              {/* Lower weight side and higher weight side, each from the current score. */}
              <rect
                x={Math.min(x(r.leader_score_low), x(mid))}
                y={yy}
                width={Math.max(1, Math.abs(x(r.leader_score_low) - x(mid)))}
                height={barH}
                className="tor-low"
              >
                <title>{title}</title>
              </rect>
              <rect
                x={Math.min(x(r.leader_score_high), x(mid))}
                y={yy}
                width={Math.max(1, Math.abs(x(r.leader_score_high) - x(mid)))}
                height={barH}
                className="tor-high"
              >
                <title>{title}</title>
              </rect>
              <text x={x(lo) - 4} y={yy + barH / 2 + 4} textAnchor="end" className="tor-value">
                {scoreLabel(topsis, lo)}
              </text>
              <text x={x(hi) + 4} y={yy + barH / 2 + 4} className="tor-value">
                {scoreLabel(topsis, hi)}
              </text>
              <text x={width - right + 10} y={yy + barH / 2 + 4} className="tor-weights">
                {percentWhole(r.tornado_low_weight)} – {percentWhole(r.tornado_high_weight)}
              </text>
            </g>
          );
        })}
        {ref !== null && (
          <>
            <line x1={x(ref)} x2={x(ref)} y1={top - 6} y2={height - 38} className="now-line" />
          </>
        )}
      </svg>
      <div className="legend">
        <div className="legend-item">
          <i className="swatch tor-low-swatch" />
          weight lowered
        </div>
        <div className="legend-item">
          <i className="swatch tor-high-swatch" />
          weight raised
        </div>
        {ref !== null && (
          <div className="legend-item muted">
            <i className="swatch swatch-now" /> {names.name(leader)} now: {scoreLabel(topsis, ref)}
          </div>
        )}
      </div>
    </div>
  );
}
