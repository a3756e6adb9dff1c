import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorPayload } from "../api";
import { q } from "../app/query";
import type { GroupOptions } from "../bindings";
import { EmptyState } from "../components/display";
import { BenchmarkSection } from "./Benchmark";
import { ExportGroup } from "./ExportGroup";
import { AnalysisProblem, MatchReview } from "./MatchReview";
import { Members } from "./Members";
import { DemandSection, StandardisationSection } from "./Standardisation";
import { useGroupSetup } from "./state";

/**
 * Group purchasing: several member hospitals' portfolios (or request packages) side by side,
 * read-only. Everything shown is the engine's analysis of the files as they are now: the
 * same as `caliper gpo` and the negotiation brief.
 */
export function GroupPage() {
  const [setup, setSetup] = useGroupSetup();
  const analysisQuery = useQuery(q.groupAnalysis(setup.members, setup.workspace, setup.options));
  const analysis = analysisQuery.data;
  const failed = analysisQuery.error ? errorPayload(analysisQuery.error) : null;

  return (
    <section data-testid="group-page">
      <div className="page-head">
        <div>
          <h1>Group purchasing</h1>
          <p className="muted">
            The member hospitals' own quotes side by side: what each model costs across the group, what each member would save at the
            group's median and best price, which models to standardise on, and the negotiation brief.
          </p>
        </div>
        {analysis && <ExportGroup setup={setup} contentHash={analysis.content_hash} />}
      </div>
      <Members setup={setup} onChange={setSetup} analysis={analysis} onReload={() => void analysisQuery.refetch()} />
      <Options options={setup.options} onChange={(options) => setSetup({ ...setup, options })} />
      {setup.members.length === 0 ? (
        <EmptyState title="No members yet">
          <p className="muted">Add two or more member hospitals' portfolio files (or request packages) to compare their prices.</p>
        </EmptyState>
      ) : failed ? (
        <AnalysisProblem problem={failed} setup={setup} />
      ) : !analysis ? (
        <p className="muted">Reading the members…</p>
      ) : (
        <>
          <MatchReview setup={setup} analysis={analysis} />
          <BenchmarkSection analysis={analysis} />
          <StandardisationSection s={analysis.standardisation} />
          <DemandSection d={analysis.demand} />
        </>
      )}
    </section>
  );
}

/** The group's currency, stated exchange rates and price index, applied together. */
function Options({ options, onChange }: { options: GroupOptions; onChange: (o: GroupOptions) => void }) {
  const [currency, setCurrency] = useState(options.currency ?? "");
  const [rates, setRates] = useState(options.rates.join(", "));
  const [index, setIndex] = useState(options.index_percent ?? "");
  const [values, setValues] = useState(options.index_values.join(", "));
  const next: GroupOptions = {
    currency: currency.trim() || null,
    rates: rates
      .split(/[,;\s]+/)
      .map((r) => r.trim())
      .filter((r) => r !== ""),
    index_percent: index.trim() || null,
    index_values: values
      .split(/[,;\s]+/)
      .map((v) => v.trim())
      .filter((v) => v !== ""),
  };
  const changed = JSON.stringify(next) !== JSON.stringify(options);
  return (
    <form
      className="gpo-options"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(next);
      }}
    >
      <label className="inline-label">
        Group currency{" "}
        <input value={currency} onChange={(e) => setCurrency(e.target.value)} placeholder="as quoted" style={{ width: "7em" }} data-testid="gpo-currency" />
      </label>
      <label className="inline-label">
        Exchange rates{" "}
        <input value={rates} onChange={(e) => setRates(e.target.value)} placeholder="EUR=1.08, GBP=1.27" style={{ width: "14em" }} data-testid="gpo-rates" />
      </label>
      <label className="inline-label">
        Price index{" "}
        <input value={index} onChange={(e) => setIndex(e.target.value)} placeholder="none" className="num" style={{ width: "5em" }} data-testid="gpo-index" />
        {" "}% a year
      </label>
      <label className="inline-label" title="A price index by year (e.g. a CPI series): a price is multiplied by the as-of year's value over its quote year's">
        or index values{" "}
        <input value={values} onChange={(e) => setValues(e.target.value)} placeholder="2025=100, 2026=103.2" style={{ width: "13em" }} data-testid="gpo-index-values" />
      </label>
      <button type="submit" disabled={!changed} data-testid="gpo-options-apply">
        Apply
      </button>
    </form>
  );
}
