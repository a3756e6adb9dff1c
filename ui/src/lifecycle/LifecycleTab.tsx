import { useCallback } from "react";
import { api, errorPayload } from "../api";
import type { AssumptionOverrides, ErrorPayload } from "../bindings";
import { EmptyState } from "../components/display";
import { formatRate } from "../components/format";
import type { RequestData } from "../request/useRequestData";
import { navigate } from "../app/route";
import type { Row } from "./row";
import { AssumptionsBar } from "./AssumptionsBar";
import { CostModelEditor } from "./CostModelEditor";
import { CumulativeChart } from "../charts/CumulativeCostChart";
import { ElementChart } from "../charts/CostElementChart";
import { FiscalYearTable } from "./FiscalYearTable";
import { FinancialCase } from "./FinancialCase";
import { LifecycleTable, LivesNote } from "./LifecycleTable";
import { useReport } from "../components/report";
import { affects, q, useApiMutation } from "../app/query";
import { useQuery } from "@tanstack/react-query";

// Every figure shown here comes from the backend as a decimal string and is only formatted.

export function LifecycleTab({ data, editCost }: { data: RequestData; editCost: number | null }) {
  const report = useReport();
  const requestId = data.request.id;
  const { data: lc } = useQuery({ ...q.lifecycle(requestId), enabled: data.candidates.length > 0 });
  const { data: overrides } = useQuery(q.assumptionOverrides(requestId));
  const { data: defaults } = useQuery(q.portfolioAssumptions());
  const setOverrides = useApiMutation(api.setAssumptionOverrides, affects.assumptions);

  const openEditor = (id: number | null) => navigate({ page: "request", id: requestId, tab: "lifecycle", editCost: id });
  const closeEditor = useCallback(() => navigate({ page: "request", id: requestId, tab: "lifecycle", editCost: null }), [requestId]);

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
      await setOverrides.mutateAsync([requestId, next]);
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
            onClose={closeEditor}
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

          <FinancialCase requestId={requestId} />
        </>
      )}
    </>
  );
}
