import { useState } from "react";
import type { Benchmark, GroupAnalysis, ModelBenchmark } from "../bindings";
import { formatAmount } from "../components/format";

/**
 * The price benchmark by model: net unit prices (discount and trade-in off, converted and
 * indexed by the engine), their spread and outliers; the chosen model's strip plot as the
 * engine draws it for the negotiation brief, and what each member would save on it.
 */
export function BenchmarkSection({ analysis }: { analysis: GroupAnalysis }) {
  const b = analysis.benchmark;
  const [chosen, setChosen] = useState<string | null>(null);
  const model = b.models.find((m) => m.key === chosen) ?? b.models[0];
  if (!model) return <p className="muted">No quotes to compare yet.</p>;
  const chart = analysis.charts.find((c) => c.key === model.key);
  return (
    <section className="subsection" data-testid="gpo-benchmark">
      <div className="section-head">
        <h2>Price benchmark</h2>
        <span className="subtle">
          Net unit prices in {b.currency} as of {b.as_of}; {b.index.description}
          {b.rates.length > 0 && `; converted at ${b.rates.map((r) => `${r.currency} ${r.rate}`).join(", ")}`}.
        </span>
      </div>
      {b.notes.map((n) => (
        <div key={n} className="info-note">
          {n}
        </div>
      ))}
      <table className="table table-click gpo-benchmark-table">
        <thead>
          <tr>
            <th>Model</th>
            <th>Code</th>
            <th className="num">Members</th>
            <th className="num">Units</th>
            <th className="num">Median</th>
            <th className="num">Q1 – Q3</th>
            <th className="num">Best</th>
            <th>Outliers</th>
          </tr>
        </thead>
        <tbody>
          {b.models.map((m) => (
            <tr
              key={m.key}
              className={m.key === model.key ? "row-active" : undefined}
              onClick={() => setChosen(m.key)}
              tabIndex={0}
              onKeyDown={(e) => e.key === "Enter" && setChosen(m.key)}
              data-testid="gpo-model-row"
              data-key={m.key}
            >
              <td className="strong">
                {m.label}
                {m.status === "uncertain" && <span className="badge gpo-status-uncertain">To review</span>}
              </td>
              <td className="code">{m.product_code ?? "—"}</td>
              <td className="num">{m.members.length}</td>
              <td className="num">{m.units}</td>
              <td className="num money strong" data-testid="gpo-median">
                {formatAmount(m.price.median)}
              </td>
              <td className="num money">
                {formatAmount(m.price.q1)} – {formatAmount(m.price.q3)}
              </td>
              <td className="num money">{formatAmount(m.price.best)}</td>
              <td>{outliers(m) || <span className="subtle">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ModelDetail model={model} svg={chart?.svg ?? null} currency={b.currency} />
      <MemberTotals b={b} />
    </section>
  );
}

function outliers(m: ModelBenchmark): string {
  return m.points
    .filter((p) => p.outlier)
    .map((p) => `${p.member} ${formatAmount(p.net_unit_price)}`)
    .join(", ");
}

function ModelDetail({ model, svg, currency }: { model: ModelBenchmark; svg: string | null; currency: string }) {
  return (
    <div className="gpo-detail" data-testid="gpo-model-detail">
      {svg && (
        <img
          className="gpo-chart"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          alt={`Net unit prices of ${model.label} by member`}
          data-testid="gpo-strip-chart"
        />
      )}
      <div>
        <h3>
          What each member would save on {model.label} ({currency})
        </h3>
        <table className="table compact-table">
          <thead>
            <tr>
              <th>Member</th>
              <th className="num">Units</th>
              <th className="num">Paid</th>
              <th className="num">At the median</th>
              <th className="num">At the best</th>
            </tr>
          </thead>
          <tbody>
            {model.savings.map((s) => (
              <tr key={s.member} data-testid="gpo-saving">
                <td>{s.member}</td>
                <td className="num">{s.quantity}</td>
                <td className="num money">{formatAmount(s.paid)}</td>
                <td className="num money">{formatAmount(s.at_median)}</td>
                <td className="num money">{formatAmount(s.at_best)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {model.bands.length > 1 && (
          <p className="subtle">
            Median by quantity: {model.bands.map((x) => `${x.band} units ${formatAmount(x.median)} (${x.n})`).join("; ")}.
          </p>
        )}
      </div>
    </div>
  );
}

function MemberTotals({ b }: { b: Benchmark }) {
  return (
    <div className="subsection">
      <h3>Savings over every model, by member ({b.currency})</h3>
      <table className="table compact-table" data-testid="gpo-totals">
        <thead>
          <tr>
            <th>Member</th>
            <th className="num">Paid</th>
            <th className="num">At the median</th>
            <th className="num">At the best</th>
          </tr>
        </thead>
        <tbody>
          {b.totals.map((t) => (
            <tr key={t.member}>
              <td>{t.member}</td>
              <td className="num money">{formatAmount(t.paid)}</td>
              <td className="num money">{formatAmount(t.at_median)}</td>
              <td className="num money">{formatAmount(t.at_best)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
