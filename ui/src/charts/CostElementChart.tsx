import type { LifecycleCost } from "../bindings";
import { formatApprox, formatWhole } from "../components/format";
import { VGrid } from "./axes";
import { ellipsize, niceStep, tickLabel } from "./chart";
import { ChartTip, useChartTip } from "./ChartTip";
import type { Row } from "../lifecycle/row";

// Nominal cost over each candidate's life by cost element. The element sums are chart geometry
// (and the "≈" hover text) only; exact totals are the backend's.

export type ElementKey =
  "purchase" | "installation" | "it_integration" | "training" | "service" | "consumables" | "energy" | "software" | "staffing" | "disposal";

export const ELEMENT_GROUPS: { title: string; elements: { key: ElementKey; label: string; color: string }[] }[] = [
  {
    title: "Capital (year 0)",
    elements: [
      { key: "purchase", label: "Purchase", color: "hsl(212 55% 32%)" },
      { key: "installation", label: "Installation", color: "hsl(212 50% 48%)" },
      { key: "it_integration", label: "IT integration", color: "hsl(212 45% 63%)" },
      { key: "training", label: "Training", color: "hsl(212 40% 78%)" },
    ],
  },
  {
    title: "Operating (years 1 to N)",
    elements: [
      { key: "service", label: "Service", color: "hsl(32 70% 46%)" },
      { key: "consumables", label: "Consumables", color: "hsl(150 40% 36%)" },
      { key: "energy", label: "Energy", color: "hsl(188 50% 44%)" },
      { key: "software", label: "Software", color: "hsl(268 35% 55%)" },
      { key: "staffing", label: "Staffing", color: "hsl(340 45% 55%)" },
    ],
  },
  {
    title: "End of life",
    elements: [{ key: "disposal", label: "Disposal", color: "hsl(210 8% 48%)" }],
  },
];
export const ELEMENTS = ELEMENT_GROUPS.flatMap((g) => g.elements);

interface ElementSums {
  r: Row;
  by: Map<ElementKey, number>;
  residual: number;
}

function sumsOf(withLc: Row[]): ElementSums[] {
  return withLc.map((r) => {
    const s = r.item.lifecycle?.schedule ?? [];
    const by = new Map<ElementKey, number>();
    for (const e of ELEMENTS)
      by.set(
        e.key,
        s.reduce((a, y) => a + Number(y[e.key]), 0),
      );
    const residual = s.reduce((a, y) => a + Number(y.residual), 0);
    return { r, by, residual };
  });
}

const WIDTH = 960;
const LABEL_W = 250;
const RIGHT = 118;
const BAR_H = 22;
const GAP = 14;
const TOP = 8;
const PLOT_W = WIDTH - LABEL_W - RIGHT;

/** The value axis: round ticks from zero up, with room left of zero for residual values. */
function scale(sums: ElementSums[]) {
  const maxPos = Math.max(1, ...sums.map((s) => [...s.by.values()].reduce((a, v) => a + Math.max(0, v), 0)));
  const maxNeg = Math.max(0, ...sums.map((s) => -Math.min(0, s.residual)));
  const step = niceStep(maxPos, 6);
  const hiT = Math.ceil(maxPos / step) * step;
  // Room left of zero for the residual values only (no ticks there: the segments are labelled on hover).
  const loT = maxNeg > 0 ? -maxNeg * 1.08 : 0;
  const ticks: number[] = [];
  for (let v = 0; v <= hiT + step / 2; v += step) ticks.push(v);
  return { ticks, x: (v: number) => LABEL_W + ((v - loT) / (hiT - loT)) * PLOT_W };
}

type Show = (clientX: number, clientY: number, lines: string[]) => void;

export function ElementChart({ rows, currency }: { rows: Row[]; currency: string }) {
  const { wrapRef, tip, show, hide } = useChartTip();
  const sums = sumsOf(rows.filter((r) => r.item.lifecycle));
  const { ticks, x } = scale(sums);
  const height = TOP + sums.length * (BAR_H + GAP) + 30;

  return (
    <div className="chart-wrap" ref={wrapRef} onMouseLeave={hide}>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Nominal lifecycle cost by cost element for each candidate, in ${currency}`}
      >
        <defs>
          <pattern id="residual-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#eef0f3" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#8d97a3" strokeWidth="2" />
          </pattern>
        </defs>
        <VGrid ticks={ticks} x={x} y1={TOP - 4} y2={height - 24} labelY={height - 8} label={tickLabel} zeroAxis />
        <text x={LABEL_W - 10} y={height - 8} className="axis-label" textAnchor="end">
          {currency}, nominal
        </text>
        {sums.map((s, i) => (
          <ElementBar key={s.r.candidate.id} sums={s} yTop={TOP + i * (BAR_H + GAP)} x={x} currency={currency} show={show} />
        ))}
      </svg>
      <ChartTip tip={tip} noteLine={2} />
      <ElementLegend />
    </div>
  );
}

/** One candidate's stacked bar: its elements right of zero, its residual value left of it. */
function ElementBar({
  sums: { r, by, residual },
  yTop,
  x,
  currency,
  show,
}: {
  sums: ElementSums;
  yTop: number;
  x: (v: number) => number;
  currency: string;
  show: Show;
}) {
  const lc = r.item.lifecycle as LifecycleCost;
  // Each element's segment starts where the previous one ends.
  const segments: { el: (typeof ELEMENTS)[number]; v: number; from: number; to: number }[] = [];
  let acc = 0;
  for (const el of ELEMENTS) {
    const v = by.get(el.key) ?? 0;
    if (v <= 0) continue;
    segments.push({ el, v, from: acc, to: acc + v });
    acc += v;
  }
  return (
    <g>
      <text x={LABEL_W - 10} y={yTop + BAR_H / 2 + 4} textAnchor="end" className="bar-label">
        <title>{r.item.label}</title>
        {ellipsize(r.item.label, 32)}
      </text>
      {segments.map(({ el, v, from, to }) => {
        const x0 = x(from);
        const lines = [
          `${el.label} ${formatApprox(v)} ${currency}`,
          `${r.item.label}, over ${lc.expected_life_years} years (nominal)`,
          "Approximate: summed for the chart; exact totals are in the table",
        ];
        return (
          <rect
            key={el.key}
            x={x0}
            y={yTop}
            width={Math.max(0, x(to) - x0)}
            height={BAR_H}
            fill={el.color}
            className="seg"
            onMouseMove={(e) => show(e.clientX, e.clientY, lines)}
          >
            <title>{`${el.label}: ${formatApprox(v)} ${currency}`}</title>
          </rect>
        );
      })}
      {residual < 0 && (
        <rect
          x={x(residual)}
          y={yTop}
          width={Math.max(0, x(0) - x(residual))}
          height={BAR_H}
          fill="url(#residual-hatch)"
          className="seg"
          onMouseMove={(e) =>
            show(e.clientX, e.clientY, [
              `Residual value ${formatApprox(residual)} ${currency}`,
              `${r.item.label}, at end of year ${lc.expected_life_years}`,
              "Reduces the cost; approximate, exact totals are in the table",
            ])
          }
        >
          <title>{`Residual value: ${formatApprox(residual)} ${currency}`}</title>
        </rect>
      )}
      <text x={x(acc) + 6} y={yTop + BAR_H / 2 + 4} className="bar-value">
        {formatWhole(lc.nominal_total)}
      </text>
    </g>
  );
}

function ElementLegend() {
  return (
    <div className="legend">
      {ELEMENT_GROUPS.map((g) => (
        <div key={g.title} className="legend-group">
          <div className="legend-cat">{g.title}</div>
          {g.elements.map((el) => (
            <div key={el.key} className="legend-item">
              <i className="swatch" style={{ background: el.color }} />
              {el.label}
            </div>
          ))}
          {g.title === "End of life" && (
            <div className="legend-item">
              <i className="swatch swatch-hatch" />
              Residual value (negative, left of zero)
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
