import type { CategoryCriteria, Criterion } from "../bindings";
import { isCompatSource } from "../compat/compat";
import { familyColor, percent } from "../components/format";
import { WeightInput } from "./WeightInput";

/** The categories' shares of the total weight as one bar, with its legend. */
export function CategoryShareBar({ tree }: { tree: CategoryCriteria[] }) {
  return (
    <div className="share-bar-wrap" aria-label="Category shares">
      <div className="share-bar">
        {tree.map((t, i) => {
          const s = t.share;
          return s > 0 ? (
            <div
              key={t.category.id}
              className="share-seg"
              style={{ width: `${s * 100}%`, background: familyColor(i) }}
              title={`${t.category.name}: ${percent(s)}`}
            >
              {s >= 0.1 ? percent(s) : ""}
            </div>
          ) : null;
        })}
      </div>
      <div className="share-legend">
        {tree.map((t, i) => (
          <span key={t.category.id}>
            <i className="swatch" style={{ background: familyColor(i) }} />
            {t.category.name} {percent(t.share)}
          </span>
        ))}
        <span className="share-total">Total {percent(1)}</span>
      </div>
    </div>
  );
}

/** The criteria by category, each with its weight (edited in place) and its share. */
export function CriteriaTable({
  tree,
  total,
  onAdd,
  onEdit,
  onDelete,
}: {
  tree: CategoryCriteria[];
  /** The sum of every raw weight, from the engine. */
  total: number;
  onAdd: (categoryId: number) => void;
  onEdit: (c: Criterion) => void;
  onDelete: (c: Criterion) => void;
}) {
  return (
    <table className="table criteria-table">
      <thead>
        <tr>
          <th>Criterion</th>
          <th>Kind</th>
          <th>Direction</th>
          <th className="num">Weight</th>
          <th className="share-col">Share</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      {tree.map((t, i) => (
        <tbody key={t.category.id}>
          <tr className="group-row">
            <th colSpan={3} scope="rowgroup">
              <i className="swatch" style={{ background: familyColor(i) }} />
              {t.category.name}
            </th>
            <td className="num">{formatWeight(t.weight)}</td>
            <td className="share-col strong">{percent(t.share)}</td>
            <td className="actions">
              <button type="button" className="small" onClick={() => onAdd(t.category.id)}>
                Add
              </button>
            </td>
          </tr>
          {t.criteria.length === 0 && (
            <tr>
              <td colSpan={6} className="muted indent">
                No criteria in this category.
              </td>
            </tr>
          )}
          {t.criteria.map((c, j) => (
            <tr key={c.id}>
              <td className="indent">
                <span className="strong">{c.name}</span>
                {c.description && <div className="subtle">{c.description}</div>}
              </td>
              <td>
                {c.kind === "judged" ? "Judged 1–5" : c.source !== "entered" ? "Computed" : `Measured, ${c.unit}`}
                {c.source === "lifecycle_cost" && <div className="subtle">EAC, {c.unit}</div>}
                {isCompatSource(c.source) && <div className="subtle">from the compatibility check, 0–100</div>}
              </td>
              <td>
                <span className={`dir dir-${c.direction}`}>{c.direction === "benefit" ? "Benefit ↑" : "Cost ↓"}</span>
              </td>
              <td className="num">
                <WeightInput criterion={c} />
              </td>
              <td className="share-col">
                <span className="mini-bar">
                  <span style={{ width: `${c.share * 100}%`, background: familyColor(i, j, t.criteria.length) }} />
                </span>
                <span className="share-num">{percent(c.share)}</span>
              </td>
              <td className="actions">
                <button type="button" className="small" onClick={() => onEdit(c)}>
                  Edit
                </button>
                <button type="button" className="small danger-quiet" onClick={() => onDelete(c)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      ))}
      <tfoot>
        <tr className="total-row">
          <th colSpan={3}>Total</th>
          <td className="num">{formatWeight(total)}</td>
          <td className="share-col strong">{total > 0 ? percent(1) : "—"}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

function formatWeight(w: number): string {
  return w.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
