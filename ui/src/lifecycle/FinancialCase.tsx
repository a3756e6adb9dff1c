import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { CandidateCaseView, FinancialCaseView } from "../bindings";
import { formatRate, formatWhole } from "../components/format";
import { q } from "../app/query";
import { NetCashFlowChart } from "../charts/NetCashFlowChart";
import { DepreciationLeaseEditor } from "./DepreciationLeaseEditor";
import { SavingsEditor } from "./SavingsEditor";

// The financial case of each candidate: its savings and revenue, depreciation and lease offer
// (edited here) against its lifecycle costs, and its cumulative net cash flow to payback. Every figure and every sentence comes from the engine (the brief's
// words); this only lays them out.

export function FinancialCase({ requestId }: { requestId: number }) {
  const { data } = useQuery(q.financialCase(requestId));
  if (!data) return null;
  const first = data.candidates.find((c) => c.entered) ?? data.candidates[0];
  if (!first) return null;
  return <CaseBlock view={data} candidates={data.candidates} first={first} />;
}

function CaseBlock({ view, candidates, first }: { view: FinancialCaseView; candidates: CandidateCaseView[]; first: CandidateCaseView }) {
  const [selected, setSelected] = useState<number>(first.candidate_id);
  const c = candidates.find((x) => x.candidate_id === selected) ?? first;
  return (
    <section className="financial-case" data-testid="financial-case">
      <h3 className="subsection">Financial case</h3>
      <p className="muted">
        Net cash flow = savings + revenue − lifecycle costs, on the lifecycle schedule (year 0 is the purchase). NPV,
        discounted payback and MIRR at {formatRate(view.discount_rate)}; ROI nominal. Amounts in {view.currency}.
      </p>
      <div className="fy-head">
        <label className="inline-label">
          Candidate{" "}
          <select value={c.candidate_id} onChange={(e) => setSelected(Number(e.target.value))} data-testid="case-candidate">
            {candidates.map((x) => (
              <option key={x.candidate_id} value={x.candidate_id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {c.problem ? (
        <p className="notice">{c.problem}</p>
      ) : (
        <>
          {!c.entered ? (
            <p className="muted" data-testid="case-none">
              No savings, revenue or lease entered for this candidate: add them below to see its net cash flow, NPV, payback
              and IRR.
            </p>
          ) : (
            <EnteredCase c={c} currency={view.currency} />
          )}
          <BudgetTable c={c} currency={view.currency} />
          {c.lease.length > 0 && (
            <>
              <h4>Lease versus buy</h4>
              <dl className="key-values" data-testid="case-lease">
                {c.lease.map((f) => (
                  <div key={f.label}>
                    <dt>{f.label}</dt>
                    <dd className={f.strong ? "strong" : undefined}>{f.value}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </>
      )}
      <SavingsEditor candidateId={c.candidate_id} currency={view.currency} />
      <DepreciationLeaseEditor candidateId={c.candidate_id} currency={view.currency} />
    </section>
  );
}

/** The case of a candidate with savings, revenue or a lease: its key figures, the chart, its years. */
function EnteredCase({ c, currency }: { c: CandidateCaseView; currency: string }) {
  return (
    <>
      <dl className="key-values" data-testid="case-figures">
        {c.figures.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd className={f.strong ? "strong" : undefined}>{f.value}</dd>
          </div>
        ))}
      </dl>
      <h4>Cumulative net cash flow</h4>
      <p className="muted">Savings and revenue less costs to date, by year. Hover a year for its figures.</p>
      <NetCashFlowChart view={c} currency={currency} />
      <h4>Net cash flow by year</h4>
      <table className="table" data-testid="case-years">
        <thead>
          <tr>
            <th className="num">Year</th>
            <th>Fiscal year</th>
            <th className="num">Costs</th>
            <th className="num">Savings</th>
            <th className="num">Revenue</th>
            <th className="num">Net</th>
            <th className="num">Cumulative</th>
          </tr>
        </thead>
        <tbody>
          {c.years.map((y) => (
            <tr key={y.year}>
              <td className="num">{y.year}</td>
              <td>{y.fiscal_year === null ? "—" : `FY${y.fiscal_year}`}</td>
              <td className="num money">{formatWhole(y.costs)}</td>
              <td className="num money">{formatWhole(y.savings)}</td>
              <td className="num money">{formatWhole(y.revenue)}</td>
              <td className="num money">{formatWhole(y.net)}</td>
              <td className="num money">{formatWhole(y.cumulative_net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The capital and operating budgets by fiscal year, the depreciation among them (or why there is none). */
function BudgetTable({ c, currency }: { c: CandidateCaseView; currency: string }) {
  return (
    <>
      <h4>Capital and operating budgets by fiscal year</h4>
      {c.depreciation_problem && (
        <p className="notice" data-testid="depreciation-problem">
          No depreciation: {c.depreciation_problem}.
        </p>
      )}
      {c.budget.length > 0 && (
        <>
          <table className="table" data-testid="case-budget">
            <thead>
              <tr>
                <th>Fiscal year</th>
                <th className="num">Capital (net)</th>
                <th className="num">Operating costs</th>
                <th className="num">Depreciation</th>
                <th className="num">Savings + revenue</th>
                <th className="num">Operating impact</th>
              </tr>
            </thead>
            <tbody>
              {c.budget.map((b) => (
                <tr key={b.fiscal_year}>
                  <td>FY{b.fiscal_year}</td>
                  <td className="num money">{formatWhole(b.net_capital)}</td>
                  <td className="num money">{formatWhole(b.operating_costs)}</td>
                  <td className="num money" data-testid="budget-depreciation">
                    {formatWhole(b.depreciation)}
                  </td>
                  <td className="num money">{formatWhole(b.savings_and_revenue)}</td>
                  <td className="num money">{formatWhole(b.operating_impact)}</td>
                </tr>
              ))}
            </tbody>
            {c.depreciation_total !== null && (
              <tfoot>
                <tr className="total-row">
                  <th colSpan={3}>Depreciation over the schedule ({currency})</th>
                  <td className="num money" data-testid="depreciation-total">
                    {formatWhole(c.depreciation_total)}
                  </td>
                  <td colSpan={2} />
                </tr>
              </tfoot>
            )}
          </table>
          <p className="footnote">
            Capital (net): year-0 costs less year-0 savings (a trade-in). Operating impact = operating costs + depreciation −
            savings and revenue (negative: the operating budget gains).
          </p>
        </>
      )}
    </>
  );
}
