import { useCallback, useEffect, useState } from "react";
import { api, errorPayload } from "../api";
import type { CompatRule, ErrorPayload, Severity } from "../bindings";
import { AREA_LABEL, describeCheck, SEVERITIES, SEVERITY_LABEL } from "./compat";
import { ConfirmDialog } from "../components/dialogs";
import { ErrorBanner, useReport } from "../components/report";

interface RowDraft {
  rule: CompatRule;
  points: string;
  cost: string;
}

type RowField = "points" | "remediation_cost" | "title" | "remediation" | "severity" | "key" | "mds2";
interface RuleError {
  index: number;
  field: RowField | null;
  message: string;
}

function draftsOf(rules: CompatRule[]): RowDraft[] {
  return rules.map((rule) => ({ rule, points: String(rule.points), cost: rule.remediation_cost ?? "" }));
}

/** The drafts as rules, or the first row that does not parse. */
function rulesOf(rows: RowDraft[]): { rules: CompatRule[] } | { error: RuleError } {
  const out: CompatRule[] = [];
  for (const [index, r] of rows.entries()) {
    const pts = r.points.trim();
    if (!/^\d+$/.test(pts) || Number(pts) > 100) {
      return { error: { index, field: "points", message: "Points are a whole number from 0 to 100." } };
    }
    const cost = r.cost.trim().replace(/,/g, "");
    if (cost !== "" && !/^(\d+(\.\d*)?|\.\d+)$/.test(cost)) {
      return { error: { index, field: "remediation_cost", message: "Enter an amount such as 15000 or 2500.50, or leave it empty for none." } };
    }
    out.push({ ...r.rule, points: Number(pts), remediation_cost: cost === "" ? null : cost, remediation: r.rule.remediation.trim() });
  }
  return { rules: out };
}

/** A backend error about the table ("rules[3].rule 'ehr.hl7v2'.points") as the row and column it names. */
function ruleErrorOf(p: ErrorPayload): RuleError | null {
  if (p.kind !== "validation" || !p.field) return null;
  const m = /\[(\d+)\]/.exec(p.field);
  if (!m) return null;
  const last = p.field.split(".").pop() ?? "";
  const known: RowField[] = ["points", "remediation_cost", "title", "remediation", "severity", "key", "mds2"];
  return { index: Number(m[1]), field: (known as string[]).includes(last) ? (last as RowField) : null, message: p.message };
}

export function CompatRulesEditor({ onDirtyChange }: { onDirtyChange: (dirty: boolean) => void }) {
  const report = useReport();
  const [saved, setSaved] = useState<CompatRule[] | null>(null);
  const [rows, setRows] = useState<RowDraft[] | null>(null);
  const [error, setError] = useState<RuleError | null>(null);
  const [banner, setBanner] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [justSaved, setJustSaved] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);

  const take = useCallback((rules: CompatRule[]) => {
    setSaved(rules);
    setRows(draftsOf(rules));
    setError(null);
  }, []);

  useEffect(() => {
    api
      .getCompatRules()
      .then(take)
      .catch((e: unknown) => report(errorPayload(e)));
  }, [take, report]);

  const dirty = rows !== null && saved !== null && JSON.stringify(rows) !== JSON.stringify(draftsOf(saved));
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  if (!rows || !saved) return <p className="muted">Loading the rules…</p>;

  const edit = (index: number, change: Partial<RowDraft> | ((r: RowDraft) => RowDraft)) => {
    setRows((rs) => rs && rs.map((r, i) => (i === index ? (typeof change === "function" ? change(r) : { ...r, ...change }) : r)));
    if (error?.index === index) setError(null);
    setJustSaved(null);
  };
  const setRule = (index: number, patch: Partial<CompatRule>) =>
    edit(index, (r) => ({ ...r, rule: { ...r.rule, ...patch } as CompatRule }));

  const save = async () => {
    const parsed = rulesOf(rows);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    setBusy(true);
    setBanner(null);
    try {
      take(await api.setCompatRules(parsed.rules));
      setJustSaved("Rules saved");
    } catch (e) {
      const p = errorPayload(e);
      const at = ruleErrorOf(p);
      if (at) setError(at);
      else setBanner(p);
    } finally {
      setBusy(false);
    }
  };

  const errorRow = error ? rows[error.index] : undefined;
  const cellError = (i: number, f: RowField) => error?.index === i && error.field === f;
  const enabled = rows.filter((r) => r.rule.enabled).length;

  return (
    <section className="rules-editor" aria-labelledby="rules-title">
      <div className="section-head">
        <h2 id="rules-title">Compatibility rules</h2>
        <span className="method">
          {enabled} of {rows.length} rules on
        </span>
        <div className="row-actions push-right">
          {justSaved && !dirty && (
            <span className="saved-note" data-testid="rules-saved" role="status">
              {justSaved}
            </span>
          )}
          {dirty && <span className="dirty-note">Unsaved changes</span>}
          <button type="button" disabled={!dirty || busy} onClick={() => take(saved)}>
            Revert
          </button>
          <button type="button" className="danger-quiet" disabled={busy} onClick={() => setConfirmReset(true)} data-testid="rules-reset">
            Reset to defaults
          </button>
          <button type="button" className="primary" disabled={!dirty || busy} onClick={() => void save()} data-testid="rules-save">
            {busy ? "Saving…" : "Save rules"}
          </button>
        </div>
      </div>
      <p className="muted">
        The checks every candidate goes through, for all requests in this portfolio. A gap has the rule’s severity; its
        points weigh in the area’s score; its remediation cost (in the request’s currency) is added to the candidate’s IT
        integration cost. Good-practice rules read from the MDS2 form only cost points, never a gap.
      </p>
      {banner && <ErrorBanner error={banner} onDismiss={() => setBanner(null)} />}
      {error && (
        <div className="inline-problem" role="alert" data-testid="rules-error">
          <strong>
            Rule {error.index + 1}
            {errorRow ? ` “${errorRow.rule.title}”` : ""}:
          </strong>{" "}
          {error.message}
        </div>
      )}
      <table className="table rules-table">
        <thead>
          <tr>
            <th className="on-col">On</th>
            <th>Rule</th>
            <th>What it checks</th>
            <th>Severity</th>
            <th className="num">Points</th>
            <th className="num">Remediation cost</th>
            <th>Remediation</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const prev = rows[i - 1];
            const head =
              !prev || prev.rule.area !== r.rule.area ? (
                <tr className="group-row" key={`area-${i}`}>
                  <th colSpan={7} scope="rowgroup">
                    {AREA_LABEL[r.rule.area]}
                  </th>
                </tr>
              ) : null;
            const k = r.rule.key;
            return [
              head,
              <tr
                key={k}
                className={`${r.rule.enabled ? "" : "rule-off"}${error?.index === i ? " row-error" : ""}`}
                data-testid={`rule-row-${k}`}
              >
                <td className="on-col">
                  <input
                    type="checkbox"
                    checked={r.rule.enabled}
                    aria-label={`Rule “${r.rule.title}” on`}
                    onChange={(e) => setRule(i, { enabled: e.target.checked })}
                    data-testid={`rule-enabled-${k}`}
                  />
                </td>
                <td className="rule-title">
                  <span className="strong">{r.rule.title}</span>
                  <div className="subtle code">{k}</div>
                </td>
                <td className="rule-check">{describeCheck(r.rule)}</td>
                <td>
                  <select
                    value={r.rule.severity}
                    aria-label={`Severity of “${r.rule.title}”`}
                    onChange={(e) => setRule(i, { severity: e.target.value as Severity })}
                    className={`sev-select sev-select-${r.rule.severity}`}
                    data-testid={`rule-severity-${k}`}
                  >
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {SEVERITY_LABEL[s]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="num">
                  <input
                    className={`num points-input${cellError(i, "points") ? " invalid" : ""}`}
                    inputMode="numeric"
                    value={r.points}
                    aria-label={`Points of “${r.rule.title}”`}
                    onChange={(e) => edit(i, { points: e.target.value })}
                    data-testid={`rule-points-${k}`}
                  />
                </td>
                <td className="num">
                  <input
                    className={`num cost-input${cellError(i, "remediation_cost") ? " invalid" : ""}`}
                    inputMode="decimal"
                    value={r.cost}
                    placeholder="none"
                    aria-label={`Remediation cost of “${r.rule.title}”`}
                    onChange={(e) => edit(i, { cost: e.target.value })}
                    data-testid={`rule-cost-${k}`}
                  />
                </td>
                <td>
                  <input
                    className={`remedy-input${cellError(i, "remediation") ? " invalid" : ""}`}
                    value={r.rule.remediation}
                    placeholder={r.cost.trim() ? "What the remediation is" : ""}
                    aria-label={`Remediation of “${r.rule.title}”`}
                    onChange={(e) => setRule(i, { remediation: e.target.value })}
                  />
                </td>
              </tr>,
            ];
          })}
        </tbody>
      </table>
      {confirmReset && (
        <ConfirmDialog
          title="Reset the rules"
          message="Replace the whole rule table with Caliper’s defaults? Your severities, points, remediation costs and switched-off rules are lost, and every request’s compatibility is checked again."
          confirmLabel="Reset to defaults"
          onCancel={() => setConfirmReset(false)}
          onConfirm={async () => {
            setConfirmReset(false);
            setBusy(true);
            try {
              take(await api.resetCompatRules());
              setJustSaved("Rules reset to the defaults");
            } catch (e) {
              report(errorPayload(e));
            } finally {
              setBusy(false);
            }
          }}
        />
      )}
    </section>
  );
}
