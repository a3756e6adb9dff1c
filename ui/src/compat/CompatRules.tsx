import { useEffect, useMemo, useState } from "react";
import { api, errorPayload } from "../api";
import type { CompatRule, ErrorPayload } from "../bindings";
import { ConfirmDialog } from "../components/dialogs";
import { ErrorBanner, useReport } from "../components/report";
import { draftsOf, type RowDraft, type RuleError, ruleErrorOf, rulesOf } from "./compatRulesDraft";
import { RulesHead, RulesTable } from "./RulesTable";
import { useQuery } from "@tanstack/react-query";
import { affects, q, useApiMutation } from "../app/query";

export function CompatRulesEditor({ onDirtyChange }: { onDirtyChange: (dirty: boolean) => void }) {
  const report = useReport();
  const { data: saved } = useQuery(q.compatRules());
  const savedRows = useMemo(() => (saved ? draftsOf(saved) : null), [saved]);
  const [edited, setRows] = useState<RowDraft[] | null>(null);
  const rows = edited ?? savedRows;
  const [error, setError] = useState<RuleError | null>(null);
  const [banner, setBanner] = useState<ErrorPayload | null>(null);
  const saveRules = useApiMutation(api.setCompatRules, affects.compatRules);
  const resetRules = useApiMutation(api.resetCompatRules, affects.compatRules);
  const busy = saveRules.isPending || resetRules.isPending;
  const [justSaved, setJustSaved] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);

  /** Back to the saved rules (after saving, they are the ones just saved). */
  const take = () => {
    setRows(null);
    setError(null);
  };

  const dirty = rows !== null && savedRows !== null && JSON.stringify(rows) !== JSON.stringify(savedRows);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  if (!rows || !saved) return <p className="muted">Loading the rules…</p>;

  const edit = (index: number, change: Partial<RowDraft> | ((r: RowDraft) => RowDraft)) => {
    setRows((rs) => (rs ?? rows).map((r, i) => (i === index ? (typeof change === "function" ? change(r) : { ...r, ...change }) : r)));
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
    setBanner(null);
    try {
      await saveRules.mutateAsync([parsed.rules]);
      take();
      setJustSaved("Rules saved");
    } catch (e) {
      const p = errorPayload(e);
      const at = ruleErrorOf(p);
      if (at) setError(at);
      else setBanner(p);
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
        onRevert={take}
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
            try {
              await resetRules.mutateAsync([]);
              take();
              setJustSaved("Rules reset to the defaults");
            } catch (e) {
              report(errorPayload(e));
            }
          }}
        />
      )}
    </section>
  );
}
