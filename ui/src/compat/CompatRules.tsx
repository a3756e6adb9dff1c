import { useCallback, useEffect, useState } from "react";
import { api, errorPayload } from "../api";
import type { CompatRule, ErrorPayload } from "../bindings";
import { ConfirmDialog } from "../components/dialogs";
import { ErrorBanner, useReport } from "../components/report";
import { draftsOf, type RowDraft, type RuleError, ruleErrorOf, rulesOf } from "./compatRulesDraft";
import { RulesHead, RulesTable } from "./RulesTable";

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
  const enabled = rows.filter((r) => r.rule.enabled).length;

  return (
    <section className="rules-editor" aria-labelledby="rules-title">
      <RulesHead
        enabled={enabled}
        total={rows.length}
        justSaved={justSaved}
        dirty={dirty}
        busy={busy}
        onRevert={() => take(saved)}
        onReset={() => setConfirmReset(true)}
        onSave={() => void save()}
      />
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
      <RulesTable rows={rows} error={error} setRule={setRule} edit={edit} />
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
