import { useCallback, useEffect, useState } from "react";
import { api, errorPayload } from "../api";
import type { AssumptionOverrides, Assumptions, ErrorPayload, RequestLifecycle } from "../bindings";
import { EmptyState } from "../components/display";
import { formatRate } from "../components/format";
import type { Refresh, RequestData } from "../request/RequestPage";
import { navigate } from "../app/route";
import type { Row } from "./row";
import { AssumptionsBar } from "./AssumptionsBar";
import { CostModelEditor } from "./CostModelEditor";
import { CumulativeChart } from "../charts/CumulativeCostChart";
import { ElementChart } from "../charts/CostElementChart";
import { FiscalYearTable } from "./FiscalYearTable";
import { LifecycleTable, LivesNote } from "./LifecycleTable";
import { useReport } from "../components/report";

// Every figure shown here comes from the backend as a decimal string and is only formatted.

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

      {costed.length > 1 && <LivesNote unequal={lc.unequal_lives} costed={costed} />}

      <LifecycleTable rows={rows} editCost={editCost} currency={currency} onEdit={openEditor} />
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
