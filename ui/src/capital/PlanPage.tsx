import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorPayload } from "../api";
import type { RequestId, Scenario } from "../bindings";
import { q } from "../app/query";
import { EmptyState } from "../components/display";
import { BudgetsEditor } from "./BudgetsEditor";
import { ExportPlan } from "./ExportPlan";
import { PlanView } from "./PlanView";
import { ScenarioBar } from "./ScenarioBar";

/** The planning years: those with a stored budget, else the requests' fiscal years. */
function defaultYears(budgetYears: number[], requestYears: number[]): [number, number] {
  const years = budgetYears.length > 0 ? budgetYears : requestYears;
  const now = new Date().getFullYear() + 1;
  if (years.length === 0) return [now, now];
  return [Math.min(...years), Math.max(...years)];
}

/**
 * The capital plan: the budgets of each fiscal year, then the plan the engine solves under
 * them (funded, deferred, not funded, each with its reason), the greedy fill beside it,
 * and the scenarios. Requests can be forced in or out here as an unsaved "what if".
 */
export function PlanPage() {
  const { data: budgets } = useQuery(q.budgets());
  const { data: requests } = useQuery(q.requests());
  const [chosen, setChosen] = useState<[number, number] | null>(null);
  const [forcedIn, setForcedIn] = useState<RequestId[]>([]);
  const [forcedOut, setForcedOut] = useState<RequestId[]>([]);
  const [tab, setTab] = useState(0);
  if (!budgets || !requests) return <p className="muted">Loading…</p>;
  const [first, last] =
    chosen ?? defaultYears([...new Set(budgets.map((b) => b.fiscal_year))], [...new Set(requests.map((r) => r.request.fiscal_year))]);
  const missing = Array.from({ length: Math.max(0, Math.min(last - first + 1, 10)) }, (_, i) => first + i).filter(
    (y) => !budgets.some((b) => b.fiscal_year === y && b.facility_id === null),
  );
  const whatIf: Scenario | null =
    forcedIn.length + forcedOut.length > 0
      ? { id: 0, name: "What if", budget_change_pct: "0", forced_in: forcedIn, forced_out: forcedOut, weights: null }
      : null;
  const toggle = (id: RequestId, into: "in" | "out") => {
    const [list, set, other, setOther] = into === "in" ? [forcedIn, setForcedIn, forcedOut, setForcedOut] : [forcedOut, setForcedOut, forcedIn, setForcedIn];
    const next = list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
    const rest = other.filter((x) => x !== id);
    set(next);
    setOther(rest);
    // The what-if is shown while it exists; the base plan again once it is empty.
    setTab(next.length + rest.length > 0 ? Number.MAX_SAFE_INTEGER : 0);
  };

  return (
    <section data-testid="capital-plan">
      <div className="page-head">
        <div>
          <h1>Capital plan</h1>
          <p className="muted">
            Which requests each fiscal year’s budget funds, with which candidate and when: the exact optimum of priority × score under every
            budget, beside the greedy fill by priority.
          </p>
        </div>
        <div className="row-actions">
          <label className="inline-label">
            From FY{" "}
            <input
              type="number"
              className="num"
              style={{ width: "6em" }}
              value={first}
              onChange={(e) => setChosen([Number(e.target.value), Math.max(Number(e.target.value), last)])}
              data-testid="plan-first-year"
            />
          </label>
          <label className="inline-label">
            to FY{" "}
            <input
              type="number"
              className="num"
              style={{ width: "6em" }}
              value={last}
              onChange={(e) => setChosen([first, Number(e.target.value)])}
              data-testid="plan-last-year"
            />
          </label>
          <ExportPlan first={first} last={last} />
        </div>
      </div>
      <BudgetsEditor first={first} last={last} budgets={budgets} />
      {missing.length > 0 ? (
        <EmptyState title="Budgets first">
          <p data-testid="plan-needs-budget">
            Set the system-wide capital budget of {missing.map((y) => `FY${y}`).join(", ")} under Budgets above: the plan funds requests
            within each year’s budget.
          </p>
        </EmptyState>
      ) : (
      <PlanResults first={first} last={last} whatIf={whatIf} tab={tab} setTab={setTab} onToggle={toggle} forcedIn={forcedIn} forcedOut={forcedOut} />
      )}
    </section>
  );
}

function PlanResults({
  first,
  last,
  whatIf,
  tab,
  setTab,
  onToggle,
  forcedIn,
  forcedOut,
}: {
  first: number;
  last: number;
  whatIf: Scenario | null;
  tab: number;
  setTab: (i: number) => void;
  onToggle: (id: RequestId, into: "in" | "out") => void;
  forcedIn: RequestId[];
  forcedOut: RequestId[];
}) {
  const { data: plans, error, isFetching } = useQuery({ ...q.capitalPlan(first, last, whatIf), placeholderData: (prev) => prev });
  if (error) {
    return (
      <div className="inline-problem" role="alert" data-testid="plan-error">
        The plan cannot be made: {errorPayload(error).message}
      </div>
    );
  }
  if (!plans) return <p className="muted">Planning…</p>;
  const shown = Math.min(tab, plans.length - 1);
  const current = plans[shown];
  return (
    <>
      <ScenarioBar plans={plans} shown={shown} onShow={setTab} whatIf={whatIf} busy={isFetching} />
      {current && <PlanView plan={current.plan} onToggle={onToggle} forcedIn={forcedIn} forcedOut={forcedOut} />}
    </>
  );
}
