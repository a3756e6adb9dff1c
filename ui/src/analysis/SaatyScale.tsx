import { type KeyboardEvent, useRef } from "react";
import { positionOf, POSITIONS, valueAt, verbal } from "./ahpScale";

// Pairwise comparison (AHP) on Saaty's 1-9 scale. The judgements live in this component and in
// localStorage (per request): the backend computes weights and consistency but does not store them.

/** The scale control for one pair: 17 positions, one tab stop, arrow keys move. */
export function SaatyScale({
  a,
  b,
  value,
  onChange,
  testid,
}: {
  a: string;
  b: string;
  value: number;
  onChange: (v: number) => void;
  testid: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const selected = positionOf(value);
  const pick = (p: number) => {
    const q = Math.max(0, Math.min(16, p));
    onChange(valueAt(q));
    refs.current[q]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowLeft: selected - 1,
      ArrowUp: selected - 1,
      ArrowRight: selected + 1,
      ArrowDown: selected + 1,
      Home: 0,
      End: 16,
    };
    const next = moves[e.key];
    if (next !== undefined) {
      e.preventDefault();
      pick(next);
    } else if (e.key === "=") {
      e.preventDefault();
      pick(8);
    }
  };
  return (
    <div className="saaty" role="radiogroup" aria-label={`${a} compared with ${b}`} onKeyDown={onKey} data-testid={testid}>
      {POSITIONS.map((p) => {
        const v = valueAt(p);
        const k = v >= 1 ? Math.round(v) : Math.round(1 / v);
        const side = p < 8 ? "a" : p > 8 ? "b" : "eq";
        return (
          <button
            key={p}
            type="button"
            role="radio"
            aria-checked={p === selected}
            aria-label={verbal(a, b, v)}
            tabIndex={p === selected ? 0 : -1}
            title={verbal(a, b, v)}
            ref={(el) => {
              refs.current[p] = el;
            }}
            className={`saaty-seg saaty-${side}${k % 2 === 1 ? " saaty-odd" : ""}${p === selected ? " saaty-on" : ""}`}
            onClick={() => pick(p)}
          >
            {k}
          </button>
        );
      })}
    </div>
  );
}
