import type { CompatRule, Severity } from "../bindings";
import { AREA_LABEL, describeCheck, SEVERITIES, SEVERITY_LABEL } from "./compat";
import type { RowDraft, RowField, RuleError } from "./compatRulesDraft";

/** One rule of the table: on or off, its severity, points and remediation, edited in place. */
export function RuleRow({
  r,
  invalid,
  rowError,
  setRule,
  edit,
}: {
  r: RowDraft;
  invalid: (f: RowField) => boolean;
  rowError: boolean;
  setRule: (patch: Partial<CompatRule>) => void;
  edit: (change: Partial<RowDraft>) => void;
}) {
  const k = r.rule.key;
  return (
  <tr
    className={`${r.rule.enabled ? "" : "rule-off"}${rowError ? " row-error" : ""}`}
    data-testid={`rule-row-${k}`}
  >
    <td className="on-col">
      <input
        type="checkbox"
        checked={r.rule.enabled}
        aria-label={`Rule “${r.rule.title}” on`}
        onChange={(e) => setRule({ enabled: e.target.checked })}
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
        onChange={(e) => setRule({ severity: e.target.value as Severity })}
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
        className={`num points-input${invalid("points") ? " invalid" : ""}`}
        inputMode="numeric"
        value={r.points}
        aria-label={`Points of “${r.rule.title}”`}
        onChange={(e) => edit({ points: e.target.value })}
        data-testid={`rule-points-${k}`}
      />
    </td>
    <td className="num">
      <input
        className={`num cost-input${invalid("remediation_cost") ? " invalid" : ""}`}
        inputMode="decimal"
        value={r.cost}
        placeholder="none"
        aria-label={`Remediation cost of “${r.rule.title}”`}
        onChange={(e) => edit({ cost: e.target.value })}
        data-testid={`rule-cost-${k}`}
      />
    </td>
    <td>
      <input
        className={`remedy-input${invalid("remediation") ? " invalid" : ""}`}
        value={r.rule.remediation}
        placeholder={r.cost.trim() ? "What the remediation is" : ""}
        aria-label={`Remediation of “${r.rule.title}”`}
        onChange={(e) => setRule({ remediation: e.target.value })}
      />
    </td>
  </tr>
  );
}

export function RulesHead({
  enabled,
  total,
  justSaved,
  dirty,
  busy,
  onRevert,
  onReset,
  onSave,
}: {
  enabled: number;
  total: number;
  justSaved: string | null;
  dirty: boolean;
  busy: boolean;
  onRevert: () => void;
  onReset: () => void;
  onSave: () => void;
}) {
  return (
    <div className="section-head">
      <h2 id="rules-title">Compatibility rules</h2>
      <span className="method">
        {enabled} of {total} rules on
      </span>
      <div className="row-actions push-right">
        {justSaved && !dirty && (
          <span className="saved-note" data-testid="rules-saved" role="status">
            {justSaved}
          </span>
        )}
        {dirty && <span className="dirty-note">Unsaved changes</span>}
        <button type="button" disabled={!dirty || busy} onClick={onRevert}>
          Revert
        </button>
        <button type="button" className="danger-quiet" disabled={busy} onClick={onReset} data-testid="rules-reset">
          Reset to defaults
        </button>
        <button type="button" className="primary" disabled={!dirty || busy} onClick={onSave} data-testid="rules-save">
          {busy ? "Saving…" : "Save rules"}
        </button>
      </div>
    </div>
  );
}

/** The rule table, by area. */
export function RulesTable({
  rows,
  error,
  setRule,
  edit,
}: {
  rows: RowDraft[];
  error: RuleError | null;
  setRule: (index: number, patch: Partial<CompatRule>) => void;
  edit: (index: number, change: Partial<RowDraft>) => void;
}) {
  const cellError = (i: number, f: RowField) => error?.index === i && error.field === f;
  return (
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
            <RuleRow
              key={k}
              r={r}
              invalid={(f) => cellError(i, f)}
              rowError={error?.index === i}
              setRule={(patch) => setRule(i, patch)}
              edit={(change) => edit(i, change)}
            />,
          ];
        })}
      </tbody>
    </table>
  );
}
