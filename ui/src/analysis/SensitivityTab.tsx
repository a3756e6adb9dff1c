import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { api, DEFAULT_SENSITIVITY, errorPayload, fieldName } from "../api";
import type { CriterionSweep, ErrorPayload, SamplingProgress, SensitivityOptions, SensitivityResult } from "../bindings";
import { EmptyState, Field } from "../components/components";
import { candidateColor, methodNote, percent, percentWhole, points } from "../components/format";
import type { RequestData } from "../request/RequestPage";
import type { Tab } from "../app/route";
import { type Hover, ellipsize, niceStep } from "../charts/chart";

// Every figure here comes from run_sensitivity (or the ranking); the tab only formats and draws.




/** Axis domain with round ends around [lo, hi] (chart geometry only). */
function niceDomain(lo: number, hi: number): { min: number; max: number; step: number; ticks: number[] } {
  const span = hi - lo || Math.abs(hi) || 1;
  const step = niceStep(span, 5);
  const min = Math.floor(lo / step) * step;
  const max = Math.max(min + step, Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return { min, max, step, ticks };
}

function tipLeft(x: number, wrap: HTMLElement | null): number {
  const w = wrap?.clientWidth ?? 960;
  return Math.max(4, Math.min(x + 14, w - 330));
}

/** A score as the ranking shows it: points of 100 (weighted sum) or closeness 0..1 (TOPSIS). */
function scoreText(topsis: boolean, v: number): string {
  return topsis ? v.toFixed(3) : points(v);
}

/** The sweep whose break-even lies nearest its current weight (the most fragile criterion). */
function nearestSweep(r: SensitivityResult): CriterionSweep | null {
  let best: { s: CriterionSweep; d: number } | null = null;
  for (const s of r.one_way) {
    for (const b of s.break_even) {
      const d = Math.abs(b.weight - s.current_weight);
      if (!best || d < best.d) best = { s, d };
    }
  }
  return best?.s ?? r.one_way[0] ?? null;
}

interface Names {
  name: (altId: string) => string;
  color: (altId: string) => string;
}

// ---------------------------------------------------------------------------------------
// Weight sweep: x = one criterion's weight, y = every candidate's score.

function SweepChart({ result, sweep, names, topsis }: { result: SensitivityResult; sweep: CriterionSweep; names: Names; topsis: boolean }) {
  const [hover, setHover] = useState<number | null>(null);
  const [tip, setTip] = useState<Hover | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
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
    const box = wrapRef.current?.getBoundingClientRect();
    const svg = wrapRef.current?.querySelector("svg")?.getBoundingClientRect();
    if (!box || !svg || last < 1) return;
    const vx = ((clientX - svg.left) / svg.width) * width;
    const i = Math.max(0, Math.min(last, Math.round(((vx - left) / plotW) * last)));
    const p = sweep.points[i];
    if (!p) return;
    const rows = result.alternatives
      .map((id, k) => ({ id, s: p.scores[k] ?? 0 }))
      .sort((a, b) => b.s - a.s)
      .map((r) => `${ellipsize(names.name(r.id), 34)}: ${scoreText(topsis, r.s)}`);
    setHover(i);
    setTip({ x: clientX - box.left, y: clientY - box.top, lines: [`${sweep.name} at ${percent(p.weight)}`, ...rows] });
  };

  const hp = hover !== null ? sweep.points[hover] : undefined;
  return (
    <div
      className="chart-wrap"
      ref={wrapRef}
      onMouseLeave={() => {
        setHover(null);
        setTip(null);
      }}
    >
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Each candidate's score as the weight of ${sweep.name} goes from 0 to 100 %, the other weights keeping their proportions`}
        onMouseMove={(e) => onMove(e.clientX, e.clientY)}
      >
        {dom.ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width - right} y1={y(t / scale)} y2={y(t / scale)} className="gridline" />
            <text x={left - 8} y={y(t / scale) + 4} className="axis-label" textAnchor="end">
              {topsis ? t.toFixed(2) : t.toFixed(dom.step < 1 ? 1 : 0)}
            </text>
          </g>
        ))}
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

        {/* Break-even weights */}
        {sweep.break_even.map((b, i) => {
          const bx = x(b.weight);
          const ly = 14 + i * 16;
          const anchor = b.weight > 0.6 ? "end" : "start";
          return (
            <g key={i} className="breakeven">
              <line x1={bx} x2={bx} y1={ly + 3} y2={top + plotH} className="be-line" />
              <path d={`M ${bx} ${ly + 4} l 4 4 l -4 4 l -4 -4 Z`} className="be-mark" />
              <text x={bx + (anchor === "end" ? -8 : 8)} y={ly + 11} textAnchor={anchor} className="be-label">
                {names.name(b.leader_above)} leads above {percentWhole(b.weight)}
              </text>
            </g>
          );
        })}

        {result.alternatives.map((id, k) => {
          const pts = sweep.points.map((p) => `${x(p.weight).toFixed(1)},${y(p.scores[k] ?? 0).toFixed(1)}`).join(" ");
          return (
            <polyline
              key={id}
              points={pts}
              fill="none"
              stroke={names.color(id)}
              strokeWidth={k === 0 ? 2.5 : 1.8}
              strokeLinejoin="round"
            />
          );
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
      {tip && (
        <div className="chart-tip" style={{ left: tipLeft(tip.x, wrapRef.current), top: tip.y + 14 }}>
          {tip.lines.map((l, i) => (
            <div key={i} className={i === 0 ? "strong" : ""}>
              {l}
            </div>
          ))}
        </div>
      )}
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
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// Tornado: the leader's score when each weight moves by ± delta.

function TornadoChart({
  result,
  leaderScore,
  names,
  topsis,
}: {
  result: SensitivityResult;
  leaderScore: number | null;
  names: Names;
  topsis: boolean;
}) {
  const rows = [...result.one_way].sort(
    (a, b) => Math.abs(b.leader_score_high - b.leader_score_low) - Math.abs(a.leader_score_high - a.leader_score_low),
  );
  const scale = topsis ? 1 : 100;
  const vals = rows.flatMap((r) => [r.leader_score_low * scale, r.leader_score_high * scale]);
  if (leaderScore !== null) vals.push(leaderScore * scale);
  const dom = niceDomain(Math.min(...vals), Math.max(...vals));
  const width = 960;
  const labelW = 270;
  const right = 120;
  const barH = 16;
  const gap = 8;
  const top = 24;
  const plotW = width - labelW - right;
  const height = top + rows.length * (barH + gap) + 44;
  const x = (v: number) => labelW + ((v * scale - dom.min) / (dom.max - dom.min)) * plotW;
  const leader = result.alternatives[0] ?? "";
  const ref = leaderScore;

  return (
    <div className="chart-wrap">
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Score of ${names.name(leader)} when each criterion's weight moves down or up`}
      >
        {dom.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t / scale)} x2={x(t / scale)} y1={top - 4} y2={height - 38} className="gridline" />
            <text x={x(t / scale)} y={height - 22} className="axis-label" textAnchor="middle">
              {topsis ? t.toFixed(2) : t.toFixed(dom.step < 1 ? 1 : 0)}
            </text>
          </g>
        ))}
        <text x={labelW + plotW / 2} y={height - 4} className="axis-label" textAnchor="middle">
          {topsis ? `Closeness of ${names.name(leader)}` : `Points of ${names.name(leader)}`}
        </text>
        <text x={width - right + 10} y={12} className="axis-label">
          Weights tried
        </text>
        {rows.map((r, i) => {
          const yy = top + i * (barH + gap);
          const lo = Math.min(r.leader_score_low, r.leader_score_high);
          const hi = Math.max(r.leader_score_low, r.leader_score_high);
          const mid = ref ?? (r.leader_score_low + r.leader_score_high) / 2;
          const title = `${r.name}: weight ${percent(r.tornado_low_weight)} → ${scoreText(topsis, r.leader_score_low)}; weight ${percent(
            r.tornado_high_weight,
          )} → ${scoreText(topsis, r.leader_score_high)} (now ${percent(r.current_weight)})`;
          return (
            <g key={r.criterion}>
              <text x={labelW - 10} y={yy + barH / 2 + 4} textAnchor="end" className="bar-label">
                <title>{r.name}</title>
                {ellipsize(r.name, 38)}
              </text>
              {/* Lower weight side and higher weight side, each from the current score. */}
              <rect
                x={Math.min(x(r.leader_score_low), x(mid))}
                y={yy}
                width={Math.max(1, Math.abs(x(r.leader_score_low) - x(mid)))}
                height={barH}
                className="tor-low"
              >
                <title>{title}</title>
              </rect>
              <rect
                x={Math.min(x(r.leader_score_high), x(mid))}
                y={yy}
                width={Math.max(1, Math.abs(x(r.leader_score_high) - x(mid)))}
                height={barH}
                className="tor-high"
              >
                <title>{title}</title>
              </rect>
              <text x={x(lo) - 4} y={yy + barH / 2 + 4} textAnchor="end" className="tor-value">
                {scoreText(topsis, lo)}
              </text>
              <text x={x(hi) + 4} y={yy + barH / 2 + 4} className="tor-value">
                {scoreText(topsis, hi)}
              </text>
              <text x={width - right + 10} y={yy + barH / 2 + 4} className="tor-weights">
                {percentWhole(r.tornado_low_weight)} – {percentWhole(r.tornado_high_weight)}
              </text>
            </g>
          );
        })}
        {ref !== null && (
          <>
            <line x1={x(ref)} x2={x(ref)} y1={top - 6} y2={height - 38} className="now-line" />
          </>
        )}
      </svg>
      <div className="legend">
        <div className="legend-item">
          <i className="swatch tor-low-swatch" />
          weight lowered
        </div>
        <div className="legend-item">
          <i className="swatch tor-high-swatch" />
          weight raised
        </div>
        {ref !== null && (
          <div className="legend-item muted">
            <i className="swatch swatch-now" /> {names.name(leader)} now: {scoreText(topsis, ref)}
          </div>
        )}
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// Rank acceptability heat map, central weights and confidence.

function heat(p: number): { background?: string; color?: string } {
  if (p <= 0) return {};
  return { background: `rgba(31, 92, 138, ${(0.07 + 0.83 * p).toFixed(3)})`, color: p > 0.5 ? "#fff" : undefined };
}

function AcceptabilityTable({ result, names }: { result: SensitivityResult; names: Names }) {
  const n = result.alternatives.length;
  return (
    <table className="table heat-table" data-testid="acceptability-table">
      <thead>
        <tr>
          <th>Candidate (best first now)</th>
          {Array.from({ length: n }, (_, r) => (
            <th key={r} className="heat-col">
              Rank {r + 1}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.acceptability.map((a) => (
          <tr key={a.alternative} data-alternative={a.alternative}>
            <th scope="row" className="heat-name">
              <i className="swatch swatch-line" style={{ background: names.color(a.alternative) }} />
              {a.name}
            </th>
            {a.ranks.map((p, r) => (
              <td
                key={r}
                className={`num heat-cell${p <= 0 ? " heat-zero" : ""}`}
                style={heat(p)}
                title={`${a.name} ranks ${r + 1} in ${percent(p)} of the sampled weightings`}
              >
                {percentWhole(p)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CentralWeightsTable({ result, names }: { result: SensitivityResult; names: Names }) {
  const max = Math.max(
    1e-9,
    ...result.weights,
    ...result.acceptability.flatMap((a) => a.central_weights ?? []),
  );
  const cell = (w: number | undefined, color: string) =>
    w === undefined ? (
      <span className="muted">—</span>
    ) : (
      <span className="cw">
        <span className="cw-bar">
          <span style={{ width: `${(w / max) * 100}%`, background: color }} />
        </span>
        <span className="cw-num">{percent(w)}</span>
      </span>
    );
  return (
    <table className="table central-table">
      <thead>
        <tr>
          <th>Criterion</th>
          <th className="cw-col">Committee’s weights</th>
          {result.acceptability.map((a) => (
            <th key={a.alternative} className="cw-col" title={a.name}>
              {ellipsize(a.name, 34)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.criterion_names.map((name, k) => (
          <tr key={result.criteria[k] ?? k}>
            <th scope="row" className="crit-name">
              {name}
            </th>
            <td className="cw-col">{cell(result.weights[k], "#8d97a3")}</td>
            {result.acceptability.map((a) => (
              <td key={a.alternative} className="cw-col">
                {a.central_weights ? cell(a.central_weights[k], names.color(a.alternative)) : k === 0 ? <span className="muted">never first</span> : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="total-row">
          <th colSpan={2} title="Share of draws of the scores' uncertainty that it wins with its central weights">
            Confidence factor
          </th>
          {result.acceptability.map((a) => (
            <td key={a.alternative} className="cw-col">
              {a.confidence === null ? <span className="muted">—</span> : percentWhole(a.confidence)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

function BreakEvenTable({ result, names }: { result: SensitivityResult; names: Names }) {
  return (
    <table className="table breakeven-table" data-testid="breakeven-table">
      <thead>
        <tr>
          <th>Criterion</th>
          <th className="num">Current weight</th>
          <th className="num">Break-even weight</th>
          <th>Leads below</th>
          <th>Leads above</th>
        </tr>
      </thead>
      <tbody>
        {result.one_way.map((s) =>
          s.break_even.length === 0 ? (
            <tr key={s.criterion} className="be-none">
              <th scope="row" className="crit-name">
                {s.name}
              </th>
              <td className="num">{percent(s.current_weight)}</td>
              <td className="num muted">none</td>
              <td colSpan={2} className="muted">
                No weight from 0 to 100 % changes first place
              </td>
            </tr>
          ) : (
            s.break_even.map((b, i) => (
              <tr key={`${s.criterion}-${i}`}>
                {i === 0 && (
                  <>
                    <th scope="row" className="crit-name" rowSpan={s.break_even.length}>
                      {s.name}
                    </th>
                    <td className="num" rowSpan={s.break_even.length}>
                      {percent(s.current_weight)}
                    </td>
                  </>
                )}
                <td className="num strong">{percent(b.weight)}</td>
                <td>
                  <i className="swatch swatch-line" style={{ background: names.color(b.leader_below) }} />
                  {names.name(b.leader_below)}
                </td>
                <td>
                  <i className="swatch swatch-line" style={{ background: names.color(b.leader_above) }} />
                  {names.name(b.leader_above)}
                </td>
              </tr>
            ))
          ),
        )}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------------------------------

interface Draft {
  samples: string;
  seed: string;
  sampling: "uniform" | "around";
  concentration: string;
  uncertainty: boolean;
}

type DraftErrors = Partial<Record<"samples" | "seed" | "concentration", string>>;

function optionsOf(d: Draft, data: RequestData): { options: SensitivityOptions | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const samples = Number(d.samples.replace(/[,\s]/g, ""));
  if (!/^\d+$/.test(d.samples.replace(/[,\s]/g, "")) || samples < 1) errors.samples = "A whole number of samples, e.g. 10,000.";
  const seed = Number(d.seed.trim());
  if (!/^\d+$/.test(d.seed.trim())) errors.seed = "A whole number, 0 or more.";
  const conc = Number(d.concentration.trim());
  if (d.sampling === "around" && !(/^\d*\.?\d+$/.test(d.concentration.trim()) && conc > 0)) {
    errors.concentration = "A positive number, e.g. 30.";
  }
  if (Object.keys(errors).length) return { options: null, errors };
  // Score uncertainty: each judged cell's evaluator spread, as the ranking reports it.
  const valueSd: SensitivityOptions["value_sd"] = {};
  if (d.uncertainty && data.ranking) {
    for (const c of data.ranking.candidates) {
      const m: { [k: string]: number } = {};
      for (const cell of c.cells) if (cell.summary && cell.summary.std_dev > 0) m[String(cell.criterion_id)] = cell.summary.std_dev;
      if (Object.keys(m).length) valueSd[String(c.candidate_id)] = m;
    }
  }
  return {
    options: {
      ...DEFAULT_SENSITIVITY,
      samples,
      seed,
      sampling: d.sampling === "uniform" ? { kind: "uniform" } : { kind: "around", concentration: conc },
      value_sd: valueSd,
    },
    errors,
  };
}

export function SensitivityTab({ data, goTab }: { data: RequestData; goTab: (t: Tab) => void }) {
  const [draft, setDraft] = useState<Draft>({
    samples: DEFAULT_SENSITIVITY.samples.toLocaleString("en-US"),
    seed: String(DEFAULT_SENSITIVITY.seed),
    sampling: "uniform",
    concentration: "30",
    uncertainty: false,
  });
  const [errors, setErrors] = useState<DraftErrors>({});
  const [runError, setRunError] = useState<ErrorPayload | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SamplingProgress | null>(null);
  const [result, setResult] = useState<SensitivityResult | null>(null);
  const [sweepId, setSweepId] = useState<string | null>(null);
  const runId = useRef(0);
  const runningRef = useRef(false);
  const started = useRef(false);
  const mounted = useRef(false);
  const topsis = data.request.method === "topsis";

  const run = useCallback(
    async (d: Draft) => {
      if (runningRef.current) return;
      const { options, errors: errs } = optionsOf(d, data);
      setErrors(errs);
      if (!options) return;
      const id = ++runId.current;
      runningRef.current = true;
      setRunning(true);
      setRunError(null);
      setProgress({ done: 0, total: options.samples });
      try {
        const r = await api.runSensitivity(data.request.id, options, (p) => {
          if (runId.current === id) setProgress(p);
        });
        if (runId.current !== id) return;
        setResult(r);
      } catch (e) {
        if (runId.current !== id) return;
        const p = errorPayload(e);
        const f = fieldName(p);
        if (p.kind === "validation" && (f === "samples" || f === "seed" || f === "concentration")) setErrors({ [f]: p.message });
        else setRunError(p);
      } finally {
        if (runId.current === id) {
          runningRef.current = false;
          setRunning(false);
          setProgress(null);
        }
      }
    },
    [data],
  );

  // Run once with the defaults when the tab opens.
  useEffect(() => {
    if (started.current || data.candidates.length === 0) return;
    started.current = true;
    void run(draft);
  }, [run, draft, data.candidates.length]);

  // Leaving the tab stops a run in progress (not on StrictMode's simulated remount).
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      setTimeout(() => {
        if (!mounted.current && runningRef.current) void api.cancelSensitivity().catch(() => undefined);
      }, 0);
    };
  }, []);

  // Ctrl+Enter runs from anywhere in the tab.
  const draftRef = useRef(draft);
  draftRef.current = draft;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        void run(draftRef.current);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [run]);

  const names: Names = useMemo(() => {
    const byId = new Map<string, string>();
    result?.alternatives.forEach((id, i) => byId.set(id, result.names[i] ?? id));
    const index = new Map(data.candidates.map((c, i) => [String(c.id), i]));
    return {
      name: (id) => byId.get(id) ?? data.candidates.find((c) => String(c.id) === id)?.model ?? id,
      color: (id) => candidateColor(index.get(id) ?? 0),
    };
  }, [result, data.candidates]);

  if (data.candidates.length === 0) {
    return (
      <EmptyState title="Nothing to analyse yet">
        <button type="button" className="primary" onClick={() => goTab("candidates")}>
          Add the first candidate
        </button>
      </EmptyState>
    );
  }

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    if (k in errors) setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(draft);
  };

  const sweep =
    result && (result.one_way.find((s) => s.criterion === sweepId) ?? nearestSweep(result));
  const leaderId = result?.alternatives[0];
  const leaderScore = data.ranking?.candidates.find((c) => String(c.candidate_id) === leaderId)?.score ?? null;
  const pct = progress && progress.total > 0 ? progress.done / progress.total : 0;
  const unranked = data.ranking?.candidates.filter((c) => c.score === null).length ?? 0;

  return (
    <>
      <div className="section-head">
        <h2>Sensitivity</h2>
        {result && (
          <span className="method">
            {methodNote(result.method)} · {result.samples.toLocaleString("en-US")} samples, seed {result.seed},{" "}
            {result.sampling.kind === "uniform" ? "uniform weights" : `around the committee's weights (concentration ${result.sampling.concentration})`}
          </span>
        )}
      </div>

      <form className="sens-settings" onSubmit={submit} noValidate>
        <Field label="Samples" error={errors.samples}>
          <input className="num sens-num" inputMode="numeric" value={draft.samples} onChange={(e) => set("samples", e.target.value)} />
        </Field>
        <Field label="Seed" error={errors.seed}>
          <input className="num sens-seed" inputMode="numeric" value={draft.seed} onChange={(e) => set("seed", e.target.value)} />
        </Field>
        <Field label="Weights sampled">
          <select value={draft.sampling} onChange={(e) => set("sampling", e.target.value as Draft["sampling"])}>
            <option value="uniform">Uniformly: any weighting equally likely</option>
            <option value="around">Around the committee’s weights</option>
          </select>
        </Field>
        {draft.sampling === "around" && (
          <Field label="Concentration" error={errors.concentration} hint="Higher stays closer to the weights">
            <input className="num sens-seed" inputMode="decimal" value={draft.concentration} onChange={(e) => set("concentration", e.target.value)} />
          </Field>
        )}
        <label
          className="check sens-check"
          title={topsis ? "Score uncertainty is supported with the weighted sum only" : "Each judged score varies by its evaluators' standard deviation"}
        >
          <input
            type="checkbox"
            checked={draft.uncertainty && !topsis}
            disabled={topsis}
            onChange={(e) => set("uncertainty", e.target.checked)}
          />
          Include the evaluators’ spread
        </label>
        <div className="sens-actions">
          <button type="submit" className="primary" disabled={running} data-testid="sensitivity-run" title="Ctrl+Enter">
            Run
          </button>
          {running && (
            <button type="button" onClick={() => void api.cancelSensitivity()} data-testid="sensitivity-cancel">
              Cancel
            </button>
          )}
        </div>
        {running && progress && (
          <div
            className="sens-progress"
            data-testid="sensitivity-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-label="Sampling progress"
          >
            <span className="progress-track">
              <span style={{ width: `${pct * 100}%` }} />
            </span>
            <span className="progress-text">
              {progress.done.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} samples ({Math.floor(pct * 100)} %)
            </span>
          </div>
        )}
      </form>

      {runError && (
        <div className={runError.kind === "cancelled" ? "notice" : "inline-problem"} role="alert">
          {runError.kind === "cancelled" ? "Cancelled: " : ""}
          {runError.message}
          {runError.field ? <span className="muted"> ({runError.field})</span> : null}
          {runError.kind !== "cancelled" && unranked > 0 && (
            <>
              {" "}
              <button type="button" className="small" onClick={() => goTab("ranking")}>
                See what is missing
              </button>
            </>
          )}
          {result && <div className="subtle">The results below are from the previous run.</div>}
        </div>
      )}

      {!result ? (
        running ? <p className="muted">Sampling weightings…</p> : null
      ) : (
        <div className={running ? "sens-stale" : ""}>
          <blockquote className="robustness" data-testid="robustness-statement">
            {result.statement}
          </blockquote>
          {unranked > 0 && (
            <p className="muted">
              {unranked} unranked candidate{unranked === 1 ? " is" : "s are"} left out until every value is entered.
            </p>
          )}

          {sweep && (
            <>
              <div className="section-head subsection">
                <h3>What if one weight changes?</h3>
                <label className="inline-label">
                  Criterion{" "}
                  <select value={sweep.criterion} onChange={(e) => setSweepId(e.target.value)} data-testid="sweep-criterion">
                    {result.one_way.map((s) => (
                      <option key={s.criterion} value={s.criterion}>
                        {s.name} (now {percent(s.current_weight)}
                        {s.break_even.length ? `; break-even ${s.break_even.map((b) => percentWhole(b.weight)).join(", ")}` : ""})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <p className="muted">
                Each line is a candidate’s {topsis ? "closeness" : "score"} as the weight of this criterion moves from 0 to 100 % and
                the others share the rest in their current proportions. Hover for the values.
              </p>
              <SweepChart result={result} sweep={sweep} names={names} topsis={topsis} />
            </>
          )}

          <h3 className="subsection">Which weights matter most</h3>
          <p className="muted">
            {names.name(leaderId ?? "")}’s {topsis ? "closeness" : "score"} when one criterion’s weight moves{" "}
            {Math.round(DEFAULT_SENSITIVITY.tornado_delta * 100)} points down or up, widest first.
          </p>
          <TornadoChart result={result} leaderScore={leaderScore} names={names} topsis={topsis} />

          <h3 className="subsection">Rank acceptability</h3>
          <p className="muted">
            Share of {result.samples.toLocaleString("en-US")} sampled weightings in which each candidate takes each rank.
          </p>
          <AcceptabilityTable result={result} names={names} />

          <div>
            <div>
              <h3 className="subsection">Central weights and confidence</h3>
              <p className="muted">
                The average weights under which each candidate ranks first, beside the committee’s. The confidence factor is
                the share of score-uncertainty draws it still wins with them
                {draft.uncertainty && !topsis
                  ? "."
                  : "; without the evaluators’ spread it is 100 % or 0 %: whether it wins at its central weights."}
              </p>
              <CentralWeightsTable result={result} names={names} />
            </div>
            <div>
              <h3 className="subsection">Break-even weights</h3>
              <p className="muted">The weight at which first place changes hands, one criterion at a time.</p>
              <BreakEvenTable result={result} names={names} />
            </div>
          </div>
        </div>
      )}
    </>
  );
}
