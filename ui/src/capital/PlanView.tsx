import { useState } from "react";
import type { BudgetUse, PortfolioPlan, RequestId, RequestOutcome } from "../bindings";
import { formatAmount } from "../components/format";
import { compareDecimal } from "../components/format";
import { PriorityDialog } from "./PriorityDialog";

/** A budget's bar: its amount, and what the plan uses of it. */
function BudgetBars({ budgets, currency }: { budgets: BudgetUse[]; currency: string }) {
  const most = budgets.reduce((m, b) => Math.max(m, Number(b.budget), Number(b.used)), 1);
  const rowH = 26;
  const labelW = 250;
  const width = 900;
  const plotW = width - labelW - 240;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${budgets.length * rowH + 8}`} role="img" aria-label="Capital used against each budget" data-testid="plan-bars">
      {budgets.map((b, i) => {
        const y = 4 + i * rowH;
        const budgetW = (Number(b.budget) / most) * plotW;
        const usedW = (Number(b.used) / most) * plotW;
        const over = compareDecimal(b.used, b.budget) > 0;
        return (
          <g key={`${b.year}-${b.resource}`}>
            <text x={labelW - 8} y={y + 16} textAnchor="end" className="chart-label">
              FY{b.year} · {b.resource}
            </text>
            <rect x={labelW} y={y + 3} width={budgetW} height={rowH - 8} fill="#eef0f3" stroke="#c9d0d8" />
            <rect x={labelW} y={y + 3} width={usedW} height={rowH - 8} fill={over ? "#b5412e" : "#2f6f9f"} />
            <text x={labelW + Math.max(budgetW, usedW) + 8} y={y + 16} className="chart-label">
              {currency} {formatAmount(b.used)} of {formatAmount(b.budget)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function outcomeText(r: RequestOutcome): string {
  if (r.funded_year === null) return "Not funded";
  return r.deferred_years > 0 ? `FY${r.funded_year} (deferred ${r.deferred_years} y)` : `FY${r.funded_year}`;
}

/** One scenario's plan: the budgets used, every request's outcome with its reason, the greedy fill, and what more money buys. */
export function PlanView({
  plan,
  onToggle,
  forcedIn,
  forcedOut,
}: {
  plan: PortfolioPlan;
  onToggle: (id: RequestId, into: "in" | "out") => void;
  forcedIn: RequestId[];
  forcedOut: RequestId[];
}) {
  const [editing, setEditing] = useState<RequestOutcome | null>(null);
  const cur = plan.currency;
  const funded = plan.requests.filter((r) => r.funded_year !== null);
  const deferred = funded.filter((r) => r.deferred_years > 0);
  const greedyOnly = plan.requests.filter((r) => r.greedy_funded && r.funded_year === null);
  const optimumOnly = funded.filter((r) => !r.greedy_funded);
  return (
    <div className="plan-view" data-testid="plan-view">
      <p data-testid="plan-summary">
        <strong>
          {funded.length} of {plan.requests.length} requests funded
        </strong>
        {deferred.length > 0 ? `, ${deferred.length} of them later than asked` : ""}; {plan.excluded.length} left out before planning.{" "}
        {plan.plan.proven_optimal ? "Proven optimal." : "Best plan found; not proven optimal."} The greedy fill by priority is worth{" "}
        {formatAmount(plan.plan.greedy.total_value)}; the optimum {formatAmount(plan.plan.optimum.total_value)} (
        {formatAmount(plan.plan.gain_over_greedy)} more).
      </p>
      <BudgetBars budgets={plan.plan.optimum.budgets} currency={cur} />
      <table className="table" data-testid="plan-requests">
        <thead>
          <tr>
            <th className="num">Priority</th>
            <th>Request</th>
            <th>Plan</th>
            <th>Candidate</th>
            <th className="num">Capital</th>
            <th>Why</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.requests.map((r) => (
            <tr key={r.request_id} data-testid={`plan-request-${r.request_id}`} className={r.funded_year === null ? "muted-row" : undefined}>
              <td className="num" title={r.priority.explanation} data-testid={`plan-priority-value-${r.request_id}`}>
                {Number(r.priority.value).toFixed(1)}
                {r.mandatory ? <span className="badge badge-approved"> mandatory</span> : null}
              </td>
              <td>
                {r.title}
                <div className="subtle">{r.facility} · asked for FY{r.fiscal_year}</div>
              </td>
              <td data-testid={`plan-outcome-${r.request_id}`}>{outcomeText(r)}</td>
              <td>{r.candidate ?? "–"}</td>
              <td className="num">{r.capital ? `${cur} ${formatAmount(r.capital)}` : "–"}</td>
              <td className="problem-cell">{r.reason}</td>
              <td>
                <div className="row-actions plan-actions">
                <button type="button" className="link-button" onClick={() => setEditing(r)} data-testid={`plan-priority-${r.request_id}`}>
                  Priority…
                </button>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onToggle(r.request_id, "out")}
                  data-testid={`plan-force-out-${r.request_id}`}
                >
                  {forcedOut.includes(r.request_id) ? "Undo force out" : "Force out"}
                </button>
                {!r.mandatory || forcedIn.includes(r.request_id) ? (
                  <button type="button" className="link-button" onClick={() => onToggle(r.request_id, "in")} data-testid={`plan-force-in-${r.request_id}`}>
                    {forcedIn.includes(r.request_id) ? "Undo force in" : "Force in"}
                  </button>
                ) : null}
                </div>
              </td>
            </tr>
          ))}
          {plan.excluded.map((e) => (
            <tr key={`x-${e.request_id}`} className="muted-row" data-testid={`plan-excluded-${e.request_id}`}>
              <td />
              <td>{e.title}</td>
              <td>Left out</td>
              <td colSpan={3} className="problem-cell">
                {e.reason}
              </td>
              <td>
                {forcedOut.includes(e.request_id) && (
                  <button type="button" className="link-button" onClick={() => onToggle(e.request_id, "out")}>
                    Undo force out
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="subsection">Against the greedy fill</h3>
      <p data-testid="plan-greedy">
        {optimumOnly.length + greedyOnly.length === 0
          ? "The greedy fill by priority funds the same requests."
          : `The optimum funds ${optimumOnly.map((r) => r.title).join(", ") || "nothing more"} that the greedy fill by priority leaves out${
              greedyOnly.length > 0 ? `, and leaves out ${greedyOnly.map((r) => r.title).join(", ")}` : ""
            }.`}
      </p>
      <h3 className="subsection">What another {cur} 100,000 would buy</h3>
      <ul data-testid="plan-next">
        {plan.next.map((n) => (
          <li key={n.fiscal_year}>
            FY{n.fiscal_year}: {n.would_fund.length === 0 ? "nothing more" : `${n.would_fund.join(", ")} (value +${formatAmount(n.value_gain)})`}
          </li>
        ))}
      </ul>
      {editing && <PriorityDialog requestId={editing.request_id} title={editing.title} onClose={() => setEditing(null)} />}
    </div>
  );
}
