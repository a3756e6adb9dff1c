import { useState } from "react";
import { DEFAULT_SENSITIVITY } from "../api";
import type { RequestRanking, SensitivityResult } from "../bindings";
import { percent, percentWhole } from "../components/format";
import { TornadoChart } from "../charts/TornadoChart";
import { SweepChart } from "../charts/WeightSweepChart";
import { type Names, nearestSweep } from "./sensitivity";
import { AcceptabilityTable, BreakEvenTable, CentralWeightsTable } from "./SensitivityTables";

/** The results of one run: the robustness statement, the charts and the tables. */
export function SensitivityResults({
  result,
  ranking,
  names,
  topsis,
  running,
  unranked,
  withSpread,
}: {
  result: SensitivityResult;
  ranking: RequestRanking | null;
  names: Names;
  topsis: boolean;
  running: boolean;
  unranked: number;
  /** The run included the evaluators' spread. */
  withSpread: boolean;
}) {
  const [sweepId, setSweepId] = useState<string | null>(null);
  const sweep = result.one_way.find((s) => s.criterion === sweepId) ?? nearestSweep(result);
  const leaderId = result.alternatives[0];
  const leaderScore = ranking?.candidates.find((c) => String(c.candidate_id) === leaderId)?.score ?? null;
  return (
    <div className={running ? "sens-stale" : ""}>
      <blockquote className="robustness" data-testid="robustness-statement">
        {result.statement}
      </blockquote>
      {unranked > 0 && (
        <p className="muted">
          {unranked} unranked candidate{unranked === 1 ? " is" : "s are"} left out until every value is entered.
        </p>
      )}

      {sweep && (
        <>
          <div className="section-head subsection">
            <h3>What if one weight changes?</h3>
            <label className="inline-label">
              Criterion{" "}
              <select value={sweep.criterion} onChange={(e) => setSweepId(e.target.value)} data-testid="sweep-criterion">
                {result.one_way.map((s) => (
                  <option key={s.criterion} value={s.criterion}>
                    {s.name} (now {percent(s.current_weight)}
                    {s.break_even.length ? `; break-even ${s.break_even.map((b) => percentWhole(b.weight)).join(", ")}` : ""})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted">
            Each line is a candidate’s {topsis ? "closeness" : "score"} as the weight of this criterion moves from 0 to 100 % and the others share the
            rest in their current proportions. Hover for the values.
          </p>
          <SweepChart result={result} sweep={sweep} names={names} topsis={topsis} />
        </>
      )}

      <h3 className="subsection">Which weights matter most</h3>
      <p className="muted">
        {names.name(leaderId ?? "")}’s {topsis ? "closeness" : "score"} when one criterion’s weight moves{" "}
        {Math.round(DEFAULT_SENSITIVITY.tornado_delta * 100)} points down or up, widest first.
      </p>
      <TornadoChart result={result} leaderScore={leaderScore} names={names} topsis={topsis} />

      <h3 className="subsection">Rank acceptability</h3>
      <p className="muted">Share of {result.samples.toLocaleString("en-US")} sampled weightings in which each candidate takes each rank.</p>
      <AcceptabilityTable result={result} names={names} />

      <div>
        <div>
          <h3 className="subsection">Central weights and confidence</h3>
          <p className="muted">
            The average weights under which each candidate ranks first, beside the committee’s. The confidence factor is the share of
            score-uncertainty draws it still wins with them
            {withSpread ? "." : "; without the evaluators’ spread it is 100 % or 0 %: whether it wins at its central weights."}
          </p>
          <CentralWeightsTable result={result} names={names} />
        </div>
        <div>
          <h3 className="subsection">Break-even weights</h3>
          <p className="muted">The weight at which first place changes hands, one criterion at a time.</p>
          <BreakEvenTable result={result} names={names} />
        </div>
      </div>
    </div>
  );
}
