// Grid lines with their tick labels, shared by the hand-drawn SVG charts.

/** Horizontal grid lines from `x1` to `x2`, labelled left of `x1`; the zero line drawn as the axis when `zeroAxis`. */
export function HGrid({
  ticks,
  x1,
  x2,
  y,
  label,
  zeroAxis = false,
}: {
  ticks: number[];
  x1: number;
  x2: number;
  y: (t: number) => number;
  label: (t: number) => string;
  zeroAxis?: boolean;
}) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x1} x2={x2} y1={y(t)} y2={y(t)} className={zeroAxis && t === 0 ? "axisline" : "gridline"} />
          <text x={x1 - 8} y={y(t) + 4} className="axis-label" textAnchor="end">
            {label(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/** Vertical grid lines from `y1` to `y2`, labelled at `labelY`; the zero line drawn as the axis when `zeroAxis`. */
export function VGrid({
  ticks,
  x,
  y1,
  y2,
  labelY,
  label,
  zeroAxis = false,
}: {
  ticks: number[];
  x: (t: number) => number;
  y1: number;
  y2: number;
  labelY: number;
  label: (t: number) => string;
  zeroAxis?: boolean;
}) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={y1} y2={y2} className={zeroAxis && t === 0 ? "axisline" : "gridline"} />
          <text x={x(t)} y={labelY} className="axis-label" textAnchor="middle">
            {label(t)}
          </text>
        </g>
      ))}
    </>
  );
}
