import { useState } from "react";
import { HGrid } from "./axes";
import { ChartTip, useChartTip } from "./ChartTip";
import type { CriterionSweep, SensitivityResult } from "../bindings";
import { percent, percentWhole } from "../components/format";
import { ellipsize, niceDomain } from "./chart";
import { type Names, scoreLabel } from "../analysis/sensitivity";

// Weight sweep: x = one criterion's weight, y = every candidate's score (from run_sensitivity).

export function SweepChart({ result, sweep, names, topsis }: { result: SensitivityResult; sweep: CriterionSweep; names: Names; topsis: boolean }) {
  const [hover, setHover] = useState<number | null>(null);
  const { wrapRef, tip, show, hide } = useChartTip();
  const scale = topsis ? 1 : 100;
  const all = sweep.points.flatMap((p) => p.scores.map((s) => s * scale));
  const dom = niceDomain(Math.min(...all), Math.max(...all));

  const width = 960;
  const left = 56;
  const right = 20;
  const top = 18 + Math.max(1, sweep.break_even.length) * 16;
  const plotH = 260;
  const bottom = 40;
  const height = top + plotH + bottom;
  const plotW = width - left - right;
  const x = (w: number) => left + w * plotW;
  const y = (v: number) => top + plotH - ((v * scale - dom.min) / (dom.max - dom.min)) * plotH;
  const last = sweep.points.length - 1;

  const onMove = (clientX: number, clientY: number) => {
    const svg = wrapRef.current?.querySelector("svg")?.getBoundingClientRect();
    if (!svg || last < 1) return;
    const vx = ((clientX - svg.left) / svg.width) * width;
    const i = Math.max(0, Math.min(last, Math.round(((vx - left) / plotW) * last)));
    const p = sweep.points[i];
    if (!p) return;
    const rows = result.alternatives
      .map((id, k) => ({ id, s: p.scores[k] ?? 0 }))
      .sort((a, b) => b.s - a.s)
      .map((r) => `${ellipsize(names.name(r.id), 34)}: ${scoreLabel(topsis, r.s)}`);
    setHover(i);
    show(clientX, clientY, [`${sweep.name} at ${percent(p.weight)}`, ...rows]);
  };

  const hp = hover !== null ? sweep.points[hover] : undefined;
  return (
    <div
      className="chart-wrap"
      ref={wrapRef}
      onMouseLeave={() => {
        setHover(null);
        hide();
      }}
    >
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Each candidate's score as the weight of ${sweep.name} goes from 0 to 100 %, the other weights keeping their proportions`}
        onMouseMove={(e) => onMove(e.clientX, e.clientY)}
      >
        <HGrid
          ticks={dom.ticks}
          x1={left}
          x2={width - right}
          y={(t) => y(t / scale)}
          label={(t) => (topsis ? t.toFixed(2) : t.toFixed(dom.step < 1 ? 1 : 0))}
        />
        {[0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((t) => (
          <text key={t} x={x(t)} y={top + plotH + 16} className="axis-label" textAnchor="middle">
            {Math.round(t * 100)} %
          </text>
        ))}
        <line x1={left} x2={width - right} y1={top + plotH} y2={top + plotH} className="axisline" />
        <text x={left + plotW / 2} y={height - 6} className="axis-label" textAnchor="middle">
          Weight of {sweep.name} (the other weights keep their proportions)
        </text>
        <text x={4} y={top - 8} className="axis-label">
          {topsis ? "Closeness" : "Points"}
        </text>

        {/* Current weight */}
        <line x1={x(sweep.current_weight)} x2={x(sweep.current_weight)} y1={top} y2={top + plotH} className="now-line" />
        <text
          x={x(sweep.current_weight) + (sweep.current_weight > 0.85 ? -5 : 5)}
          y={top + plotH - 6}
          className="now-label"
          textAnchor={sweep.current_weight > 0.85 ? "end" : "start"}
        >
          now {percent(sweep.current_weight)}
        </text>

        <BreakEvenMarks sweep={sweep} names={names} x={x} bottom={top + plotH} />

        {result.alternatives.map((id, k) => {
          const pts = sweep.points.map((p) => `${x(p.weight).toFixed(1)},${y(p.scores[k] ?? 0).toFixed(1)}`).join(" ");
          return <polyline key={id} points={pts} fill="none" stroke={names.color(id)} strokeWidth={k === 0 ? 2.5 : 1.8} strokeLinejoin="round" />;
        })}
        {hp && (
          <g>
            <line x1={x(hp.weight)} x2={x(hp.weight)} y1={top} y2={top + plotH} className="guide" />
            {result.alternatives.map((id, k) => (
              <circle key={id} cx={x(hp.weight)} cy={y(hp.scores[k] ?? 0)} r={3.5} fill={names.color(id)} />
            ))}
          </g>
        )}
      </svg>
      <ChartTip tip={tip} />
      <SweepLegend result={result} names={names} />
    </div>
  );
}

function SweepLegend({ result, names }: { result: SensitivityResult; names: Names }) {
  return (
    <div className="legend">
      {result.alternatives.map((id, k) => (
        <div key={id} className="legend-item">
          <i className="swatch swatch-line" style={{ background: names.color(id) }} />
          {names.name(id)}
          {k === 0 && <span className="muted"> (first now)</span>}
        </div>
      ))}
      <div className="legend-item muted">
        <i className="swatch swatch-now" /> current weight
      </div>
      <div className="legend-item muted">◆ break-even: first place changes hands</div>
    </div>
  );
}

/** Where first place changes hands along the sweep, each labelled on its own line. */
function BreakEvenMarks({ sweep, names, x, bottom }: { sweep: CriterionSweep; names: Names; x: (w: number) => number; bottom: number }) {
  return (
    <>
      {sweep.break_even.map((b, i) => {
        const bx = x(b.weight);
        const ly = 14 + i * 16;
        const anchor = b.weight > 0.6 ? "end" : "start";
        return (
          <g key={i} className="breakeven">
            <line x1={bx} x2={bx} y1={ly + 3} y2={bottom} className="be-line" />
            <path d={`M ${bx} ${ly + 4} l 4 4 l -4 4 l -4 -4 Z`} className="be-mark" />
            <text x={bx + (anchor === "end" ? -8 : 8)} y={ly + 11} textAnchor={anchor} className="be-label">
              {names.name(b.leader_above)} leads above {percentWhole(b.weight)}
            </text>
          </g>
        );
      })}
    </>
  );
}
