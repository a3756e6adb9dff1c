import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { api, errorPayload } from "../api";
import type { AhpResult, AhpWeighting, ErrorPayload, Judgement, RandomIndex } from "../bindings";
import { ConfirmDialog, useReport } from "../components/components";
import { familyColor, percent } from "../components/format";
import type { Refresh, RequestData } from "../request/RequestPage";

// Pairwise comparison (AHP) on Saaty's 1-9 scale. The judgements live in this component and in
// localStorage (per request): the backend computes weights and consistency but does not store them.

/** Position 0..16 on the scale: 0 = A extremely more important (9), 8 = equal, 16 = B extremely (1/9). */
const POSITIONS = Array.from({ length: 17 }, (_, p) => p);

function valueAt(p: number): number {
  return p < 8 ? 9 - p : p === 8 ? 1 : 1 / (p - 7);
}

function positionOf(v: number): number {
  if (v >= 1) return Math.max(0, Math.min(8, 9 - Math.round(v)));
  return Math.max(9, Math.min(16, 7 + Math.round(1 / v)));
}

/** The judgement as the backend takes it: 3, 1 or "1/3". */
function judgement(v: number): Judgement {
  return v >= 1 ? Math.round(v) : `1/${Math.round(1 / v)}`;
}

/** "3" or "1/3" for display. */
function judgementText(v: number): string {
  const j = judgement(v);
  return typeof j === "number" ? String(j) : j;
}

const INTENSITY: Record<number, string> = {
  1: "equally important",
  2: "equally to moderately more important",
  3: "moderately more important",
  4: "moderately to strongly more important",
  5: "strongly more important",
  6: "strongly to very strongly more important",
  7: "very strongly more important",
  8: "very strongly to extremely more important",
  9: "extremely more important",
};

function verbal(a: string, b: string, v: number): string {
  if (Math.abs(v - 1) < 1e-9) return `${a} and ${b} equally important`;
  const k = v > 1 ? Math.round(v) : Math.round(1 / v);
  return `${v > 1 ? a : b} ${INTENSITY[k] ?? ""} (${judgementText(v)})`;
}

/** A ratio the weights imply, as "≈ 2.4" or "≈ 1/2.4". */
function ratioText(r: number): string {
  return r >= 1 ? `≈ ${r.toFixed(1)}` : `≈ 1/${(1 / r).toFixed(1)}`;
}

interface Item {
  id: number;
  label: string;
}

interface Group {
  key: string;
  title: string;
  items: Item[];
  /** Colour family index of the category (criteria groups). */
  family: number | null;
}

interface Stored {
  judgements: Record<string, number>;
  weighting: AhpWeighting;
  randomIndex: RandomIndex;
}

const storageKey = (requestId: number) => `caliper.ahp.${requestId}`;

function load(requestId: number): Stored {
  const empty: Stored = { judgements: {}, weighting: "eigenvector", randomIndex: "saaty1980" };
  try {
    const raw = localStorage.getItem(storageKey(requestId));
    if (!raw) return empty;
    const o = JSON.parse(raw) as Partial<Stored>;
    return {
      judgements: o.judgements && typeof o.judgements === "object" ? o.judgements : {},
      weighting: o.weighting === "geometric_mean" ? "geometric_mean" : "eigenvector",
      randomIndex: o.randomIndex === "saaty2005" || o.randomIndex === "alonso_lamata2006" ? o.randomIndex : "saaty1980",
    };
  } catch {
    return empty;
  }
}

/** The scale control for one pair: 17 positions, one tab stop, arrow keys move. */
function SaatyScale({
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

function ResultPanel({ group, result, error }: { group: Group; result: AhpResult | undefined; error: ErrorPayload | undefined }) {
  if (error) {
    return (
      <div className="ahp-result">
        <div className="inline-problem">{error.message}</div>
      </div>
    );
  }
  if (!result) {
    return (
      <div className="ahp-result">
        <span className="muted">Computing…</span>
      </div>
    );
  }
  const max = Math.max(...result.weights, 1e-9);
  return (
    <div className="ahp-result" data-testid={`ahp-result-${group.key}`}>
      <h4>Local weights</h4>
      <ul className="plain ahp-weights">
        {group.items.map((it, i) => {
          const w = result.weights[i] ?? 0;
          return (
            <li key={it.id}>
              <span className="ahp-w-name" title={it.label}>
                {it.label}
              </span>
              <span className="ahp-w-bar">
                <span
                  style={{
                    width: `${(w / max) * 100}%`,
                    background: group.family === null ? familyColor(i) : familyColor(group.family, i, group.items.length),
                  }}
                />
              </span>
              <span className="ahp-w-num">{percent(w)}</span>
            </li>
          );
        })}
      </ul>
      <dl className="ahp-stats">
        <div>
          <dt title="Principal eigenvalue; equals n for perfectly consistent judgements">λ max</dt>
          <dd>{result.lambda_max.toFixed(3)}</dd>
        </div>
        <div>
          <dt title="Consistency index (λ max − n) / (n − 1)">CI</dt>
          <dd>{result.ci.toFixed(3)}</dd>
        </div>
        <div className={result.inconsistent ? "ahp-bad" : ""}>
          <dt title="Consistency ratio CI / RI; above 0.10 the judgements should be reviewed">CR</dt>
          <dd data-testid={`ahp-cr-${group.key}`}>{result.cr === null ? "—" : result.cr.toFixed(3)}</dd>
        </div>
        <div>
          <dt title={`Random index for n = ${result.labels.length}`}>RI</dt>
          <dd>{result.ri === null ? "—" : String(result.ri)}</dd>
        </div>
      </dl>
      <div className="subtle">
        Random index: {result.random_index_name}; weights by {result.weighting === "eigenvector" ? "principal eigenvector" : "geometric mean"}.
      </div>
      {result.cr === null ? (
        <div className="subtle">Two elements are always consistent: no CR.</div>
      ) : result.inconsistent ? (
        <div className="ahp-warning" role="status">
          Judgements are inconsistent (CR {result.cr.toFixed(2)} &gt; 0.10): review the highlighted pairs.
        </div>
      ) : (
        <div className="ahp-ok">Consistent enough (CR {result.cr.toFixed(2)} ≤ 0.10).</div>
      )}
    </div>
  );
}

export function AhpPanel({ data, refresh }: { data: RequestData; refresh: Refresh }) {
  const report = useReport();
  const requestId = data.request.id;
  const [stored, setStored] = useState<Stored>(() => load(requestId));
  const [results, setResults] = useState<Record<string, AhpResult>>({});
  const [errors, setErrors] = useState<Record<string, ErrorPayload>>({});
  const [confirm, setConfirm] = useState(false);
  const [applied, setApplied] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    try {
      localStorage.setItem(storageKey(requestId), JSON.stringify(stored));
    } catch {
      // Storage full or disabled: the judgements still hold for this session.
    }
  }, [requestId, stored]);

  const cats = useMemo(() => data.tree.filter((t) => t.criteria.length > 0), [data.tree]);
  const groups: Group[] = useMemo(() => {
    const out: Group[] = [];
    out.push({ key: "cat", title: "Categories", items: cats.map((t) => ({ id: t.category.id, label: t.category.name })), family: null });
    data.tree.forEach((t, i) => {
      if (t.criteria.length > 0) {
        out.push({ key: `crit-${t.category.id}`, title: t.category.name, items: t.criteria.map((c) => ({ id: c.id, label: c.name })), family: i });
      }
    });
    return out;
  }, [cats, data.tree]);

  const get = (group: string, a: number, b: number): number => getStatic(stored, group, a, b);
  const setJudgement = (group: string, a: number, b: number, v: number) => {
    setApplied(false);
    setStored((s) => {
      const j = { ...s.judgements };
      delete j[`${group}:${b}:${a}`];
      if (Math.abs(v - 1) < 1e-9) delete j[`${group}:${a}:${b}`];
      else j[`${group}:${a}:${b}`] = v;
      return { ...s, judgements: j };
    });
  };

  // Live weights, debounced: one ahp_weights call per matrix of two or more elements.
  const inputs = useMemo(
    () =>
      groups
        .filter((g) => g.items.length >= 2)
        .map((g) => ({
          key: g.key,
          input: {
            labels: g.items.map((i) => i.label),
            matrix: g.items.map((ri) => g.items.map((ci) => judgement(ri.id === ci.id ? 1 : getStatic(stored, g.key, ri.id, ci.id)))),
            weighting: stored.weighting,
            random_index: stored.randomIndex,
          },
        })),
    [groups, stored],
  );
  useEffect(() => {
    const id = ++seq.current;
    const t = setTimeout(() => {
      void Promise.all(
        inputs.map(async ({ key, input }) => {
          try {
            return { key, result: await api.ahpWeights(input) };
          } catch (e) {
            return { key, error: errorPayload(e) };
          }
        }),
      ).then((out) => {
        if (seq.current !== id) return;
        const r: Record<string, AhpResult> = {};
        const errs: Record<string, ErrorPayload> = {};
        for (const o of out) {
          if ("result" in o && o.result) r[o.key] = o.result;
          if ("error" in o && o.error) errs[o.key] = o.error;
        }
        setResults(r);
        setErrors(errs);
      });
    }, 250);
    return () => clearTimeout(t);
  }, [inputs]);

  // Global weight = category weight x local weight (a single element takes the whole weight).
  const localOf = (g: Group, idx: number): number | null => {
    if (g.items.length === 1) return 1;
    const r = results[g.key];
    return r ? (r.weights[idx] ?? null) : null;
  };
  const catGroup = groups[0];
  const rows = data.tree.flatMap((t, ti) => {
    const ci = cats.findIndex((c) => c.category.id === t.category.id);
    const g = groups.find((x) => x.key === `crit-${t.category.id}`);
    if (ci < 0 || !g || !catGroup) return [];
    const cw = localOf(catGroup, ci);
    return t.criteria.map((c, j) => {
      const lw = localOf(g, j);
      return { c, category: t.category.name, family: ti, j, n: t.criteria.length, cw, lw, global: cw !== null && lw !== null ? cw * lw : null };
    });
  });
  const complete = rows.length > 0 && rows.every((r) => r.global !== null) && Object.keys(errors).length === 0;
  const inconsistent = Object.values(results).some((r) => r.inconsistent);
  const total = data.tree.reduce((a, t) => a + t.criteria.reduce((b, c) => b + c.weight, 0), 0);

  const apply = async () => {
    setConfirm(false);
    try {
      // Raw weights summing to 100, to two decimals so they read cleanly in the direct view.
      await api.applyWeights(rows.map((r) => [r.c.id, Math.round((r.global ?? 0) * 10000) / 100]));
      setApplied(true);
      await refresh(["tree", "ranking"]);
    } catch (e) {
      report(errorPayload(e));
    }
  };

  if (cats.length === 0) return <p className="muted">Add criteria first: there is nothing to compare.</p>;

  return (
    <div className="ahp">
      <div className="ahp-options">
        <span className="muted">
          For each pair, pick how much more important one side is: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9
          extremely (even numbers between). Arrow keys move along a scale.
        </span>
        <label className="inline-label">
          Weights by{" "}
          <select value={stored.weighting} onChange={(e) => setStored((s) => ({ ...s, weighting: e.target.value as AhpWeighting }))}>
            <option value="eigenvector">Principal eigenvector</option>
            <option value="geometric_mean">Geometric mean</option>
          </select>
        </label>
        <label className="inline-label">
          Random index{" "}
          <select value={stored.randomIndex} onChange={(e) => setStored((s) => ({ ...s, randomIndex: e.target.value as RandomIndex }))}>
            <option value="saaty1980">Saaty (1980)</option>
            <option value="saaty2005">Saaty (2005)</option>
            <option value="alonso_lamata2006">Alonso and Lamata (2006)</option>
          </select>
        </label>
      </div>

      {groups.map((g, gi) => {
        const result = results[g.key];
        const flagged = new Map<string, number>();
        if (result?.inconsistent) {
          for (const w of result.worst_judgements) {
            const a = g.items[w.row];
            const b = g.items[w.column];
            if (a && b) flagged.set(`${a.id}:${b.id}`, w.implied);
          }
        }
        const pairs: [Item, Item][] = [];
        g.items.forEach((a, i) => g.items.slice(i + 1).forEach((b) => pairs.push([a, b])));
        return (
          <section key={g.key} className={`ahp-group${result?.inconsistent ? " ahp-group-bad" : ""}`} data-testid={`ahp-group-${g.key}`}>
            <h3>
              {gi === 0 ? "1. Categories against each other" : `${gi + 1}. Within ${g.title}`}
              {g.family !== null && <i className="swatch ahp-swatch" style={{ background: familyColor(g.family) }} />}
            </h3>
            {g.items.length === 1 ? (
              <p className="muted">
                {g.key === "cat"
                  ? `Only one category (${g.items[0]?.label ?? ""}) has criteria: it takes 100 %.`
                  : `One criterion (${g.items[0]?.label ?? ""}): it takes the whole category weight; nothing to compare.`}
              </p>
            ) : (
              <div className="ahp-body">
                <div className="ahp-pairs">
                  <div className="pair-head">
                    <span>← more important</span>
                    <span>equal</span>
                    <span>more important →</span>
                  </div>
                  {pairs.map(([a, b]) => {
                    const v = get(g.key, a.id, b.id);
                    const implied = flagged.get(`${a.id}:${b.id}`);
                    return (
                      <div key={`${a.id}-${b.id}`} className={`pair-row${implied !== undefined ? " pair-flag" : ""}`}>
                        <span className={`pair-a${v > 1 ? " pair-win" : ""}`} title={a.label}>
                          {a.label}
                        </span>
                        <SaatyScale
                          a={a.label}
                          b={b.label}
                          value={v}
                          onChange={(nv) => setJudgement(g.key, a.id, b.id, nv)}
                          testid={`pair-${g.key}-${a.id}-${b.id}`}
                        />
                        <span className={`pair-b${v < 1 ? " pair-win" : ""}`} title={b.label}>
                          {b.label}
                        </span>
                        <span className="pair-value" title={verbal(a.label, b.label, v)}>
                          {judgementText(v)}
                          {implied !== undefined && (
                            <span className="pair-implied" title="The ratio the derived weights imply for this pair">
                              weights imply {ratioText(implied)}
                            </span>
                          )}
                        </span>
                      </div>
                    );
                  })}
                </div>
                <ResultPanel group={g} result={result} error={errors[g.key]} />
              </div>
            )}
          </section>
        );
      })}

      <section className="ahp-group" data-testid="ahp-global">
        <h3>Resulting weights</h3>
        <p className="muted">A criterion’s weight is its category’s weight times its local weight within the category.</p>
        <table className="table ahp-global-table">
          <thead>
            <tr>
              <th>Criterion</th>
              <th className="num">Category weight</th>
              <th className="num">Local weight</th>
              <th className="share-col">Pairwise weight</th>
              <th className="num">Current share</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.c.id}>
                <td>
                  <span className="strong">{r.c.name}</span> <span className="subtle">{r.category}</span>
                </td>
                <td className="num">{r.cw === null ? "—" : percent(r.cw)}</td>
                <td className="num">{r.lw === null ? "—" : percent(r.lw)}</td>
                <td className="share-col">
                  <span className="mini-bar">
                    <span style={{ width: `${(r.global ?? 0) * 100}%`, background: familyColor(r.family, r.j, r.n) }} />
                  </span>
                  <span className="share-num strong" data-testid={`ahp-global-${r.c.id}`}>
                    {r.global === null ? "—" : percent(r.global)}
                  </span>
                </td>
                <td className="num muted">{total > 0 ? percent(r.c.weight / total) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form-actions">
          <button type="button" className="primary" disabled={!complete} onClick={() => setConfirm(true)} data-testid="ahp-apply">
            Apply these weights
          </button>
          {inconsistent && complete && <span className="ahp-warning-inline">Some judgements are inconsistent; review them before applying.</span>}
          {applied && <span className="ahp-ok">Applied: the criteria now carry these weights (as raw weights summing to 100).</span>}
        </div>
      </section>

      {confirm && (
        <ConfirmDialog
          title="Apply pairwise weights"
          message={`Replace the weights of all ${rows.length} criteria with the pairwise weights? The ranking will change accordingly; the judgements stay here.`}
          confirmLabel="Apply weights"
          onCancel={() => setConfirm(false)}
          onConfirm={() => void apply()}
        />
      )}
    </div>
  );
}

function getStatic(s: Stored, group: string, a: number, b: number): number {
  const direct = s.judgements[`${group}:${a}:${b}`];
  if (direct !== undefined) return direct;
  const rev = s.judgements[`${group}:${b}:${a}`];
  return rev !== undefined ? 1 / rev : 1;
}
