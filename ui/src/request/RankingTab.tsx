import { useMemo } from "react";
import { EmptyState } from "../components/display";
import { methodNote } from "../components/format";
import type { RequestData } from "./useRequestData";
import type { Tab } from "../app/route";
import { palette } from "./ranking";
import { ClosenessChart } from "../charts/ClosenessChart";
import { ContributionChart } from "../charts/ContributionChart";
import { RankingTable } from "./RankingTable";
import { RankingPanels } from "./RankingPanels";
import { ReferenceScaleControl } from "./ReferenceScaleControl";

export function RankingTab({ data, goTab }: { data: RequestData; goTab: (t: Tab) => void }) {
  const ranking = data.ranking;
  const pal = useMemo(() => (ranking ? palette(ranking) : null), [ranking]);
  if (data.candidates.length === 0) {
    return (
      <EmptyState title="No candidates to rank">
        <button type="button" className="primary" onClick={() => goTab("candidates")}>
          Add the first candidate
        </button>
      </EmptyState>
    );
  }
  if (!ranking || !pal) return <p className="muted">Computing the ranking…</p>;

  const weightsSet = ranking.criteria.some((c) => c.weight > 0);
  const topsis = ranking.method === "topsis";
  const disqualified = ranking.candidates.filter((c) => c.disqualified).length;

  return (
    <>
      <div className="section-head">
        <h2>Ranking</h2>
        <span className="method" data-testid="ranking-method">{methodNote(ranking.method)}</span>
      </div>
      {!weightsSet && <div className="notice">No criterion has a weight yet: set weights to rank the candidates.</div>}
      {disqualified > 0 && (
        <div className="info-note" data-testid="ranking-disqualified-note">
          {disqualified} candidate{disqualified === 1 ? " is" : "s are"} left out of the ranking for a blocking compatibility
          gap, as this request asks.{" "}
          <button type="button" className="small" onClick={() => goTab("compatibility")}>
            Review in Compatibility
          </button>
        </div>
      )}
      <RankingTable ranking={ranking} requestId={data.request.id} />
      {ranking.candidates.some((c) => c.unconfirmed_note !== null) && (
        <div className="notice" data-testid="ranking-unconfirmed-note">
          {ranking.candidates.flatMap((c) => (c.unconfirmed_note ? [c.unconfirmed_note] : [])).join(" ")}
        </div>
      )}
      <ReferenceScaleControl ranking={ranking} />

      {topsis ? (
        <>
          <h3 className="subsection">Closeness to the ideal</h3>
          <p className="muted">
            TOPSIS does not split a score into per-criterion points: each candidate’s closeness (0 to 1) measures how
            near it is to an ideal candidate with the best value on every criterion, and how far from the worst.
          </p>
          <ClosenessChart ranking={ranking} />
        </>
      ) : (
        <>
          <h3 className="subsection">Weighted contributions</h3>
          <p className="muted">Each bar is a candidate’s score split by criterion; a segment’s length is the points it earns. Hover a segment for details.</p>
          <ContributionChart ranking={ranking} pal={pal} />
        </>
      )}

      <RankingPanels ranking={ranking} tree={data.tree} goTab={goTab} />
    </>
  );
}
