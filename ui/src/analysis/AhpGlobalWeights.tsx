import type { WeightedCriterion } from "../bindings";
import { familyColor, percent } from "../components/format";

/** A criterion's pairwise weight: its category's weight times its local weight. */
export interface GlobalRow {
  c: WeightedCriterion;
  category: string;
  family: number;
  j: number;
  n: number;
  cw: number | null;
  lw: number | null;
  global: number | null;
}

/** The weights the judgements give every criterion, beside the current shares, and the Apply button. */
export function AhpGlobalWeights({
  rows,
  total,
  complete,
  inconsistent,
  applied,
  onApply,
}: {
  rows: GlobalRow[];
  total: number;
  complete: boolean;
  inconsistent: boolean;
  applied: boolean;
  onApply: () => void;
}) {
  return (
    <section className="ahp-group" data-testid="ahp-global">
      <h3>Resulting weights</h3>
      <p className="muted">A criterion’s weight is its category’s weight times its local weight within the category.</p>
      <table className="table ahp-global-table">
        <thead>
          <tr>
            <th>Criterion</th>
            <th className="num">Category weight</th>
            <th className="num">Local weight</th>
            <th className="share-col">Pairwise weight</th>
            <th className="num">Current share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.c.id}>
              <td>
                <span className="strong">{r.c.name}</span> <span className="subtle">{r.category}</span>
              </td>
              <td className="num">{r.cw === null ? "—" : percent(r.cw)}</td>
              <td className="num">{r.lw === null ? "—" : percent(r.lw)}</td>
              <td className="share-col">
                <span className="mini-bar">
                  <span style={{ width: `${(r.global ?? 0) * 100}%`, background: familyColor(r.family, r.j, r.n) }} />
                </span>
                <span className="share-num strong" data-testid={`ahp-global-${r.c.id}`}>
                  {r.global === null ? "—" : percent(r.global)}
                </span>
              </td>
              <td className="num muted">{total > 0 ? percent(r.c.share) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="primary" disabled={!complete} onClick={onApply} data-testid="ahp-apply">
          Apply these weights
        </button>
        {inconsistent && complete && <span className="ahp-warning-inline">Some judgements are inconsistent; review them before applying.</span>}
        {applied && <span className="ahp-ok">Applied: the criteria now carry these weights (as raw weights summing to 100).</span>}
      </div>
    </section>
  );
}
