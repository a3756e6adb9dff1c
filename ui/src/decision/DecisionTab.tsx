import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api";
import type { Decision } from "../bindings";
import { EmptyState } from "../components/display";
import { OUTCOME_LABELS } from "../ipc.gen";
import type { RequestData } from "../request/useRequestData";
import { DecisionForm } from "./DecisionForm";

function DecisionCard({ d }: { d: Decision }) {
  const rows: [string, string][] = [["Decision", `${OUTCOME_LABELS[d.outcome]} on ${d.decided_on}`]];
  if (d.outcome === "approved") rows.push(["Chosen candidate", d.candidate]);
  if (d.top_ranked) rows.push(["Ranked first", d.top_ranked + (d.overrules_ranking ? " (the committee chose otherwise)" : "")]);
  if (d.deferred_to !== null) rows.push(["Deferred to", `FY${d.deferred_to}`]);
  if (d.rationale) rows.push(["Rationale", d.rationale]);
  if (d.votes) rows.push(["Votes", `${d.votes.for} for, ${d.votes.against} against, ${d.votes.abstain} abstaining`]);
  if (d.conditions.length) rows.push(["Conditions", d.conditions.join("; ")]);
  if (d.attendees.length) rows.push(["Attendees", d.attendees.join(", ")]);
  if (d.recorded_by) rows.push(["Recorded by", d.recorded_by]);
  return (
    <dl className="kv" data-testid="decision-latest">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The committee's decision on the request, its history, and recording a new decision. */
export function DecisionTab({ data }: { data: RequestData }) {
  const id = data.request.id;
  const decisions = useQuery({ queryKey: ["request_decisions", id], queryFn: () => api.requestDecisions(id) });
  const history = useQuery({ queryKey: ["request_history", id], queryFn: () => api.requestHistory(id) });
  const [editing, setEditing] = useState(false);
  const latest = decisions.data?.at(-1) ?? null;
  return (
    <>
      <div className="section-head">
        <h2>Committee decision</h2>
        {!editing && (
          <button type="button" className="primary" onClick={() => setEditing(true)} data-testid="decision-record">
            {latest ? "Record a new decision…" : "Record the decision…"}
          </button>
        )}
      </div>
      {editing && <DecisionForm data={data} onDone={() => setEditing(false)} />}
      {latest ? (
        <DecisionCard d={latest} />
      ) : (
        !editing && (
          <EmptyState title="No decision recorded yet">
            <p className="muted">
              Record what the committee decided: approved with the chosen candidate, deferred to a fiscal year, or rejected, with the
              reasons. The brief prints it.
            </p>
          </EmptyState>
        )
      )}
      <h3 className="subsection">History</h3>
      {(history.data ?? []).length === 0 ? (
        <p className="muted">No decisions or status changes recorded yet.</p>
      ) : (
        <table className="table" data-testid="decision-history">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>By</th>
              <th>Change</th>
            </tr>
          </thead>
          <tbody>
            {(history.data ?? []).map((h, i) => (
              <tr key={`${h.at}-${i}`}>
                <td>{h.at.replace("T", " ").replace("Z", "")}</td>
                <td>{h.by}</td>
                <td>{h.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
