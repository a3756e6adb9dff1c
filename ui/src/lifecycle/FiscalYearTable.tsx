import { useState } from "react";
import { compareDecimal, formatWhole, monthName } from "../components/format";
import type { Row } from "./row";

export function FiscalYearTable({ rows, currency, startMonth }: { rows: Row[]; currency: string; startMonth: number }) {
  const withLc = rows.filter((r) => r.item.lifecycle);
  const [selected, setSelected] = useState<number | null>(withLc[0]?.candidate.id ?? null);
  const row = withLc.find((r) => r.candidate.id === selected) ?? withLc[0];
  const lc = row?.item.lifecycle;
  if (!row || !lc) return null;
  return (
    <div className="fy-block">
      <div className="fy-head">
        <label className="inline-label">
          Candidate{" "}
          <select value={row.candidate.id} onChange={(e) => setSelected(Number(e.target.value))} data-testid="fy-candidate">
            {withLc.map((r) => (
              <option key={r.candidate.id} value={r.candidate.id}>
                {r.item.label}
              </option>
            ))}
          </select>
        </label>
        <span className="subtle">
          Fiscal years start in {monthName(startMonth)} and are named by the calendar year they end in.
        </span>
      </div>
      {lc.fiscal_years.length === 0 ? (
        <p className="muted fy-empty">Set a purchase date to see costs by fiscal year.</p>
      ) : (
        <table className="table fy-table" data-testid="fy-table">
          <thead>
            <tr>
              <th>Fiscal year</th>
              <th className="num">Capital ({currency})</th>
              <th className="num">Operating ({currency})</th>
              <th className="num">Total ({currency})</th>
            </tr>
          </thead>
          <tbody>
            {lc.fiscal_years.map((f) => (
              <tr key={f.fiscal_year}>
                <td>FY{f.fiscal_year}</td>
                <td className="num money">{compareDecimal(f.capital, "0") === 0 ? <span className="muted">—</span> : formatWhole(f.capital)}</td>
                <td className="num money">{compareDecimal(f.operating, "0") === 0 ? <span className="muted">—</span> : formatWhole(f.operating)}</td>
                <td className="num money">{formatWhole(f.total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="total-row">
              <th>Whole life</th>
              <td className="num money">{formatWhole(lc.capital)}</td>
              <td className="num money">{formatWhole(lc.operating)}</td>
              <td className="num money">{formatWhole(lc.nominal_total)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
