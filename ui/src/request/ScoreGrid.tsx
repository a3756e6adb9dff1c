import { type KeyboardEvent, type RefObject, useState } from "react";
import type { Candidate, Criterion, ScoreSummary } from "../bindings";

export interface Pos {
  row: number;
  col: number;
}

export interface JudgedRow {
  c: Criterion;
  category: string;
}

/** The cell at `p` of the grid whose cells `cellRefs` holds. */
export function focusCellIn(cellRefs: RefObject<Map<string, HTMLTableCellElement>>, p: Pos): void {
  cellRefs.current.get(`${p.row}:${p.col}`)?.focus();
}

/**
 * One evaluator's scores, judged criteria by candidates: arrow keys move, 1-5 sets a level,
 * Delete clears; under it, what each level of the focused cell's scale means.
 */
export function ScoreGrid({
  judged,
  cands,
  evaluatorName,
  hideOthers,
  scoreOf,
  summaryOf,
  cellRefs,
  onSave,
}: {
  judged: JudgedRow[];
  cands: Candidate[];
  evaluatorName: string;
  hideOthers: boolean;
  scoreOf: (candId: number, critId: number) => number | undefined;
  summaryOf: (candId: number, critId: number) => ScoreSummary | null;
  cellRefs: RefObject<Map<string, HTMLTableCellElement>>;
  onSave: (candId: number, critId: number, score: number | null) => void;
}) {
  const [active, setActive] = useState<Pos | null>(null);
  const focusCell = (p: Pos) => focusCellIn(cellRefs, p);
  const onCellKey = cellKeyHandler(judged.length, cands.length, focusCell, (p, score) => {
    const c = cands[p.col];
    const k = judged[p.row];
    if (!c || !k) return;
    if (score === null && !scoreOf(c.id, k.c.id)) return;
    onSave(c.id, k.c.id, score);
  });

  const activeCrit = active ? judged[active.row] : undefined;
  const activeCand = active ? cands[active.col] : undefined;
  const activeScore = activeCrit && activeCand ? scoreOf(activeCand.id, activeCrit.c.id) : undefined;
  const activeSummary = activeCrit && activeCand ? summaryOf(activeCand.id, activeCrit.c.id) : null;
  return (
    <>
      <div className="grid-wrap">
        <table className="table score-grid" role="grid" aria-label={`Scores by ${evaluatorName}`}>
          <thead>
            <tr>
              <th>Judged criterion</th>
              {cands.map((c) => (
                <th key={c.id} className="cand-col" scope="col">
                  <div className="strong">{c.manufacturer}</div>
                  <div>{c.model}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {judged.map(({ c: crit, category }, row) => {
              const header =
                category !== judged[row - 1]?.category ? (
                  <tr className="group-row" key={`g-${crit.id}`}>
                    <th colSpan={cands.length + 1} scope="rowgroup">
                      {category}
                    </th>
                  </tr>
                ) : null;
              return [
                header,
                <tr key={crit.id}>
                  <th scope="row" className={`indent crit-name${active?.row === row ? " row-active" : ""}`}>
                    {crit.name}
                  </th>
                  {cands.map((cand, col) => {
                    const s = scoreOf(cand.id, crit.id);
                    const sum = summaryOf(cand.id, crit.id);
                    const anchor = s ? crit.anchors[s - 1] : undefined;
                    return (
                      <td
                        key={cand.id}
                        role="gridcell"
                        tabIndex={0}
                        data-testid={`score-${crit.id}-${cand.id}`}
                        ref={(el) => {
                          if (el) cellRefs.current.set(`${row}:${col}`, el);
                          else cellRefs.current.delete(`${row}:${col}`);
                        }}
                        className={`score-cell${s ? ` level-${s}` : " empty-cell"}${sum?.disagreement && !hideOthers ? " disagree" : ""}`}
                        title={
                          (s ? `${s} – ${anchor ?? ""}` : "Not scored") +
                          (sum?.disagreement && !hideOthers
                            ? `\nEvaluators disagree: ${sum.min} to ${sum.max} (n=${sum.n}, mean ${sum.mean.toFixed(2)})`
                            : "")
                        }
                        aria-label={`${crit.name}, ${cand.manufacturer} ${cand.model}: ${s ?? "not scored"}`}
                        onFocus={() => setActive({ row, col })}
                        onKeyDown={(e) => onCellKey(e, { row, col })}
                      >
                        {s ?? "·"}
                      </td>
                    );
                  })}
                </tr>,
              ];
            })}
          </tbody>
        </table>
      </div>
      <AnchorHelp
        crit={activeCrit?.c}
        cand={activeCand}
        score={activeScore}
        summary={activeSummary}
        hideOthers={hideOthers}
        onPick={(level) => {
          if (!activeCand || !activeCrit) return;
          onSave(activeCand.id, activeCrit.c.id, level);
          if (active) focusCell(active);
        }}
      />
    </>
  );
}

/** What each level of the focused cell's scale means; a click sets that level. */
function AnchorHelp({
  crit,
  cand,
  score,
  summary,
  hideOthers,
  onPick,
}: {
  crit: Criterion | undefined;
  cand: Candidate | undefined;
  score: number | undefined;
  summary: ScoreSummary | null;
  hideOthers: boolean;
  onPick: (level: number) => void;
}) {
  return (
    <div className="anchor-help" aria-live="polite">
      {crit && cand ? (
        <>
          <div className="anchor-help-head">
            <span className="strong">{crit.name}</span> · {cand.manufacturer} {cand.model}
            {crit.description && <span className="muted"> — {crit.description}</span>}
            {summary?.disagreement && !hideOthers && (
              <span className="disagree-note">
                Evaluators disagree ({summary.min} to {summary.max}); discuss before deciding.
              </span>
            )}
          </div>
          <ol className="anchor-list">
            {crit.anchors.map((a, i) => (
              <li key={i} className={score === i + 1 ? "anchor-current" : ""}>
                <button type="button" tabIndex={-1} onClick={() => onPick(i + 1)}>
                  <span className="anchor-level">{i + 1}</span> {a}
                </button>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <span className="muted">Focus a cell to see what each level of its scale means.</span>
      )}
    </div>
  );
}

/** The grid's keys: arrows, Home and End move; 1-5 sets the level; Delete or Backspace clears. */
function cellKeyHandler(rows: number, cols: number, focusCell: (p: Pos) => void, set: (p: Pos, score: number | null) => void) {
  return (e: KeyboardEvent, p: Pos) => {
    const move = (dr: number, dc: number) => {
      e.preventDefault();
      const next = { row: Math.max(0, Math.min(rows - 1, p.row + dr)), col: Math.max(0, Math.min(cols - 1, p.col + dc)) };
      focusCell(next);
    };
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case "ArrowUp":
        return move(-1, 0);
      case "ArrowDown":
        return move(1, 0);
      case "ArrowLeft":
        return move(0, -1);
      case "ArrowRight":
        return move(0, 1);
      case "Home":
        return move(0, -cols);
      case "End":
        return move(0, cols);
      case "Delete":
      case "Backspace":
        e.preventDefault();
        set(p, null);
        return;
      default:
        if (/^[1-5]$/.test(e.key)) {
          e.preventDefault();
          set(p, Number(e.key));
        }
    }
  };
}
