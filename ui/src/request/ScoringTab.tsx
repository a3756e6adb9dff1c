import {
  type Dispatch,
  type FormEvent,
  type KeyboardEvent,
  type SetStateAction,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { api, errorPayload, fieldName } from "../api";
import type { Candidate, Criterion, ScoreSummary } from "../bindings";
import { AgreementPanel } from "../analysis/AgreementPanel";
import { isCompatSource } from "../compat/compat";
import { EmptyState } from "../components/display";
import { formatValue } from "../components/format";
import type { Refresh, RequestData } from "./RequestPage";
import { Field } from "../components/fields";
import { useReport } from "../components/report";

interface Pos {
  row: number;
  col: number;
}

function AddEvaluator({ onAdded, onCancel }: { onAdded: (id: number) => Promise<void>; onCancel: () => void }) {
  const report = useReport();
  const [name, setName] = useState("");
  const [role, setRole] = useState("");
  const [errors, setErrors] = useState<{ name?: string; role?: string }>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: "Name is required." });
      return;
    }
    try {
      const ev = await api.addEvaluator(name.trim(), role.trim());
      await onAdded(ev.id);
    } catch (err) {
      const p = errorPayload(err);
      const f = fieldName(p);
      if ((p.kind === "validation" || p.kind === "conflict") && (f === "name" || f === "role")) setErrors({ [f]: p.message });
      else report(p);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field label="Name" error={errors.name}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </Field>
      <Field label="Role" error={errors.role}>
        <input value={role} onChange={(e) => setRole(e.target.value)} placeholder="e.g. ICU nurse manager" />
      </Field>
      <button type="submit" className="primary">
        Add evaluator
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function MeasurementInput({
  candidate,
  criterion,
  saved,
  onSaved,
}: {
  candidate: Candidate;
  criterion: Criterion;
  saved: string | null;
  onSaved: () => Promise<void>;
}) {
  const report = useReport();
  const [text, setText] = useState(saved ?? "");
  const [error, setError] = useState<string | null>(null);
  const last = useRef(saved);
  const cancelling = useRef(false);
  if (last.current !== saved) {
    last.current = saved;
    setText(saved ?? "");
  }
  const commit = async (value: string) => {
    const v = value.trim().replace(/,/g, "");
    if (v && !/^-?\d+(\.\d+)?$/.test(v)) {
      setError("Enter a decimal number, e.g. 1184000 or 2.5.");
      return;
    }
    setError(null);
    const next = v === "" ? null : v;
    if (next === saved) return;
    try {
      await api.setMeasurement(candidate.id, criterion.id, next);
      await onSaved();
    } catch (e) {
      const p = errorPayload(e);
      if (p.kind === "validation" || p.kind === "conflict") setError(p.message);
      else report(p);
    }
  };
  return (
    <span className="measure-cell">
      <span className="measure-input">
        <input
          className={`num${error ? " invalid" : ""}`}
          inputMode="decimal"
          value={text}
          placeholder="missing"
          aria-label={`${criterion.name} for ${candidate.manufacturer} ${candidate.model} (${criterion.unit})`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void commit(e.currentTarget.value);
            } else if (e.key === "Escape") {
              cancelling.current = true;
              setText(saved ?? "");
              setError(null);
            }
          }}
          onBlur={(e) => {
            if (cancelling.current) {
              cancelling.current = false;
              return;
            }
            void commit(e.currentTarget.value);
          }}
        />
        <span className="unit">{criterion.unit}</span>
      </span>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

export function ScoringTab({
  data,
  refresh,
  setData,
}: {
  data: RequestData;
  refresh: Refresh;
  setData: Dispatch<SetStateAction<RequestData | null>>;
}) {
  const report = useReport();
  const [evaluatorId, setEvaluatorId] = useState<number | null>(() => data.evaluators[0]?.id ?? null);
  const [addingEvaluator, setAddingEvaluator] = useState(false);
  const [active, setActive] = useState<Pos | null>(null);
  const cellRefs = useRef(new Map<string, HTMLTableCellElement>());

  const judged = useMemo(
    () => data.tree.flatMap((t) => t.criteria.filter((c) => c.kind === "judged").map((c) => ({ c, category: t.category.name }))),
    [data.tree],
  );
  const measured = useMemo(() => data.tree.flatMap((t) => t.criteria.filter((c) => c.kind === "measured")), [data.tree]);
  const cands = data.candidates;

  useEffect(() => {
    if (evaluatorId === null && data.evaluators[0]) setEvaluatorId(data.evaluators[0].id);
  }, [data.evaluators, evaluatorId]);

  const scoreOf = (candId: number, critId: number) =>
    data.scores.find((s) => s.evaluator_id === evaluatorId && s.candidate_id === candId && s.criterion_id === critId);

  const summaryOf = (candId: number, critId: number): ScoreSummary | null =>
    data.ranking?.candidates.find((c) => c.candidate_id === candId)?.cells.find((x) => x.criterion_id === critId)?.summary ??
    null;

  // The ranking's value of a computed criterion (an f64 EAC, shown, never summed).
  const computedValue = (candId: number, critId: number, unit: string): string => {
    const cell = data.ranking?.candidates.find((c) => c.candidate_id === candId)?.cells.find((x) => x.criterion_id === critId);
    if (cell?.value != null) return formatValue(Math.round(cell.value), unit);
    return data.ranking?.missing.find((m) => m.candidate_id === candId && m.criterion_id === critId)?.reason ?? "—";
  };

  const focusCell = (p: Pos) => {
    cellRefs.current.get(`${p.row}:${p.col}`)?.focus();
  };

  // Blind scoring: a courtesy of this screen (localStorage), not access control.
  const blindKey = `caliper.blind.${data.request.id}`;
  const submittedKey = (ev: number) => `caliper.submitted.${data.request.id}.${ev}`;
  const readFlag = (k: string) => {
    try {
      return localStorage.getItem(k) === "1";
    } catch {
      return false;
    }
  };
  const writeFlag = (k: string, on: boolean) => {
    try {
      if (on) localStorage.setItem(k, "1");
      else localStorage.removeItem(k);
    } catch {
      // Not remembered; harmless.
    }
  };
  const [blind, setBlindState] = useState(() => readFlag(blindKey));
  const [submittedTick, setSubmittedTick] = useState(0);
  const setBlind = (on: boolean) => {
    writeFlag(blindKey, on);
    setBlindState(on);
  };
  const submitted = evaluatorId !== null && submittedTick >= 0 && readFlag(submittedKey(evaluatorId));
  const hideOthers = blind && !submitted;

  const save = async (candId: number, critId: number, score: number | null) => {
    if (evaluatorId === null) return;
    const ev = evaluatorId;
    const prev = scoreOf(candId, critId);
    // Show the new value at once; the backend's answer and the ranking follow.
    setData((d) => {
      if (!d) return d;
      const rest = d.scores.filter((s) => !(s.evaluator_id === ev && s.candidate_id === candId && s.criterion_id === critId));
      return {
        ...d,
        scores: score === null ? rest : [...rest, { evaluator_id: ev, candidate_id: candId, criterion_id: critId, score, comment: prev?.comment ?? "" }],
      };
    });
    try {
      await api.setScore(ev, candId, critId, score, prev?.comment ?? "");
    } catch (e) {
      report(errorPayload(e));
    }
    await refresh(["scores", "ranking"]);
  };

  const onCellKey = (e: KeyboardEvent, p: Pos) => {
    const rows = judged.length;
    const cols = cands.length;
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
      case "Backspace": {
        e.preventDefault();
        const c = cands[p.col];
        const k = judged[p.row];
        if (c && k && scoreOf(c.id, k.c.id)) void save(c.id, k.c.id, null);
        return;
      }
      default:
        if (/^[1-5]$/.test(e.key)) {
          e.preventDefault();
          const c = cands[p.col];
          const k = judged[p.row];
          if (c && k) void save(c.id, k.c.id, Number(e.key));
        }
    }
  };

  if (cands.length === 0) {
    return (
      <EmptyState title="Nothing to score yet">
        <p>Add candidates first; the grid has one column per candidate.</p>
      </EmptyState>
    );
  }

  const activeCrit = active ? judged[active.row] : undefined;
  const activeCand = active ? cands[active.col] : undefined;
  const activeScore = activeCrit && activeCand ? scoreOf(activeCand.id, activeCrit.c.id)?.score : undefined;
  const activeSummary = activeCrit && activeCand ? summaryOf(activeCand.id, activeCrit.c.id) : null;
  const evaluator = data.evaluators.find((e) => e.id === evaluatorId);
  const scoredByEvaluator = data.scores.filter((s) => s.evaluator_id === evaluatorId && judged.some((j) => j.c.id === s.criterion_id)).length;

  let lastCategory = "";
  return (
    <>
      <div className="section-head">
        <h2>Scoring</h2>
        <div className="row-actions">
          <label className="inline-label">
            Evaluator{" "}
            <select
              value={evaluatorId ?? ""}
              onChange={(e) => setEvaluatorId(e.target.value ? Number(e.target.value) : null)}
              data-testid="evaluator-select"
            >
              {data.evaluators.length === 0 && <option value="">No evaluators yet</option>}
              {data.evaluators.map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {ev.name}
                  {ev.role ? ` (${ev.role})` : ""}
                </option>
              ))}
            </select>
          </label>
          <label
            className="check"
            title="A courtesy of this screen only, not access control: anyone can untick it and the scores are stored together. It helps each evaluator score before seeing the others."
          >
            <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} data-testid="blind-scoring" />
            Blind scoring: hide other evaluators’ scores
          </label>
          {!addingEvaluator && (
            <button type="button" onClick={() => setAddingEvaluator(true)}>
              Add evaluator
            </button>
          )}
        </div>
      </div>
      {addingEvaluator && (
        <AddEvaluator
          onCancel={() => setAddingEvaluator(false)}
          onAdded={async (id) => {
            setAddingEvaluator(false);
            await refresh(["evaluators"]);
            setEvaluatorId(id);
          }}
        />
      )}

      {judged.length === 0 ? (
        <p className="muted">This request has no judged criteria.</p>
      ) : evaluatorId === null ? (
        <p className="muted">Add an evaluator to start scoring.</p>
      ) : (
        <>
          <p className="muted">
            {evaluator?.name} has scored {scoredByEvaluator} of {judged.length * cands.length} cells. Arrow keys move,
            1–5 sets a level and saves, Delete clears.
          </p>
          <div className="grid-wrap">
            <table className="table score-grid" role="grid" aria-label={`Scores by ${evaluator?.name ?? ""}`}>
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
                    category !== lastCategory ? (
                      <tr className="group-row" key={`g-${crit.id}`}>
                        <th colSpan={cands.length + 1} scope="rowgroup">
                          {category}
                        </th>
                      </tr>
                    ) : null;
                  lastCategory = category;
                  return [
                    header,
                    <tr key={crit.id}>
                      <th scope="row" className={`indent crit-name${active?.row === row ? " row-active" : ""}`}>
                        {crit.name}
                      </th>
                      {cands.map((cand, col) => {
                        const s = scoreOf(cand.id, crit.id)?.score;
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
          <div className="anchor-help" aria-live="polite">
            {activeCrit && activeCand ? (
              <>
                <div className="anchor-help-head">
                  <span className="strong">{activeCrit.c.name}</span> · {activeCand.manufacturer} {activeCand.model}
                  {activeCrit.c.description && <span className="muted"> — {activeCrit.c.description}</span>}
                  {activeSummary?.disagreement && !hideOthers && (
                    <span className="disagree-note">
                      Evaluators disagree ({activeSummary.min} to {activeSummary.max}); discuss before deciding.
                    </span>
                  )}
                </div>
                <ol className="anchor-list">
                  {activeCrit.c.anchors.map((a, i) => (
                    <li key={i} className={activeScore === i + 1 ? "anchor-current" : ""}>
                      <button
                        type="button"
                        tabIndex={-1}
                        onClick={() => {
                          void save(activeCand.id, activeCrit.c.id, i + 1);
                          if (active) focusCell(active);
                        }}
                      >
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
        </>
      )}

      {judged.length > 0 && evaluatorId !== null && (
        <>
          <div className="section-head subsection">
            <h3>Evaluator agreement</h3>
            {blind && submitted && (
              <span className="subtle">
                {evaluator?.name} submitted: the others’ scores are visible.{" "}
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    writeFlag(submittedKey(evaluatorId), false);
                    setSubmittedTick((t) => t + 1);
                  }}
                >
                  Reopen
                </button>
              </span>
            )}
          </div>
          {hideOthers ? (
            <div className="blind-note" data-testid="blind-note">
              <p>
                Blind scoring is on: the other evaluators’ scores, the disagreement markers and the agreement stay hidden
                from {evaluator?.name ?? "this evaluator"} until they submit. {evaluator?.name} has scored {scoredByEvaluator} of{" "}
                {judged.length * cands.length} cells.
              </p>
              <button
                type="button"
                className="primary"
                data-testid="submit-scores"
                onClick={() => {
                  writeFlag(submittedKey(evaluatorId), true);
                  setSubmittedTick((t) => t + 1);
                }}
              >
                Submit my scores
              </button>
            </div>
          ) : (
            <>
              <p className="muted">Cells scored by two or more evaluators, the biggest disagreements first: discuss these first.</p>
              <AgreementPanel
                requestId={data.request.id}
                version={data.scores}
                onGoTo={(candId, critId) => {
                  const row = judged.findIndex((j) => j.c.id === critId);
                  const col = cands.findIndex((c) => c.id === candId);
                  if (row >= 0 && col >= 0) focusCell({ row, col });
                }}
              />
            </>
          )}
        </>
      )}

      {measured.length > 0 && (
        <>
          <h3 className="subsection">Measured criteria</h3>
          <p className="muted">Values from data (quotes, MDS2 forms, the site IT profile). Saved on Enter or when you leave the field; empty means missing.</p>
          <table className="table measure-grid">
            <thead>
              <tr>
                <th>Measured criterion</th>
                {cands.map((c) => (
                  <th key={c.id} className="cand-col">
                    <div className="strong">{c.manufacturer}</div>
                    <div>{c.model}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {measured.map((crit) => (
                <tr key={crit.id}>
                  <th scope="row" className="crit-name">
                    {crit.name}
                    <div className="subtle">{crit.direction === "cost" ? "Lower is better" : "Higher is better"}</div>
                    {isCompatSource(crit.source) && (
                      <div className="subtle">
                        Computed from the compatibility check, 0–100: edit device profiles and MDS2 forms in the{" "}
                        <a href={`#/request/${data.request.id}/compatibility`}>Compatibility tab</a>.
                      </div>
                    )}
                    {crit.source === "lifecycle_cost" && (
                      <div className="subtle">
                        Computed: edit the cost models in the <a href={`#/request/${data.request.id}/lifecycle`}>Lifecycle cost tab</a>.
                      </div>
                    )}
                  </th>
                  {cands.map((cand) =>
                    crit.source === "lifecycle_cost" ? (
                      <td key={cand.id} className="computed-cell">
                        <span className="subtle">computed from lifecycle cost</span>
                        <div className="computed-value">{computedValue(cand.id, crit.id, crit.unit)}</div>
                      </td>
                    ) : isCompatSource(crit.source) ? (
                      <td key={cand.id} className="computed-cell" data-testid={`computed-${crit.id}-${cand.id}`}>
                        <span className="subtle">computed</span>
                        <div className="computed-value">{computedValue(cand.id, crit.id, crit.unit)}</div>
                      </td>
                    ) : (
                    <td key={cand.id}>
                      <MeasurementInput
                        candidate={cand}
                        criterion={crit}
                        saved={data.measurements.find((m) => m.candidate_id === cand.id && m.criterion_id === crit.id)?.value ?? null}
                        onSaved={() => refresh(["measurements", "ranking"])}
                      />
                    </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
