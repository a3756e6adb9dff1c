import { type FormEvent, useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, Scenario, ScenarioPlan } from "../bindings";
import { affects, useApiMutation } from "../app/query";
import { formatAmount } from "../components/format";

/** Tabs for the base plan, the saved scenarios and the unsaved what-if; and a form to save one. */
export function ScenarioBar({
  plans,
  shown,
  onShow,
  whatIf,
  busy,
}: {
  plans: ScenarioPlan[];
  shown: number;
  onShow: (i: number) => void;
  whatIf: Scenario | null;
  busy: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const remove = useApiMutation(api.removeScenario, affects.scenarios);
  return (
    <div className="scenario-bar">
      <div className="tabs" role="tablist" aria-label="Scenarios">
        {plans.map((p, i) => (
          <button
            key={`${p.scenario.id}-${p.scenario.name}`}
            type="button"
            role="tab"
            aria-selected={i === shown}
            className={i === shown ? "tab tab-active" : "tab"}
            onClick={() => onShow(i)}
            data-testid={`scenario-tab-${i}`}
            title={`Total value ${p.plan.plan.optimum.total_value}`}
          >
            {p.scenario.name}
            <span className="tab-count">{formatAmount(p.plan.plan.optimum.total_value)}</span>
          </button>
        ))}
        {busy && <span className="muted"> planning…</span>}
      </div>
      <div className="row-actions">
        {plans[shown] && plans[shown].scenario.id > 0 && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const s = plans[shown]?.scenario;
              if (s) void remove.mutateAsync([s.id]).then(() => onShow(0));
            }}
          >
            Remove this scenario
          </button>
        )}
        {!adding && (
          <button type="button" onClick={() => setAdding(true)} data-testid="scenario-new">
            {whatIf ? "Save the what-if as a scenario…" : "New scenario…"}
          </button>
        )}
      </div>
      {adding && <ScenarioForm whatIf={whatIf} onDone={() => setAdding(false)} />}
    </div>
  );
}

function ScenarioForm({ whatIf, onDone }: { whatIf: Scenario | null; onDone: () => void }) {
  const add = useApiMutation(api.addScenario, affects.scenarios);
  const [name, setName] = useState("");
  const [change, setChange] = useState("0");
  const [error, setError] = useState<ErrorPayload | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await add.mutateAsync([
        { id: 0, name, budget_change_pct: change.trim() || "0", forced_in: whatIf?.forced_in ?? [], forced_out: whatIf?.forced_out ?? [], weights: null },
      ]);
      onDone();
    } catch (err) {
      setError(errorPayload(err));
    }
  };
  return (
    <form className="field-row" onSubmit={(e) => void submit(e)} data-testid="scenario-form">
      <label className="field">
        <span className="field-label">Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="scenario-name" />
      </label>
      <label className="field">
        <span className="field-label">Budgets changed by (%)</span>
        <input className="num" inputMode="decimal" value={change} onChange={(e) => setChange(e.target.value)} data-testid="scenario-change" />
      </label>
      {whatIf && (
        <p className="muted">
          With {whatIf.forced_in.length} request(s) forced in and {whatIf.forced_out.length} forced out, as on the page.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!name.trim()} data-testid="scenario-save">
          Save scenario
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && <div className="field-error">{error.message}</div>}
    </form>
  );
}
