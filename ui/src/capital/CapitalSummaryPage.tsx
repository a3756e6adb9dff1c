import { useQuery } from "@tanstack/react-query";
import { q } from "../app/query";
import { EmptyState } from "../components/display";
import { CapitalSummary } from "./CapitalSummary";

/** The capital summary of a fiscal year, exported as a PDF. */
export function CapitalSummaryPage() {
  const { data: requests } = useQuery(q.requests());
  const years = requests ? [...new Set(requests.map((s) => s.request.fiscal_year))].sort((a, b) => a - b) : null;
  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Capital summary</h1>
          <p className="muted">The requests of a fiscal year by score, against the year’s budget, as a PDF.</p>
        </div>
      </div>
      {years === null ? (
        <p className="muted">Loading…</p>
      ) : years.length === 0 ? (
        <EmptyState title="No capital requests yet">
          <p>The summary lists a fiscal year’s requests; add a request first.</p>
        </EmptyState>
      ) : (
        <CapitalSummary years={years} />
      )}
    </section>
  );
}
