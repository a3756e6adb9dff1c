import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, StoredBudget } from "../bindings";
import { affects, q, useApiMutation } from "../app/query";
import { formatAmount } from "../components/format";

/** One fiscal year's budget row: capital and operating typed as amounts, saved by the engine. */
function BudgetRow({ year, budget, facilityId, label }: { year: number; budget: StoredBudget | undefined; facilityId: number | null; label: string }) {
  const save = useApiMutation(api.setBudget, affects.budgets);
  const remove = useApiMutation(api.removeBudget, affects.budgets);
  const [capital, setCapital] = useState(budget?.capital ?? "");
  const [operating, setOperating] = useState(budget?.operating ?? "");
  const [error, setError] = useState<ErrorPayload | null>(null);
  const testId = `budget-${year}${facilityId === null ? "" : `-${facilityId}`}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await save.mutateAsync([year, facilityId, capital, operating.trim() ? operating : null]);
    } catch (err) {
      setError(errorPayload(err));
    }
  };
  const changed = capital !== (budget?.capital ?? "") || operating !== (budget?.operating ?? "");
  return (
    <tr data-testid={testId}>
      <td>FY{year}</td>
      <td>{label}</td>
      <td>
        <form onSubmit={(e) => void submit(e)} className="inline-form">
          <input
            className={`num${error?.field === "capital" ? " invalid" : ""}`}
            inputMode="decimal"
            value={capital}
            placeholder="not set"
            onChange={(e) => setCapital(e.target.value)}
            aria-label={`FY${year} capital budget, ${label}`}
            data-testid={`${testId}-capital`}
          />
          <input
            className={`num${error?.field === "operating" ? " invalid" : ""}`}
            inputMode="decimal"
            value={operating}
            placeholder="operating (optional)"
            onChange={(e) => setOperating(e.target.value)}
            aria-label={`FY${year} operating budget, ${label}`}
          />
          <button type="submit" disabled={!changed || !capital.trim() || save.isPending} data-testid={`${testId}-save`}>
            Save
          </button>
          {budget && (
            <button type="button" className="link-button" onClick={() => void remove.mutateAsync([year, facilityId]).catch((err) => setError(errorPayload(err)))}>
              Remove
            </button>
          )}
        </form>
        {error && <div className="field-error">{error.message}</div>}
      </td>
      <td className="num muted">{budget ? formatAmount(budget.capital) : ""}</td>
    </tr>
  );
}

/**
 * The budgets of the planning years: one system-wide capital budget per year (the plan needs
 * it), and any facility's budget, which caps that facility's requests too.
 */
export function BudgetsEditor({ first, last, budgets }: { first: number; last: number; budgets: StoredBudget[] }) {
  const { data: facilities = [] } = useQuery(q.facilities());
  const [facilityRows, setFacilityRows] = useState<number[]>([]);
  const years = Array.from({ length: Math.max(0, Math.min(last - first + 1, 10)) }, (_, i) => first + i);
  const withFacilityBudget = [...new Set([...budgets.filter((b) => b.facility_id !== null).map((b) => b.facility_id as number), ...facilityRows])];
  const find = (y: number, f: number | null) => budgets.find((b) => b.fiscal_year === y && b.facility_id === f);
  const unused = facilities.filter((f) => !withFacilityBudget.includes(f.id));
  // Open when no budget is set yet; then as the user leaves it.
  const [open, setOpen] = useState(budgets.length === 0);
  return (
    <details className="profile-section budgets" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="budgets-editor">
      <summary>
        <strong>Budgets</strong> <span className="muted">capital per fiscal year, system-wide and by facility</span>
      </summary>
      <table className="table compact-table">
        <thead>
          <tr>
            <th>Year</th>
            <th>Whose</th>
            <th>Capital · operating</th>
            <th className="num">Saved capital</th>
          </tr>
        </thead>
        <tbody>
          {years.flatMap((y) => [
            <BudgetRow key={`${y}-all`} year={y} budget={find(y, null)} facilityId={null} label="System-wide" />,
            ...withFacilityBudget.map((f) => (
              <BudgetRow key={`${y}-${f}`} year={y} budget={find(y, f)} facilityId={f} label={facilities.find((x) => x.id === f)?.name ?? `Facility ${f}`} />
            )),
          ])}
        </tbody>
      </table>
      {unused.length > 0 && (
        <label className="inline-label">
          Add a facility’s budget{" "}
          <select value="" onChange={(e) => e.target.value && setFacilityRows([...facilityRows, Number(e.target.value)])}>
            <option value="">Choose a facility…</option>
            {unused.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </details>
  );
}
