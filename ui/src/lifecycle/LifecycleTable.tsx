import { candidateColor, compareDecimal, formatAmount, formatMoney, formatWhole } from "../components/format";
import type { Row } from "./row";

/** How the candidates are compared when their expected lives differ (or not). */
export function LivesNote({ unequal, costed }: { unequal: boolean; costed: Row[] }) {
  const lives = costed.map((r) => r.item.lifecycle?.expected_life_years ?? 0);
  const minLife = Math.min(...lives);
  const maxLife = Math.max(...lives);
  return unequal ? (
    <div className="info-note" data-testid="lives-note">
      <strong>
        Expected lives differ ({minLife} to {maxLife} years):
      </strong>{" "}
      candidates are compared on equivalent annual cost, not NPV.
    </div>
  ) : (
    <div className="info-note" data-testid="lives-note">
      Compared on equivalent annual cost; with equal lives NPV ranks the same.
    </div>
  );
}

/** The lowest equivalent annual cost among the costed candidates. */
function lowestEac(rows: Row[]): string | null {
  let lowest: string | null = null;
  for (const r of rows) {
    const eac = r.item.lifecycle?.eac;
    if (eac !== undefined && (lowest === null || compareDecimal(eac, lowest) < 0)) lowest = eac;
  }
  return lowest;
}

/** One row per candidate: its lifecycle figures, or why it has none. */
export function LifecycleTable({
  rows,
  editCost,
  currency,
  onEdit,
}: {
  rows: Row[];
  editCost: number | null;
  currency: string;
  onEdit: (candidateId: number) => void;
}) {
  const lowest = lowestEac(rows);
  return (
    <table className="table lifecycle-table">
      <thead>
        <tr>
          <th>Candidate</th>
          <th className="num">Expected life</th>
          <th className="num">Capital, year 0</th>
          <th className="num">Nominal total</th>
          <th className="num">NPV</th>
          <th className="num eac-col">EAC per year</th>
          <th className="num">Cost per use</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ candidate, index, item }) => {
          const l = item.lifecycle;
          const best = l !== null && lowest !== null && compareDecimal(l.eac, lowest) === 0;
          return (
            <tr
              key={candidate.id}
              data-testid="lifecycle-row"
              data-candidate-id={candidate.id}
              className={`${best ? "leader" : ""}${!l ? " unranked" : ""}${editCost === candidate.id ? " row-active" : ""}`}
            >
              <td>
                <i className="swatch swatch-line" style={{ background: l ? candidateColor(index) : "#c6cdd6" }} />
                <span className="strong">{item.label}</span>
                {compareDecimal(item.remediation, "0") > 0 && (
                  <div className="subtle remediation-note" data-testid={`lifecycle-remediation-${candidate.id}`}>
                    includes {formatMoney({ amount: item.remediation, currency })} compatibility remediation in IT integration
                  </div>
                )}
              </td>
              {l ? (
                <>
                  <td className="num">{l.expected_life_years} years</td>
                  <td className="num money">{formatWhole(l.capital)}</td>
                  <td className="num money">{formatWhole(l.nominal_total)}</td>
                  <td className="num money">{formatWhole(l.npv)}</td>
                  <td className="num money eac-col">
                    {best && (
                      <span className="flag flag-best" title="Lowest equivalent annual cost">
                        lowest
                      </span>
                    )}
                    <span className="eac">{formatWhole(l.eac)}</span>
                  </td>
                  <td className="num money">{l.cost_per_use === null ? <span className="muted">—</span> : formatAmount(l.cost_per_use)}</td>
                </>
              ) : (
                <td colSpan={6} className="problem-cell">
                  <span className="flag flag-missing">{item.problem ?? "no lifecycle cost"}</span>
                  <span className="subtle"> unranked until its cost model is entered and valid</span>
                </td>
              )}
              <td className="actions">
                <button
                  type="button"
                  className={`small${l ? "" : " primary"}`}
                  data-testid={`edit-cost-${candidate.id}`}
                  onClick={() => onEdit(candidate.id)}
                >
                  {l || !/^no cost model/.test(item.problem ?? "") ? "Edit cost model" : "Add cost model"}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
