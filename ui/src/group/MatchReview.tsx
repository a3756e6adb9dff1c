import { useState } from "react";
import { api, errorPayload } from "../api";
import { affects, useApiMutation } from "../app/query";
import type { ErrorPayload, GroupAnalysis, MatchDecisionKind } from "../bindings";
import type { GroupSetup } from "./state";

/**
 * The uncertain matches: models the members spelled differently, or quoted without a
 * product code where others gave one. The analyst confirms that they are one model or
 * splits them into one model per spelling; the decision is saved in the workspace file.
 */
export function MatchReview({ setup, analysis }: { setup: GroupSetup; analysis: GroupAnalysis }) {
  const decide = useApiMutation(api.groupDecideMatch, affects.groupDecisions);
  const undo = useApiMutation(api.groupUndoMatch, affects.groupDecisions);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const reviewed = analysis.matching.models.filter((m) => m.status !== "exact");
  const stale = analysis.matching.stale_decisions;
  if (reviewed.length === 0 && stale.length === 0) return null;
  const busy = decide.isPending || undo.isPending;
  const run = (key: string, decision: MatchDecisionKind) => {
    if (!setup.workspace) return;
    setError(null);
    decide.mutate([setup.members, setup.workspace, { key, decision }], { onError: (e) => setError(errorPayload(e)) });
  };
  const forget = (key: string) => {
    if (!setup.workspace) return;
    setError(null);
    undo.mutate([setup.workspace, key], { onError: (e) => setError(errorPayload(e)) });
  };
  return (
    <section className="subsection" data-testid="gpo-matches">
      <div className="section-head">
        <h2>Matches to review</h2>
        <span className="subtle">
          {analysis.matching.to_review === 0 ? "All reviewed." : `${analysis.matching.to_review} to review: benchmarked as one model until split.`}
        </span>
      </div>
      {!setup.workspace && <div className="info-note">Give a workspace file above to save match decisions.</div>}
      {error && (
        <div className="inline-problem" role="alert">
          {error.message}
        </div>
      )}
      {stale.length > 0 && (
        <div className="info-note" data-testid="gpo-stale">
          Decisions on models no member quotes any more:{" "}
          {stale.map((key) => (
            <span key={key} className="stale-decision">
              <span className="code">{key}</span>{" "}
              <button type="button" className="small" disabled={!setup.workspace || busy} onClick={() => forget(key)}>
                Forget
              </button>
            </span>
          ))}
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Model</th>
            <th>As the members typed it</th>
            <th>Why</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {reviewed.map((m) => (
            <tr key={m.key} data-testid="gpo-match" data-key={m.key}>
              <td className="strong">
                {m.label}
                {m.product_code && <span className="subtle"> · {m.product_code}</span>}
              </td>
              <td>
                {m.variants.map((v) => (
                  <div key={`${v.member}|${v.manufacturer}|${v.model}`}>
                    {v.manufacturer} {v.model}
                    <span className="subtle">
                      {" "}
                      ({v.member}
                      {v.product_code ? `, ${v.product_code}` : ", no product code"})
                    </span>
                  </div>
                ))}
              </td>
              <td className="subtle">{m.reasons.join("; ")}</td>
              <td>
                <span className={`badge gpo-status-${m.status}`}>{STATUS[m.status]}</span>
              </td>
              <td className="actions">
                {m.status === "uncertain" ? (
                  <>
                    <button type="button" className="small" disabled={!setup.workspace || busy} onClick={() => run(m.key, "confirmed")} data-testid="gpo-confirm">
                      Confirm
                    </button>
                    <button type="button" className="small" disabled={!setup.workspace || busy} onClick={() => run(m.key, "split")} data-testid="gpo-split">
                      Split
                    </button>
                  </>
                ) : m.decided !== null ? (
                  <button
                    type="button"
                    className="small"
                    disabled={!setup.workspace || busy}
                    onClick={() => forget(m.decided ?? m.key)}
                    title="Back to review: the decision is taken out of the workspace"
                    data-testid="gpo-undo"
                  >
                    Undo
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The engine's refusal of the analysis. One model quoted under two product codes names the
 * match (`matches.KEY`): with a workspace, it can be split here, each spelling its own model.
 */
export function AnalysisProblem({ problem, setup }: { problem: ErrorPayload; setup: GroupSetup }) {
  const decide = useApiMutation(api.groupDecideMatch, affects.groupDecisions);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const key = problem.field?.startsWith("matches.") ? problem.field.slice("matches.".length) : null;
  const workspace = setup.workspace;
  return (
    <div className="inline-problem" role="alert" data-testid="gpo-analysis-error">
      {problem.message}
      {key !== null && workspace && (
        <button
          type="button"
          className="small"
          disabled={decide.isPending}
          onClick={() => decide.mutate([setup.members, workspace, { key, decision: "split" }], { onError: (e) => setError(errorPayload(e)) })}
          data-testid="gpo-split-refused"
        >
          Split this match
        </button>
      )}
      {error && <div>{error.message}</div>}
    </div>
  );
}

const STATUS = { exact: "Exact", uncertain: "To review", confirmed: "Confirmed", split: "Split" } as const;
