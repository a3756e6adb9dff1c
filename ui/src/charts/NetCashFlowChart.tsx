import { useState } from "react";
import type { CandidateCaseView, CaseYear, PaybackMark } from "../bindings";
import { compareDecimal, formatWhole } from "../components/format";
import { HGrid } from "./axes";
import { niceDomain, tickLabel } from "./chart";
import { ChartTip, useChartTip } from "./ChartTip";

// A candidate's cumulative net cash flow by year (year 0 is the purchase), with the engine's
// payback where it reaches zero. The bars, the line through their tops and the markers are
// the engine's figures; Number() is chart geometry only.

const WIDTH = 960;
const LEFT = 72;
const RIGHT = 24;
const TOP = 44;
const PLOT_H = 230;
const BOTTOM = 40;
const HEIGHT = TOP + PLOT_H + BOTTOM;
const PLOT_W = WIDTH - LEFT - RIGHT;

/** The chart's scales: one band per year, bar centres at whole years (so a payback of 3.4 years sits between years 3 and 4). */
function scales(years: CaseYear[]) {
  const values = years.map((y) => Number(y.cumulative_net));
  const { min, max, ticks } = niceDomain(Math.min(0, ...values), Math.max(0, ...values));
  const band = PLOT_W / Math.max(1, years.length);
  return {
    ticks,
    band,
    x: (year: number) => LEFT + (year + 0.5) * band,
    y: (v: number) => TOP + PLOT_H - ((v - min) / (max - min)) * PLOT_H,
    xEvery: years.length <= 16 ? 1 : years.length <= 31 ? 2 : 5,
  };
}

/** The tooltip lines of one year. */
function yearLines(y: CaseYear, currency: string): string[] {
  return [
    y.fiscal_year === null ? `Year ${y.year}` : `Year ${y.year} · FY${y.fiscal_year}`,
    `Net this year: ${currency} ${formatWhole(y.net)}`,
    `Cumulative: ${currency} ${formatWhole(y.cumulative_net)}`,
  ];
}

/** A payback marker: a vertical line at the payback and its label above the plot (row 0 or 1, so two never overlap). */
function Marker({ mark, x, zeroY, row, kind }: { mark: PaybackMark; x: number; zeroY: number; row: 0 | 1; kind: "simple" | "discounted" }) {
  const anchor = x < LEFT + 90 ? "start" : x > WIDTH - RIGHT - 90 ? "end" : "middle";
  const labelY = 14 + row * 16;
  return (
    <g data-testid={kind === "simple" ? "payback-marker" : "discounted-payback-marker"}>
      <line x1={x} x2={x} y1={TOP - 6} y2={TOP + PLOT_H} className={`payback-line payback-${kind}`} />
      {kind === "simple" && <circle cx={x} cy={zeroY} r={5} className="payback-dot" />}
      <text x={x} y={labelY} textAnchor={anchor} className={`payback-label payback-${kind}`} data-testid={`${kind}-payback-label`}>
        {mark.label}
      </text>
    </g>
  );
}

export function NetCashFlowChart({ view, currency }: { view: CandidateCaseView; currency: string }) {
  const [hoverYear, setHoverYear] = useState<number | null>(null);
  const { wrapRef, tip, show, hide } = useChartTip();
  const years = view.years;
  if (years.length === 0) return null;
  const { ticks, band, x, y, xEvery } = scales(years);
  const shown = [view.payback, view.discounted_payback];
  const [simple, discounted] = shown.map((m) => (m?.years != null ? m : null));
  const pts = years.map((yr) => `${x(yr.year).toFixed(1)},${y(Number(yr.cumulative_net)).toFixed(1)}`);

  return (
    <div
      className="chart-wrap"
      ref={wrapRef}
      data-testid="net-cash-flow-chart"
      onMouseLeave={() => {
        setHoverYear(null);
        hide();
      }}
    >
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Cumulative net cash flow by year of ${view.label}, in ${currency}`}>
        <HGrid ticks={ticks} x1={LEFT} x2={WIDTH - RIGHT} y={y} label={tickLabel} zeroAxis />
        {years.map((yr) => {
          const top = y(Math.max(0, Number(yr.cumulative_net)));
          const height = Math.abs(y(Number(yr.cumulative_net)) - y(0));
          const sign = compareDecimal(yr.cumulative_net, "0") < 0 ? "cf-neg" : "cf-pos";
          return (
            <rect
              key={yr.year}
              x={x(yr.year) - band * 0.3}
              y={top}
              width={band * 0.6}
              height={Math.max(height, 1)}
              className={`${sign}${hoverYear === yr.year ? " cf-hover" : ""}`}
            />
          );
        })}
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} className="axisline" />
        <polyline points={pts.join(" ")} className="cf-line" />
        {years.map((yr) =>
          yr.year % xEvery === 0 ? (
            <text key={yr.year} x={x(yr.year)} y={TOP + PLOT_H + 16} className="axis-label" textAnchor="middle">
              {yr.year}
            </text>
          ) : null,
        )}
        <text x={LEFT + PLOT_W / 2} y={HEIGHT - 6} className="axis-label" textAnchor="middle">
          Year (0 = purchase)
        </text>
        <text x={LEFT - 8} y={TOP - 16} className="axis-label" textAnchor="end">
          {currency}
        </text>
        {simple && <Marker mark={simple} x={x(Number(simple.years))} zeroY={y(0)} row={0} kind="simple" />}
        {discounted && <Marker mark={discounted} x={x(Number(discounted.years))} zeroY={y(0)} row={1} kind="discounted" />}
        {years.map((yr) => (
          <rect
            key={yr.year}
            x={x(yr.year) - band / 2}
            y={TOP}
            width={band}
            height={PLOT_H}
            fill="transparent"
            onMouseMove={(e) => {
              setHoverYear(yr.year);
              show(e.clientX, e.clientY, yearLines(yr, currency));
            }}
          />
        ))}
      </svg>
      <ChartTip tip={tip} />
      <div className="legend">
        <div className="legend-item">
          <i className="swatch cf-neg" /> Cumulative net below zero
        </div>
        <div className="legend-item">
          <i className="swatch cf-pos" /> Above zero (paid back)
        </div>
        {shown.map((m, i) =>
          m ? (
            <div key={i} className={`legend-item${m.years == null ? " muted" : ""}`} data-testid={i === 0 ? "payback-legend" : undefined}>
              {m.years != null && <i className={`swatch swatch-line payback-${i === 0 ? "simple" : "discounted"}`} />} {m.label}
            </div>
          ) : null,
        )}
      </div>
    </div>
  );
}
