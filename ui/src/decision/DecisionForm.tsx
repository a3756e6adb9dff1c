import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorPayload, fieldName } from "../api";
import type { DecisionInput, ErrorPayload, Outcome } from "../bindings";
import { Field } from "../components/fields";
import { ErrorBanner } from "../components/report";
import { OUTCOME_LABELS, OUTCOME_VALUES } from "../ipc.gen";
import type { RequestData } from "../request/useRequestData";

const USER_KEY = "caliper.user";

/** Lines of a textarea, blank ones dropped. */
function lines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

function wholeOrNull(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/**
 * Records the committee's decision. The rules (a chosen candidate to approve, a reason to
 * overrule the ranking, defer or reject, a later fiscal year) are the engine's: its refusal
 * is shown beside the field it names.
 */
export function DecisionForm({ data, onDone }: { data: RequestData; onDone: () => void }) {
  const client = useQueryClient();
  const top = data.ranking?.candidates.find((c) => c.rank === 1)?.candidate_id ?? null;
  const [outcome, setOutcome] = useState<Outcome>("approved");
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [candidate, setCandidate] = useState<string>(top === null ? "" : String(top));
  const [rationale, setRationale] = useState("");
  const [deferredTo, setDeferredTo] = useState(String(data.request.fiscal_year + 1));
  const [votes, setVotes] = useState({ for: "", against: "", abstain: "" });
  const [conditions, setConditions] = useState("");
  const [attendees, setAttendees] = useState("");
  const [by, setBy] = useState(() => localStorage.getItem(USER_KEY) ?? "");
  const [error, setError] = useState<ErrorPayload | null>(null);

  const save = useMutation({
    mutationFn: (input: DecisionInput) => api.recordDecision(data.request.id, input),
    onSuccess: () => {
      localStorage.setItem(USER_KEY, by.trim());
      void client.invalidateQueries();
      onDone();
    },
    onError: (e) => setError(errorPayload(e)),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const anyVotes = [votes.for, votes.against, votes.abstain].some((v) => v.trim() !== "");
    const f = wholeOrNull(votes.for);
    const a = wholeOrNull(votes.against);
    const ab = wholeOrNull(votes.abstain);
    if (anyVotes && (f === null || a === null || ab === null)) {
      setError({ kind: "validation", field: "votes", message: "Votes are three whole numbers: for, against, abstaining." });
      return;
    }
    save.mutate({
      outcome,
      decided_on: date,
      candidate_id: outcome === "approved" && candidate ? Number(candidate) : null,
      rationale,
      deferred_to: outcome === "deferred" ? wholeOrNull(deferredTo) : null,
      votes: anyVotes && f !== null && a !== null && ab !== null ? { for: f, against: a, abstain: ab } : null,
      conditions: lines(conditions),
      attendees: lines(attendees),
      recorded_by: by,
    });
  };
  const field = fieldName(error ?? { kind: "validation", field: null, message: "" });
  const at = (name: string) => (error && field && (field === name || field.startsWith(`${name}[`) || field.startsWith(`${name}.`)) ? error.message : undefined);
  const overruling = outcome === "approved" && top !== null && candidate !== "" && Number(candidate) !== top;

  return (
    <form className="form" onSubmit={onSubmit} data-testid="decision-form">
      {error && !field && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div className="field-row">
        <Field label="Decision" error={at("outcome")}>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)} data-testid="decision-outcome">
            {OUTCOME_VALUES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Decided on" error={at("decided_on")}>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </Field>
        {outcome === "approved" && (
          <Field label="Chosen candidate" error={at("candidate_id")}>
            <select value={candidate} onChange={(e) => setCandidate(e.target.value)} data-testid="decision-candidate">
              <option value="">Choose…</option>
              {data.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.manufacturer} {c.model}
                  {c.id === top ? " (ranked first)" : ""}
                </option>
              ))}
            </select>
          </Field>
        )}
        {outcome === "deferred" && (
          <Field label="Deferred to fiscal year" error={at("deferred_to")}>
            <input inputMode="numeric" value={deferredTo} onChange={(e) => setDeferredTo(e.target.value)} />
          </Field>
        )}
      </div>
      <Field
        label="Rationale"
        error={at("rationale")}
        hint={overruling ? "Required: the committee is choosing another candidate than the ranking's first." : outcome !== "approved" ? "Required: say why." : undefined}
        wide
      >
        <textarea rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} data-testid="decision-rationale" />
      </Field>
      <div className="field-row">
        {(["for", "against", "abstain"] as const).map((k) => (
          <Field key={k} label={`Votes ${k === "abstain" ? "abstaining" : k}`} error={at(`votes`)}>
            <input inputMode="numeric" value={votes[k]} onChange={(e) => setVotes({ ...votes, [k]: e.target.value })} />
          </Field>
        ))}
      </div>
      <div className="field-row">
        <Field label="Conditions (one per line)" error={at("conditions")} wide>
          <textarea rows={2} value={conditions} onChange={(e) => setConditions(e.target.value)} />
        </Field>
        <Field label="Attendees (one per line)" error={at("attendees")} wide>
          <textarea rows={2} value={attendees} onChange={(e) => setAttendees(e.target.value)} />
        </Field>
      </div>
      <Field label="Recorded by" error={at("recorded_by")}>
        <input value={by} onChange={(e) => setBy(e.target.value)} placeholder="Your name" />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending} data-testid="decision-save">
          {save.isPending ? "Recording…" : "Record decision"}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
