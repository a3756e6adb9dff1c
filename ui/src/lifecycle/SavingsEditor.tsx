import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, errorPayload } from "../api";
import type { SavingKind, SavingsAndRevenue } from "../bindings";
import { SAVING_KIND_LABELS, SAVING_KIND_VALUES } from "../ipc.gen";
import { fractionToPercent, percentToFraction } from "../components/format";
import { affects, q, useApiMutation } from "../app/query";
import { useReport } from "../components/report";

// A candidate's expected savings and revenue, edited as text and sent to the engine as
// they are typed: every check (negative amounts, escalation, a one-off after the life) is
// the engine's, and its refusal is shown beside the form.

type LineDraft = { kind: SavingKind; label: string; amount: string; escalation: string; oneOff: string };
type Draft = { lines: LineDraft[]; procedures: string; reimbursement: string; revenueEscalation: string };

function draftOf(s: SavingsAndRevenue): Draft {
  return {
    lines: s.savings.map((l) => ({
      kind: l.kind,
      label: l.label ?? "",
      amount: l.amount,
      escalation: fractionToPercent(l.escalation),
      oneOff: l.one_off_year === undefined ? "" : String(l.one_off_year),
    })),
    procedures: s.revenue?.procedures_per_year ?? "",
    reimbursement: s.revenue?.reimbursement ?? "",
    revenueEscalation: s.revenue ? fractionToPercent(s.revenue.escalation) : "",
  };
}

/** The draft as the engine reads it, or the first field that is not a number. */
function inputsOf(d: Draft): SavingsAndRevenue | string {
  const savings = [];
  for (const [i, l] of d.lines.entries()) {
    const escalation = l.escalation.trim() === "" ? "0" : percentToFraction(l.escalation);
    if (escalation === null) return `Saving ${i + 1}: the escalation is not a percentage`;
    const year = l.oneOff.trim();
    if (year !== "" && !/^\d+$/.test(year)) return `Saving ${i + 1}: the one-off year is not a whole number`;
    savings.push({
      kind: l.kind,
      label: l.label.trim(),
      amount: l.amount.trim(),
      escalation,
      ...(year === "" ? {} : { one_off_year: Number(year) }),
    });
  }
  const hasRevenue = d.procedures.trim() !== "" || d.reimbursement.trim() !== "";
  const escalation = d.revenueEscalation.trim() === "" ? "0" : percentToFraction(d.revenueEscalation);
  if (hasRevenue && escalation === null) return "Revenue: the escalation is not a percentage";
  return {
    savings,
    revenue: hasRevenue
      ? { procedures_per_year: d.procedures.trim(), reimbursement: d.reimbursement.trim(), escalation: escalation ?? "0" }
      : null,
  };
}

export function SavingsEditor({ candidateId, currency }: { candidateId: number; currency: string }) {
  const { data } = useQuery(q.candidateSavings(candidateId));
  if (!data) return null;
  return <Form key={candidateId} candidateId={candidateId} currency={currency} initial={draftOf(data)} />;
}

function Form({ candidateId, currency, initial }: { candidateId: number; currency: string; initial: Draft }) {
  const report = useReport();
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useApiMutation(api.setCandidateSavings, affects.savings);

  const setLine = (i: number, patch: Partial<LineDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, lines: d.lines.map((l, k) => (k === i ? { ...l, ...patch } : l)) }));
  };
  const submit = async () => {
    const inputs = inputsOf(draft);
    if (typeof inputs === "string") {
      setError(inputs);
      return;
    }
    try {
      await save.mutateAsync([candidateId, inputs]);
      setError(null);
      setSaved(true);
    } catch (e) {
      const p = errorPayload(e);
      // The message names the field it refuses ("savings[0].amount: ...").
      if (p.kind === "validation" || p.kind === "parse" || p.kind === "conflict") setError(p.message);
      else report(p);
    }
  };

  return (
    <form
      className="savings-editor"
      data-testid="savings-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>Savings and revenue</h4>
      <p className="muted">
        Amounts in {currency}: a yearly saving in year-1 money with its own escalation, or a one-off in a given year (0 is the
        purchase year, e.g. a trade-in not in the quote).
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Label</th>
            <th className="num">Amount</th>
            <th className="num">Escalation %</th>
            <th className="num">One-off year</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.lines.map((l, i) => (
            <tr key={i} data-testid="saving-line">
              <td>
                <select aria-label="Kind" value={l.kind} onChange={(e) => setLine(i, { kind: e.target.value as SavingKind })}>
                  {SAVING_KIND_VALUES.map((k) => (
                    <option key={k} value={k}>
                      {SAVING_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input aria-label="Label" value={l.label} onChange={(e) => setLine(i, { label: e.target.value })} />
              </td>
              <td>
                <input aria-label="Amount" className="num" data-testid="saving-amount" value={l.amount} onChange={(e) => setLine(i, { amount: e.target.value })} />
              </td>
              <td>
                <input aria-label="Escalation %" className="num" value={l.escalation} onChange={(e) => setLine(i, { escalation: e.target.value })} />
              </td>
              <td>
                <input aria-label="One-off year" className="num" placeholder="yearly" value={l.oneOff} onChange={(e) => setLine(i, { oneOff: e.target.value })} />
              </td>
              <td>
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    setSaved(false);
                    setDraft((d) => ({ ...d, lines: d.lines.filter((_, k) => k !== i) }));
                  }}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="small"
        data-testid="saving-add"
        onClick={() => {
          setSaved(false);
          setDraft((d) => ({
            ...d,
            lines: [...d.lines, { kind: "service_contracts", label: "", amount: "", escalation: "", oneOff: "" }],
          }));
        }}
      >
        Add a saving
      </button>
      <div className="revenue-fields">
        <label>
          Procedures a year <input className="num" value={draft.procedures} onChange={(e) => setDraft({ ...draft, procedures: e.target.value })} />
        </label>
        <label>
          Reimbursement of one ({currency}){" "}
          <input className="num" value={draft.reimbursement} onChange={(e) => setDraft({ ...draft, reimbursement: e.target.value })} />
        </label>
        <label>
          Escalation % <input className="num" value={draft.revenueEscalation} onChange={(e) => setDraft({ ...draft, revenueEscalation: e.target.value })} />
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="savings-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" data-testid="savings-save" disabled={save.isPending}>
          Save savings and revenue
        </button>
        {saved && <span className="saved-note">Saved</span>}
      </div>
    </form>
  );
}
