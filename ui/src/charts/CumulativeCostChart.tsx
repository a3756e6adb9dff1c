import { useState } from "react";
import type { ScheduleYear } from "../bindings";
import { candidateColor, compareDecimal, formatWhole } from "../components/format";
import type { Row } from "../lifecycle/row";
import { HGrid } from "./axes";
import { ellipsize, niceStep, tickLabel } from "./chart";
import { ChartTip, useChartTip } from "./ChartTip";

// Cumulative nominal cost by year, one line per candidate. Number() is chart geometry only.

const WIDTH = 960;
const LEFT = 72;
const RIGHT = 24;
const TOP = 22;
const PLOT_H = 250;
const BOTTOM = 40;
const HEIGHT = TOP + PLOT_H + BOTTOM;
const PLOT_W = WIDTH - LEFT - RIGHT;

/** The chart's scales over the candidates' cumulative costs. */
function scales(withLc: Row[]) {
  const maxYears = Math.max(1, ...withLc.map((r) => r.item.lifecycle?.expected_life_years ?? 1));
  const values = withLc.flatMap((r) => r.item.lifecycle?.schedule.map((y) => Number(y.cumulative)) ?? []);
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const step = niceStep(hi - lo);
  const yMax = Math.ceil(hi / step) * step || step;
  const yMin = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = yMin; v <= yMax + step / 2; v += step) ticks.push(v);
  return {
    maxYears,
    ticks,
    x: (year: number) => LEFT + (year / maxYears) * PLOT_W,
    y: (v: number) => TOP + PLOT_H - ((v - yMin) / (yMax - yMin)) * PLOT_H,
    xEvery: maxYears <= 15 ? 1 : maxYears <= 30 ? 2 : 5,
    years: Array.from({ length: maxYears + 1 }, (_, i) => i),
  };
}

/** The tooltip lines of one year: every candidate's cumulative cost, highest first. */
function yearLines(withLc: Row[], year: number, currency: string): string[] {
  const lines = [`Year ${year}`];
  const entries = withLc
    .map((r) => ({ r, sy: r.item.lifecycle?.schedule.find((s) => s.year === year) }))
    .filter((e): e is { r: Row; sy: ScheduleYear } => e.sy !== undefined)
    .sort((a, b) => compareDecimal(b.sy.cumulative, a.sy.cumulative));
  const fy = entries[0]?.sy.fiscal_year;
  if (fy !== null && fy !== undefined) lines[0] = `Year ${year} · FY${fy}`;
  for (const { r, sy } of entries) {
    lines.push(`${ellipsize(r.item.label, 30)}: ${currency} ${formatWhole(sy.cumulative)} (this year ${formatWhole(sy.total)})`);
  }
  if (entries.length === 0) lines.push("No candidate has costs in this year");
  return lines;
}

export function CumulativeChart({ rows, currency }: { rows: Row[]; currency: string }) {
  const [hoverYear, setHoverYear] = useState<number | null>(null);
  const { wrapRef, tip, show, hide } = useChartTip();
  const withLc = rows.filter((r) => r.item.lifecycle);
  const { maxYears, ticks, x, y, xEvery, years } = scales(withLc);

  return (
    <div
      className="chart-wrap"
      ref={wrapRef}
      onMouseLeave={() => {
        setHoverYear(null);
        hide();
      }}
    >
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Cumulative nominal cost by year for each candidate, in ${currency}`}
      >
        <HGrid ticks={ticks} x1={LEFT} x2={WIDTH - RIGHT} y={y} label={tickLabel} zeroAxis />
        {years.map((yr) =>
          yr % xEvery === 0 ? (
            <text key={yr} x={x(yr)} y={TOP + PLOT_H + 16} className="axis-label" textAnchor="middle">
              {yr}
            </text>
          ) : null,
        )}
        <text x={LEFT + PLOT_W / 2} y={HEIGHT - 6} className="axis-label" textAnchor="middle">
          Year (0 = purchase)
        </text>
        <text x={LEFT - 8} y={11} className="axis-label" textAnchor="end">
          {currency}
        </text>
        {hoverYear !== null && <line x1={x(hoverYear)} x2={x(hoverYear)} y1={TOP} y2={TOP + PLOT_H} className="guide" />}
        {withLc.map((r) => (
          <CandidateLine key={r.candidate.id} row={r} x={x} y={y} hoverYear={hoverYear} />
        ))}
        {years.map((yr) => (
          <rect
            key={yr}
            x={x(yr) - PLOT_W / maxYears / 2}
            y={TOP}
            width={PLOT_W / maxYears}
            height={PLOT_H}
            fill="transparent"
            onMouseMove={(e) => {
              setHoverYear(yr);
              show(e.clientX, e.clientY, yearLines(withLc, yr, currency));
            }}
          />
        ))}
      </svg>
      <ChartTip tip={tip} />
      <div className="legend">
        {withLc.map((r) => (
          <div key={r.candidate.id} className="legend-item">
            <i className="swatch swatch-line" style={{ background: candidateColor(r.index) }} />
            {r.item.label}{" "}
            <span className="muted">
              {r.item.lifecycle?.expected_life_years} years · {currency} {formatWhole(r.item.lifecycle?.nominal_total ?? "0")}
            </span>
          </div>
        ))}
        <div className="legend-item muted">○ end of expected life</div>
      </div>
    </div>
  );
}

function CandidateLine({ row, x, y, hoverYear }: { row: Row; x: (year: number) => number; y: (v: number) => number; hoverYear: number | null }) {
  const lc = row.item.lifecycle;
  if (!lc) return null;
  const color = candidateColor(row.index);
  const pts = lc.schedule.map((s) => `${x(s.year).toFixed(1)},${y(Number(s.cumulative)).toFixed(1)}`);
  const last = lc.schedule[lc.schedule.length - 1];
  return (
    <g>
      <polyline points={pts.join(" ")} fill="none" stroke={color} strokeWidth={2} strokeLinejoin="round" />
      {lc.schedule.map((s) => (
        <circle key={s.year} cx={x(s.year)} cy={y(Number(s.cumulative))} r={hoverYear === s.year ? 4 : 2.5} fill={color} />
      ))}
      {last && <circle cx={x(last.year)} cy={y(Number(last.cumulative))} r={5} fill="#fff" stroke={color} strokeWidth={2} />}
    </g>
  );
}
