import { useCallback, useRef, useState } from "react";
import { type Hover, tipLeft } from "./chart";

/**
 * The tooltip state of a chart: `wrapRef` goes on the chart's wrapper, `show` places the tip
 * at a pointer position inside it. `place` picks the tip's left edge (beside the pointer by default).
 */
export function useChartTip(place: (x: number, wrapWidth: number | undefined) => number = tipLeft) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Hover | null>(null);
  const show = useCallback(
    (clientX: number, clientY: number, lines: string[]) => {
      const box = wrapRef.current?.getBoundingClientRect();
      if (!box) return;
      const x = clientX - box.left;
      setTip({ x, y: clientY - box.top, left: place(x, wrapRef.current?.clientWidth), lines });
    },
    [place],
  );
  const hide = useCallback(() => setTip(null), []);
  return { wrapRef, tip, show, hide };
}

/** A chart's tooltip: the first line bold, line `noteLine` (if any) as a note. */
export function ChartTip({ tip, noteLine }: { tip: Hover | null; noteLine?: number }) {
  if (!tip) return null;
  return (
    <div className="chart-tip" style={{ left: tip.left, top: tip.y + 14 }}>
      {tip.lines.map((l, i) => (
        <div key={i} className={i === 0 ? "strong" : i === noteLine ? "tip-note" : ""}>
          {l}
        </div>
      ))}
    </div>
  );
}
