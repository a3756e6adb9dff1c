import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent as ReactMouseEvent } from "react";
import { api, errorPayload, fieldName } from "../api";
import type {
  AssumptionOverrides,
  Assumptions,
  Candidate,
  CandidateLifecycle,
  CostModel,
  ErrorPayload,
  LifecycleCost,
  RequestLifecycle,
  ScheduleYear,
} from "../bindings";
import { ConfirmDialog, EmptyState, Field, useReport } from "../components/components";
import {
  candidateColor,
  compareDecimal,
  formatAmount,
  formatApprox,
  formatMoney,
  formatRate,
  formatWhole,
  fractionToPercent,
  monthName,
  MONTHS,
  percentToFraction,
  ratePercentMessage,
} from "../components/format";
import type { Refresh, RequestData } from "../request/RequestPage";
import { navigate } from "../app/route";
import { type Hover, ellipsize, niceStep } from "../charts/chart";

// Every figure shown here comes from the backend as a decimal string and is only formatted.
// Number() appears only where chart geometry needs it (and for the "≈" hover sums of chart 2).


interface Row {
  candidate: Candidate;
  index: number;
  item: CandidateLifecycle;
}




/** An axis tick (a round number the chart chose, not a computed figure): 1500000 -> "1.5M". */
function tickLabel(n: number): string {
  const trim = (s: string) => s.replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1");
  const a = Math.abs(n);
  if (a >= 1e6) return `${trim((n / 1e6).toFixed(2))}M`;
  if (a >= 1e3) return `${trim((n / 1e3).toFixed(1))}k`;
  return String(n);
}

function tipLeft(x: number, wrap: HTMLElement | null): number {
  const w = wrap?.clientWidth ?? 960;
  return Math.max(4, Math.min(x + 14, w - 330));
}

// ---------------------------------------------------------------------------------------
// Chart 1: cumulative nominal cost by year

function CumulativeChart({ rows, currency }: { rows: Row[]; currency: string }) {
  const [hoverYear, setHoverYear] = useState<number | null>(null);
  const [tip, setTip] = useState<Hover | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const withLc = rows.filter((r) => r.item.lifecycle);
  const maxYears = Math.max(1, ...withLc.map((r) => r.item.lifecycle?.expected_life_years ?? 1));
  const values = withLc.flatMap((r) => r.item.lifecycle?.schedule.map((y) => Number(y.cumulative)) ?? []);
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const step = niceStep(hi - lo);
  const yMax = Math.ceil(hi / step) * step || step;
  const yMin = Math.floor(lo / step) * step;

  const width = 960;
  const left = 72;
  const right = 24;
  const top = 22;
  const plotH = 250;
  const bottom = 40;
  const height = top + plotH + bottom;
  const plotW = width - left - right;
  const x = (year: number) => left + (year / maxYears) * plotW;
  const y = (v: number) => top + plotH - ((v - yMin) / (yMax - yMin)) * plotH;
  const ticks: number[] = [];
  for (let v = yMin; v <= yMax + step / 2; v += step) ticks.push(v);
  const xEvery = maxYears <= 15 ? 1 : maxYears <= 30 ? 2 : 5;
  const years = Array.from({ length: maxYears + 1 }, (_, i) => i);

  const showTip = (year: number, clientX: number, clientY: number) => {
    const box = wrapRef.current?.getBoundingClientRect();
    if (!box) return;
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
    setHoverYear(year);
    setTip({ x: clientX - box.left, y: clientY - box.top, lines });
  };

  return (
    <div
      className="chart-wrap"
      ref={wrapRef}
      onMouseLeave={() => {
        setHoverYear(null);
        setTip(null);
      }}
    >
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Cumulative nominal cost by year for each candidate, in ${currency}`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width - right} y1={y(t)} y2={y(t)} className={t === 0 ? "axisline" : "gridline"} />
            <text x={left - 8} y={y(t) + 4} className="axis-label" textAnchor="end">
              {tickLabel(t)}
            </text>
          </g>
        ))}
        {years.map((yr) =>
          yr % xEvery === 0 ? (
            <text key={yr} x={x(yr)} y={top + plotH + 16} className="axis-label" textAnchor="middle">
              {yr}
            </text>
          ) : null,
        )}
        <text x={left + plotW / 2} y={height - 6} className="axis-label" textAnchor="middle">
          Year (0 = purchase)
        </text>
        <text x={left - 8} y={11} className="axis-label" textAnchor="end">
          {currency}
        </text>
        {hoverYear !== null && (
          <line x1={x(hoverYear)} x2={x(hoverYear)} y1={top} y2={top + plotH} className="guide" />
        )}
        {withLc.map((r) => {
          const lc = r.item.lifecycle;
          if (!lc) return null;
          const color = candidateColor(r.index);
          const pts = lc.schedule.map((s) => `${x(s.year).toFixed(1)},${y(Number(s.cumulative)).toFixed(1)}`);
          const last = lc.schedule[lc.schedule.length - 1];
          return (
            <g key={r.candidate.id}>
              <polyline points={pts.join(" ")} fill="none" stroke={color} strokeWidth={2} strokeLinejoin="round" />
              {lc.schedule.map((s) => (
                <circle
                  key={s.year}
                  cx={x(s.year)}
                  cy={y(Number(s.cumulative))}
                  r={hoverYear === s.year ? 4 : 2.5}
                  fill={color}
                />
              ))}
              {last && <circle cx={x(last.year)} cy={y(Number(last.cumulative))} r={5} fill="#fff" stroke={color} strokeWidth={2} />}
            </g>
          );
        })}
        {years.map((yr) => (
          <rect
            key={yr}
            x={x(yr) - plotW / maxYears / 2}
            y={top}
            width={plotW / maxYears}
            height={plotH}
            fill="transparent"
            onMouseMove={(e) => showTip(yr, e.clientX, e.clientY)}
          />
        ))}
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

// ---------------------------------------------------------------------------------------
// Chart 2: nominal cost by element

type ElementKey =
  | "purchase"
  | "installation"
  | "it_integration"
  | "training"
  | "service"
  | "consumables"
  | "energy"
  | "software"
  | "staffing"
  | "disposal";

const ELEMENT_GROUPS: { title: string; elements: { key: ElementKey; label: string; color: string }[] }[] = [
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
const ELEMENTS = ELEMENT_GROUPS.flatMap((g) => g.elements);

function ElementChart({ rows, currency }: { rows: Row[]; currency: string }) {
  const [tip, setTip] = useState<Hover | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const withLc = rows.filter((r) => r.item.lifecycle);
  // Sums for geometry (and the "≈" hover text) only; exact totals are the backend's.
  const sums = withLc.map((r) => {
    const s = r.item.lifecycle?.schedule ?? [];
    const by = new Map<ElementKey, number>();
    for (const e of ELEMENTS) by.set(e.key, s.reduce((a, y) => a + Number(y[e.key]), 0));
    const residual = s.reduce((a, y) => a + Number(y.residual), 0);
    return { r, by, residual };
  });
  const maxPos = Math.max(1, ...sums.map((s) => [...s.by.values()].reduce((a, v) => a + Math.max(0, v), 0)));
  const maxNeg = Math.max(0, ...sums.map((s) => -Math.min(0, s.residual)));
  const step = niceStep(maxPos, 6);
  const hiT = Math.ceil(maxPos / step) * step;
  // Room left of zero for the residual values only (no ticks there: the segments are labelled on hover).
  const loT = maxNeg > 0 ? -maxNeg * 1.08 : 0;

  const width = 960;
  const labelW = 250;
  const right = 118;
  const barH = 22;
  const gap = 14;
  const top = 8;
  const plotW = width - labelW - right;
  const height = top + withLc.length * (barH + gap) + 30;
  const x = (v: number) => labelW + ((v - loT) / (hiT - loT)) * plotW;
  const ticks: number[] = [];
  for (let v = 0; v <= hiT + step / 2; v += step) ticks.push(v);

  const hover = (e: ReactMouseEvent, lines: string[]) => {
    const box = wrapRef.current?.getBoundingClientRect();
    if (!box) return;
    setTip({ x: e.clientX - box.left, y: e.clientY - box.top, lines });
  };

  return (
    <div className="chart-wrap" ref={wrapRef} onMouseLeave={() => setTip(null)}>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Nominal lifecycle cost by cost element for each candidate, in ${currency}`}
      >
        <defs>
          <pattern id="residual-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#eef0f3" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#8d97a3" strokeWidth="2" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - 4} y2={height - 24} className={t === 0 ? "axisline" : "gridline"} />
            <text x={x(t)} y={height - 8} className="axis-label" textAnchor="middle">
              {tickLabel(t)}
            </text>
          </g>
        ))}
        <text x={labelW - 10} y={height - 8} className="axis-label" textAnchor="end">
          {currency}, nominal
        </text>
        {sums.map(({ r, by, residual }, i) => {
          const lc = r.item.lifecycle as LifecycleCost;
          const yTop = top + i * (barH + gap);
          let acc = 0;
          return (
            <g key={r.candidate.id}>
              <text x={labelW - 10} y={yTop + barH / 2 + 4} textAnchor="end" className="bar-label">
                <title>{r.item.label}</title>
                {ellipsize(r.item.label, 32)}
              </text>
              {ELEMENTS.map((el) => {
                const v = by.get(el.key) ?? 0;
                if (v <= 0) return null;
                const x0 = x(acc);
                acc += v;
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
                    width={Math.max(0, x(acc) - x0)}
                    height={barH}
                    fill={el.color}
                    className="seg"
                    onMouseMove={(e) => hover(e, lines)}
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
                  height={barH}
                  fill="url(#residual-hatch)"
                  className="seg"
                  onMouseMove={(e) =>
                    hover(e, [
                      `Residual value ${formatApprox(residual)} ${currency}`,
                      `${r.item.label}, at end of year ${lc.expected_life_years}`,
                      "Reduces the cost; approximate, exact totals are in the table",
                    ])
                  }
                >
                  <title>{`Residual value: ${formatApprox(residual)} ${currency}`}</title>
                </rect>
              )}
              <text x={x(acc) + 6} y={yTop + barH / 2 + 4} className="bar-value">
                {formatWhole(lc.nominal_total)}
              </text>
            </g>
          );
        })}
      </svg>
      {tip && (
        <div className="chart-tip" style={{ left: tipLeft(tip.x, wrapRef.current), top: tip.y + 14 }}>
          {tip.lines.map((l, i) => (
            <div key={i} className={i === 0 ? "strong" : i === 2 ? "tip-note" : ""}>
              {l}
            </div>
          ))}
        </div>
      )}
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
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// Assumptions bar

type OverrideKey = keyof AssumptionOverrides;

function AssumptionInput({
  label,
  field,
  value,
  placeholder,
  suffix,
  hint,
  toText,
  parse,
  onCommit,
  width,
}: {
  label: string;
  field: OverrideKey;
  value: string | null;
  placeholder: string;
  suffix?: string;
  hint: string;
  toText: (v: string) => string;
  parse: (text: string) => { value: string | null } | { error: string };
  onCommit: (field: OverrideKey, value: string | null) => Promise<ErrorPayload | null>;
  width: string;
}) {
  const [text, setText] = useState(value === null ? "" : toText(value));
  const [error, setError] = useState<string | null>(null);
  const last = useRef(value);
  const cancelling = useRef(false);
  if (last.current !== value) {
    last.current = value;
    setText(value === null ? "" : toText(value));
  }
  const commit = async (t: string) => {
    const parsed = parse(t);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    const same =
      parsed.value === value ||
      (parsed.value !== null && value !== null && field !== "purchase_date" && compareDecimal(parsed.value, value) === 0);
    if (same) return;
    const p = await onCommit(field, parsed.value);
    if (p) setError(field === "discount_rate" || field === "inflation" ? ratePercentMessage(p.message) : p.message);
  };
  return (
    <Field label={label} error={error ?? undefined} hint={hint}>
      <span className="input-suffix">
        <input
          data-testid={`assumption-${field}`}
          className={`num${error ? " invalid" : ""}`}
          style={{ width }}
          value={text}
          placeholder={placeholder}
          inputMode={field === "purchase_date" ? "numeric" : "decimal"}
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
              setText(value === null ? "" : toText(value));
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
        {suffix && <span className="unit">{suffix}</span>}
      </span>
    </Field>
  );
}

function parseRate(t: string): { value: string | null } | { error: string } {
  if (!t.trim()) return { value: null };
  const f = percentToFraction(t);
  return f === null ? { error: "Enter a percentage, e.g. 5 or 3.5." } : { value: f };
}

function parseDate(t: string): { value: string | null } | { error: string } {
  const s = t.trim();
  if (!s) return { value: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return { error: "Enter a date as YYYY-MM-DD, e.g. 2026-10-01." };
  return { value: s };
}

function AssumptionsBar({
  overrides,
  defaults,
  onSave,
}: {
  overrides: AssumptionOverrides;
  defaults: Assumptions;
  onSave: (next: AssumptionOverrides) => Promise<ErrorPayload | null>;
}) {
  const [monthError, setMonthError] = useState<string | null>(null);
  const commit = async (field: OverrideKey, value: string | null) => {
    const next: AssumptionOverrides = { ...overrides };
    if (field === "fiscal_year_start_month") next.fiscal_year_start_month = value === null ? null : Number(value);
    else next[field] = value;
    return onSave(next);
  };
  return (
    <div className="assumptions" aria-label="Financial assumptions of this request">
      <div className="assumptions-title">
        <h4>Assumptions</h4>
        <span className="subtle">This request’s values; empty uses the portfolio default (shown greyed). Saved on Enter or when you leave a field.</span>
      </div>
      <div className="assumptions-fields">
        <AssumptionInput
          label="Discount rate"
          field="discount_rate"
          value={overrides.discount_rate}
          placeholder={fractionToPercent(defaults.discount_rate)}
          suffix="%"
          hint={`Default ${formatRate(defaults.discount_rate)}`}
          toText={fractionToPercent}
          parse={parseRate}
          onCommit={commit}
          width="5.5em"
        />
        <AssumptionInput
          label="Inflation"
          field="inflation"
          value={overrides.inflation}
          placeholder={fractionToPercent(defaults.inflation)}
          suffix="%"
          hint={`Default ${formatRate(defaults.inflation)}; not applied to service`}
          toText={fractionToPercent}
          parse={parseRate}
          onCommit={commit}
          width="5.5em"
        />
        <Field
          label="Fiscal year starts"
          error={monthError ?? undefined}
          hint={`Default ${monthName(defaults.fiscal_year_start_month)}`}
        >
          <select
            data-testid="assumption-fiscal_year_start_month"
            value={overrides.fiscal_year_start_month ?? ""}
            onChange={(e) => {
              const v = e.target.value;
              void commit("fiscal_year_start_month", v === "" ? null : v).then((p) => setMonthError(p ? p.message : null));
            }}
          >
            <option value="">Default ({monthName(defaults.fiscal_year_start_month)})</option>
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </Field>
        <AssumptionInput
          label="Purchase date (year 0)"
          field="purchase_date"
          value={overrides.purchase_date}
          placeholder={defaults.purchase_date ?? "YYYY-MM-DD"}
          hint={defaults.purchase_date ? `Default ${defaults.purchase_date}` : "No default; needed for fiscal years"}
          toText={(v) => v}
          parse={parseDate}
          onCommit={commit}
          width="8.5em"
        />
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// Cost-model editor

type ModelKey = Exclude<keyof CostModel, "unit_price" | "quantity">;
type InputKind = "money" | "percent" | "rate" | "years" | "number";
interface ModelField {
  key: ModelKey;
  label: string;
  kind: InputKind;
  suffix?: string;
  hint?: string;
}

function modelGroups(currency: string): { title: string; fields: ModelField[] }[] {
  return [
    {
      title: "Acquisition (year 0)",
      fields: [
        { key: "discount_pct", label: "Discount off the quote", kind: "percent", suffix: "%" },
        { key: "trade_in_credit", label: "Trade-in credit", kind: "money", suffix: currency, hint: "Total for the devices traded in" },
        { key: "installation", label: "Installation and site preparation", kind: "money", suffix: currency, hint: "Power, medical gases, network drops" },
        { key: "it_integration", label: "IT integration", kind: "money", suffix: currency, hint: "Interfaces, licences, middleware" },
        { key: "training", label: "Initial training", kind: "money", suffix: currency },
      ],
    },
    {
      title: "Service",
      fields: [
        { key: "warranty_years", label: "Warranty", kind: "years", suffix: "years", hint: "No service contract is paid in these years" },
        { key: "service_annual", label: "Service contract per year after warranty", kind: "money", suffix: currency, hint: "Often 5 to 15 % of the purchase price; year-1 money" },
        { key: "service_escalation", label: "Yearly escalation of the contract", kind: "rate", suffix: "%" },
      ],
    },
    {
      title: "Running costs (per year)",
      fields: [
        { key: "cost_per_use", label: "Consumables cost per use", kind: "money", suffix: currency },
        { key: "annual_uses", label: "Uses per year", kind: "number", suffix: "uses", hint: "Across all devices; also divides EAC into cost per use" },
        { key: "power_watts", label: "Power draw per device", kind: "number", suffix: "W" },
        { key: "hours_per_year", label: "Powered hours per device", kind: "number", suffix: "h/yr", hint: "8760 = always on" },
        { key: "tariff_per_kwh", label: "Electricity tariff", kind: "money", suffix: `${currency}/kWh` },
        { key: "software_annual", label: "Software subscriptions", kind: "money", suffix: currency },
        { key: "staffing_annual", label: "Extra staffing", kind: "money", suffix: currency },
      ],
    },
    {
      title: "End of life",
      fields: [
        { key: "expected_life_years", label: "Expected life", kind: "years", suffix: "years", hint: "1 to 40" },
        { key: "disposal", label: "Disposal and decommissioning", kind: "money", suffix: currency, hint: "In the last year" },
        { key: "residual_value", label: "Residual or resale value", kind: "money", suffix: currency, hint: "Reduces the cost in the last year" },
      ],
    },
  ];
}
const MODEL_KEYS: ModelKey[] = modelGroups("").flatMap((g) => g.fields.map((f) => f.key));
const KIND_OF = new Map(modelGroups("").flatMap((g) => g.fields.map((f) => [f.key, f.kind] as const)));

type Draft = Record<ModelKey, string>;
type DraftErrors = Partial<Record<ModelKey, string>>;

const NEW_MODEL: Omit<CostModel, "unit_price" | "quantity"> = {
  discount_pct: "0",
  trade_in_credit: "0",
  installation: "0",
  it_integration: "0",
  training: "0",
  warranty_years: 1,
  service_annual: "0",
  service_escalation: "0",
  cost_per_use: "0",
  annual_uses: "0",
  power_watts: "0",
  hours_per_year: "8760",
  tariff_per_kwh: "0",
  software_annual: "0",
  staffing_annual: "0",
  expected_life_years: 8,
  disposal: "0",
  residual_value: "0",
};

function draftOf(m: Omit<CostModel, "unit_price" | "quantity">): Draft {
  const d = {} as Draft;
  for (const k of MODEL_KEYS) {
    const v = m[k];
    d[k] = KIND_OF.get(k) === "rate" ? fractionToPercent(String(v)) : String(v);
  }
  return d;
}

/** The typed text as a CostModel (decimal strings kept as typed), or the fields that do not parse. */
function modelOf(d: Draft, c: Candidate): { model: CostModel | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const out: Partial<Record<ModelKey, string | number>> = {};
  for (const k of MODEL_KEYS) {
    const kind = KIND_OF.get(k);
    const t = d[k].trim().replace(/[,\s]/g, "");
    if (kind === "years") {
      if (!/^\d+$/.test(t)) errors[k] = "Enter a whole number of years.";
      else out[k] = Number(t);
    } else if (kind === "rate") {
      const f = t === "" ? "0" : percentToFraction(t);
      if (f === null) errors[k] = "Enter a percentage, e.g. 3 or 3.5.";
      else out[k] = f;
    } else {
      const v = t === "" ? "0" : t;
      if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(v)) errors[k] = kind === "money" ? "Enter an amount, e.g. 38000 or 3.80." : "Enter a number.";
      else out[k] = v;
    }
  }
  if (Object.keys(errors).length) return { model: null, errors };
  return {
    model: { ...(out as Omit<CostModel, "unit_price" | "quantity">), unit_price: c.unit_price.amount, quantity: c.quantity },
    errors,
  };
}

function CostModelEditor({
  candidate,
  requestId,
  currency,
  assumptionsKey,
  remediation,
  onClose,
  onChanged,
}: {
  candidate: Candidate;
  requestId: number;
  currency: string;
  /** Compatibility remediation the lifecycle figures (live ones included) add to IT integration. */
  remediation: string;
  /** Changes when the request's assumptions change, so the live figures are recomputed. */
  assumptionsKey: string;
  onClose: () => void;
  onChanged: () => Promise<void>;
}) {
  const report = useReport();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [exists, setExists] = useState(false);
  const [saveErrors, setSaveErrors] = useState<DraftErrors>({});
  const [preview, setPreview] = useState<LifecycleCost | null>(null);
  const [previewError, setPreviewError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const seq = useRef(0);
  const formRef = useRef<HTMLFormElement>(null);
  const groups = useMemo(() => modelGroups(currency), [currency]);

  useEffect(() => {
    let live = true;
    api
      .getCostModel(candidate.id)
      .then((m) => {
        if (!live) return;
        setExists(m !== null);
        setDraft(draftOf(m ?? NEW_MODEL));
      })
      .catch((e: unknown) => report(errorPayload(e)));
    return () => {
      live = false;
    };
  }, [candidate.id, report]);

  const loaded = draft !== null;
  useEffect(() => {
    // Bring the editor into view when it opens out of sight (e.g. from a row further down).
    const el = formRef.current;
    if (!loaded || !el) return;
    const top = el.getBoundingClientRect().top;
    if (top < 48 || top > window.innerHeight - 120) el.scrollIntoView({ block: "start" });
  }, [loaded]);

  const parsed = useMemo(() => (draft ? modelOf(draft, candidate) : null), [draft, candidate]);

  // Live figures: preview the typed model, debounced; a late answer never overwrites a newer one.
  useEffect(() => {
    if (!parsed?.model) return;
    const model = parsed.model;
    const mine = ++seq.current;
    const t = window.setTimeout(() => {
      api
        .previewLifecycle(requestId, candidate.id, model)
        .then((lc) => {
          if (seq.current !== mine) return;
          setPreview(lc);
          setPreviewError(null);
        })
        .catch((e: unknown) => {
          if (seq.current !== mine) return;
          const p = errorPayload(e);
          if (p.kind === "validation" || p.kind === "conflict" || p.kind === "parse") {
            setPreviewError({ field: fieldName(p), message: p.message });
          } else report(p);
        });
    }, 250);
    return () => window.clearTimeout(t);
  }, [parsed, requestId, report, assumptionsKey]);

  // Escape outside a field closes the editor (before the app's Escape leaves the request).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || document.querySelector(".modal-backdrop")) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onClose]);

  if (!draft || !parsed) {
    return (
      <div className="form-card">
        <p className="muted">Loading the cost model…</p>
      </div>
    );
  }

  const errorOf = (k: ModelKey): string | undefined => {
    const msg = parsed.errors[k] ?? saveErrors[k] ?? (previewError?.field === k ? previewError.message : undefined);
    return msg !== undefined && KIND_OF.get(k) === "rate" ? ratePercentMessage(msg) : msg;
  };
  const orphanError =
    previewError && !(MODEL_KEYS as string[]).includes(previewError.field ?? "") ? previewError.message : null;
  const stale = Object.keys(parsed.errors).length > 0 || previewError !== null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.model) return;
    setBusy(true);
    try {
      await api.setCostModel(candidate.id, parsed.model);
      await onChanged();
      onClose();
    } catch (err) {
      const p = errorPayload(err);
      const f = fieldName(p);
      if ((p.kind === "validation" || p.kind === "conflict") && f && (MODEL_KEYS as string[]).includes(f)) {
        setSaveErrors({ [f]: p.message });
      } else report(p);
    } finally {
      setBusy(false);
    }
  };

  const hasRemediation = compareDecimal(remediation, "0") > 0;
  const hintOf = (f: ModelField): string | undefined =>
    f.key === "it_integration" && hasRemediation
      ? `The figures add ${formatMoney({ amount: remediation, currency })} of compatibility remediation (its gaps' costs) to this`
      : f.hint;

  const figure = (v: string | null | undefined, cents = false) =>
    v === null || v === undefined ? "—" : cents ? formatAmount(v) : formatWhole(v);

  return (
    <form
      ref={formRef}
      className="form-card cost-editor"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={`Cost model of ${candidate.manufacturer} ${candidate.model}`}
      data-testid="cost-editor"
    >
      <div className="cost-editor-head">
        <div>
          <h3>
            {exists ? "Edit cost model" : "Add cost model"}: {candidate.manufacturer} {candidate.model}
          </h3>
          <div className="subtle">
            Amounts are totals for all {candidate.quantity} devices unless a field says per device or per use; recurring
            costs are in year-1 money.
          </div>
        </div>
        <div className="quote-readonly" title="From the candidate’s quote; change it in the Candidates tab">
          <span className="field-label">From the quote</span>
          <span>
            {formatMoney(candidate.unit_price)} × {candidate.quantity}
          </span>
        </div>
      </div>

      <div className={`kpis${stale ? " kpis-stale" : ""}`} aria-live="polite">
        <div className="kpi">
          <span className="kpi-label">Capital (year 0)</span>
          <span className="kpi-value">{figure(preview?.capital)}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Nominal total</span>
          <span className="kpi-value">{figure(preview?.nominal_total)}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">NPV</span>
          <span className="kpi-value">{figure(preview?.npv)}</span>
        </div>
        <div className="kpi kpi-main">
          <span className="kpi-label">EAC per year</span>
          <span className="kpi-value" data-testid="preview-eac">
            {figure(preview?.eac)}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Cost per use</span>
          <span className="kpi-value">{figure(preview?.cost_per_use, true)}</span>
        </div>
        <div className="kpi-note">
          {stale ? (
            <span className="inline-error">{orphanError ?? "Figures are from the last valid entry; fix the marked field."}</span>
          ) : (
            <span className="subtle">
              Live figures in {currency}, not saved yet
              {preview ? ` · ${preview.expected_life_years} years at ${formatRate(preview.discount_rate)}` : ""}
            </span>
          )}
        </div>
      </div>

      <div className="cost-groups">
        {groups.map((g) => (
          <fieldset key={g.title} className="cost-group">
            <legend>{g.title}</legend>
            {g.fields.map((f) => (
              <Field key={f.key} label={f.label} error={errorOf(f.key)} {...(hintOf(f) ? { hint: hintOf(f) } : {})}>
                <span className="input-suffix">
                  <input
                    data-testid={`cost-field-${f.key}`}
                    className={`num${errorOf(f.key) ? " invalid" : ""}`}
                    inputMode={f.kind === "years" ? "numeric" : "decimal"}
                    value={draft[f.key]}
                    onChange={(e) => {
                      setDraft({ ...draft, [f.key]: e.target.value });
                      if (saveErrors[f.key]) setSaveErrors({ ...saveErrors, [f.key]: undefined });
                    }}
                  />
                  {f.suffix && <span className="unit">{f.suffix}</span>}
                </span>
              </Field>
            ))}
          </fieldset>
        ))}
      </div>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !parsed.model} data-testid="cost-save">
          Save cost model
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {exists && (
          <button type="button" className="danger-quiet push-right" onClick={() => setConfirmRemove(true)}>
            Remove cost model
          </button>
        )}
      </div>
      {confirmRemove && (
        <ConfirmDialog
          title="Remove cost model"
          message={`Remove the cost model of ${candidate.manufacturer} ${candidate.model}? Its lifecycle cost becomes missing and the candidate stays unranked until a new model is entered.`}
          confirmLabel="Remove cost model"
          onCancel={() => setConfirmRemove(false)}
          onConfirm={async () => {
            setConfirmRemove(false);
            try {
              await api.deleteCostModel(candidate.id);
              await onChanged();
              onClose();
            } catch (e) {
              report(errorPayload(e));
            }
          }}
        />
      )}
    </form>
  );
}

// ---------------------------------------------------------------------------------------
// The tab

function FiscalYearTable({ rows, currency, startMonth }: { rows: Row[]; currency: string; startMonth: number }) {
  const withLc = rows.filter((r) => r.item.lifecycle);
  const [selected, setSelected] = useState<number | null>(withLc[0]?.candidate.id ?? null);
  const row = withLc.find((r) => r.candidate.id === selected) ?? withLc[0];
  const lc = row?.item.lifecycle;
  if (!row || !lc) return null;
  return (
    <div className="fy-block">
      <div className="fy-head">
        <label className="inline-label">
          Candidate{" "}
          <select value={row.candidate.id} onChange={(e) => setSelected(Number(e.target.value))} data-testid="fy-candidate">
            {withLc.map((r) => (
              <option key={r.candidate.id} value={r.candidate.id}>
                {r.item.label}
              </option>
            ))}
          </select>
        </label>
        <span className="subtle">
          Fiscal years start in {monthName(startMonth)} and are named by the calendar year they end in.
        </span>
      </div>
      {lc.fiscal_years.length === 0 ? (
        <p className="muted fy-empty">Set a purchase date to see costs by fiscal year.</p>
      ) : (
        <table className="table fy-table" data-testid="fy-table">
          <thead>
            <tr>
              <th>Fiscal year</th>
              <th className="num">Capital ({currency})</th>
              <th className="num">Operating ({currency})</th>
              <th className="num">Total ({currency})</th>
            </tr>
          </thead>
          <tbody>
            {lc.fiscal_years.map((f) => (
              <tr key={f.fiscal_year}>
                <td>FY{f.fiscal_year}</td>
                <td className="num money">{compareDecimal(f.capital, "0") === 0 ? <span className="muted">—</span> : formatWhole(f.capital)}</td>
                <td className="num money">{compareDecimal(f.operating, "0") === 0 ? <span className="muted">—</span> : formatWhole(f.operating)}</td>
                <td className="num money">{formatWhole(f.total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="total-row">
              <th>Whole life</th>
              <td className="num money">{formatWhole(lc.capital)}</td>
              <td className="num money">{formatWhole(lc.operating)}</td>
              <td className="num money">{formatWhole(lc.nominal_total)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}

export function LifecycleTab({ data, refresh, editCost }: { data: RequestData; refresh: Refresh; editCost: number | null }) {
  const report = useReport();
  const requestId = data.request.id;
  const [lc, setLc] = useState<RequestLifecycle | null>(null);
  const [overrides, setOverrides] = useState<AssumptionOverrides | null>(null);
  const [defaults, setDefaults] = useState<Assumptions | null>(null);

  const load = useCallback(async () => {
    try {
      const [l, o, d] = await Promise.all([
        api.requestLifecycleCosts(requestId),
        api.getAssumptionOverrides(requestId),
        api.getPortfolioAssumptions(),
      ]);
      setLc(l);
      setOverrides(o);
      setDefaults(d);
    } catch (e) {
      report(errorPayload(e));
    }
  }, [requestId, report]);

  useEffect(() => {
    void load();
  }, [load, data.candidates]);

  const openEditor = (id: number | null) => navigate({ page: "request", id: requestId, tab: "lifecycle", editCost: id });
  const closeEditor = useCallback(
    () => navigate({ page: "request", id: requestId, tab: "lifecycle", editCost: null }),
    [requestId],
  );
  const afterChange = useCallback(async () => {
    await Promise.all([load(), refresh(["ranking"])]);
  }, [load, refresh]);

  if (data.candidates.length === 0) {
    return (
      <EmptyState title="No candidates yet">
        <p>Lifecycle cost is worked out per candidate; add candidates first.</p>
      </EmptyState>
    );
  }
  if (!lc || !overrides || !defaults) return <p className="muted">Computing lifecycle costs…</p>;

  const currency = lc.assumptions.currency || data.request.currency;
  const rows: Row[] = data.candidates.flatMap((candidate, index) => {
    const item = lc.candidates.find((c) => c.candidate_id === candidate.id);
    return item ? [{ candidate, index, item }] : [];
  });
  const costed = rows.filter((r) => r.item.lifecycle);
  let lowest: string | null = null;
  for (const r of costed) {
    const eac = r.item.lifecycle?.eac;
    if (eac !== undefined && (lowest === null || compareDecimal(eac, lowest) < 0)) lowest = eac;
  }
  const lives = costed.map((r) => r.item.lifecycle?.expected_life_years ?? 0);
  const minLife = Math.min(...lives);
  const maxLife = Math.max(...lives);
  const editing = editCost !== null ? data.candidates.find((c) => c.id === editCost) : undefined;

  const saveOverrides = async (next: AssumptionOverrides): Promise<ErrorPayload | null> => {
    try {
      await api.setAssumptionOverrides(requestId, next);
      setOverrides(next);
      await afterChange();
      return null;
    } catch (e) {
      const p = errorPayload(e);
      if (p.kind === "validation" || p.kind === "conflict" || p.kind === "parse") return p;
      report(p);
      return null;
    }
  };

  return (
    <>
      <div className="section-head">
        <h2>Lifecycle cost</h2>
        <span className="method">
          Year 0 undiscounted; recurring costs at each year end; discounted at {formatRate(lc.assumptions.discount_rate)}
        </span>
      </div>

      <AssumptionsBar overrides={overrides} defaults={defaults} onSave={saveOverrides} />

      {editCost !== null &&
        (editing ? (
          <CostModelEditor
            key={editing.id}
            candidate={editing}
            requestId={requestId}
            currency={currency}
            remediation={lc.candidates.find((c) => c.candidate_id === editing.id)?.remediation ?? "0"}
            assumptionsKey={JSON.stringify(lc.assumptions)}
            onClose={closeEditor}
            onChanged={afterChange}
          />
        ) : (
          <div className="notice">
            That candidate is not part of this request. <button type="button" className="small" onClick={closeEditor}>Close</button>
          </div>
        ))}

      {costed.length > 1 &&
        (lc.unequal_lives ? (
          <div className="info-note" data-testid="lives-note">
            <strong>
              Expected lives differ ({minLife} to {maxLife} years):
            </strong>{" "}
            candidates are compared on equivalent annual cost, not NPV.
          </div>
        ) : (
          <div className="info-note" data-testid="lives-note">
            Compared on equivalent annual cost; with equal lives NPV ranks the same.
          </div>
        ))}

      <table className="table lifecycle-table">
        <thead>
          <tr>
            <th>Candidate</th>
            <th className="num">Expected life</th>
            <th className="num">Capital, year 0</th>
            <th className="num">Nominal total</th>
            <th className="num">NPV</th>
            <th className="num eac-col">EAC per year</th>
            <th className="num">Cost per use</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {rows.map(({ candidate, index, item }) => {
            const l = item.lifecycle;
            const best = l !== null && lowest !== null && compareDecimal(l.eac, lowest) === 0;
            return (
              <tr
                key={candidate.id}
                data-testid="lifecycle-row"
                data-candidate-id={candidate.id}
                className={`${best ? "leader" : ""}${!l ? " unranked" : ""}${editCost === candidate.id ? " row-active" : ""}`}
              >
                <td>
                  <i className="swatch swatch-line" style={{ background: l ? candidateColor(index) : "#c6cdd6" }} />
                  <span className="strong">{item.label}</span>
                  {compareDecimal(item.remediation, "0") > 0 && (
                    <div className="subtle remediation-note" data-testid={`lifecycle-remediation-${candidate.id}`}>
                      includes {formatMoney({ amount: item.remediation, currency })} compatibility remediation in IT integration
                    </div>
                  )}
                </td>
                {l ? (
                  <>
                    <td className="num">{l.expected_life_years} years</td>
                    <td className="num money">{formatWhole(l.capital)}</td>
                    <td className="num money">{formatWhole(l.nominal_total)}</td>
                    <td className="num money">{formatWhole(l.npv)}</td>
                    <td className="num money eac-col">
                      {best && (
                        <span className="flag flag-best" title="Lowest equivalent annual cost">
                          lowest
                        </span>
                      )}
                      <span className="eac">{formatWhole(l.eac)}</span>
                    </td>
                    <td className="num money">{l.cost_per_use === null ? <span className="muted">—</span> : formatAmount(l.cost_per_use)}</td>
                  </>
                ) : (
                  <td colSpan={6} className="problem-cell">
                    <span className="flag flag-missing">{item.problem ?? "no lifecycle cost"}</span>
                    <span className="subtle"> unranked until its cost model is entered and valid</span>
                  </td>
                )}
                <td className="actions">
                  <button
                    type="button"
                    className={`small${l ? "" : " primary"}`}
                    data-testid={`edit-cost-${candidate.id}`}
                    onClick={() => openEditor(candidate.id)}
                  >
                    {l || !/^no cost model/.test(item.problem ?? "") ? "Edit cost model" : "Add cost model"}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="footnote">
        Amounts in {currency}, rounded to whole units (cost per use to cents). NPV and EAC at{" "}
        {formatRate(lc.assumptions.discount_rate)}; inflation {formatRate(lc.assumptions.inflation)}. EAC = NPV × r / (1 − (1 + r)
        <sup>−N</sup>), the figure the ranking uses.
      </p>

      {costed.length > 0 && (
        <>
          <h3 className="subsection">Cumulative cost over the years</h3>
          <p className="muted">Nominal (undiscounted) spending to date, one line per candidate. Hover a year for the figures.</p>
          <CumulativeChart rows={rows} currency={currency} />

          <h3 className="subsection">Where the money goes</h3>
          <p className="muted">
            Nominal cost over each candidate’s life by element; the figure at the end of a bar is its nominal total.
          </p>
          <ElementChart rows={rows} currency={currency} />

          <h3 className="subsection">Capital and operating cost by fiscal year</h3>
          <FiscalYearTable rows={rows} currency={currency} startMonth={lc.assumptions.fiscal_year_start_month} />
        </>
      )}
    </>
  );
}
