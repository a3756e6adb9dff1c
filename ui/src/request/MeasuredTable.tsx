import type { Candidate, Criterion, Measurement, RequestRanking } from "../bindings";
import { formatValue } from "../components/format";
import { isCompatSource } from "../compat/compat";
import { MeasurementInput } from "./ScoringInputs";

/** The measured criteria: values typed in, or computed from the lifecycle cost or the compatibility check. */
export function MeasuredTable({
  requestId,
  measured,
  cands,
  ranking,
  measurements,
}: {
  requestId: number;
  measured: Criterion[];
  cands: Candidate[];
  ranking: RequestRanking | null;
  measurements: Measurement[];
}) {
  // The ranking's value of a computed criterion (an f64 EAC, shown, never summed).
  const computedValue = (candId: number, critId: number, unit: string): string => {
    const cell = ranking?.candidates.find((c) => c.candidate_id === candId)?.cells.find((x) => x.criterion_id === critId);
    if (cell?.value != null) return formatValue(Math.round(cell.value), unit);
    return ranking?.missing.find((m) => m.candidate_id === candId && m.criterion_id === critId)?.reason ?? "—";
  };
  return (
    <>
      <h3 className="subsection">Measured criteria</h3>
      <p className="muted">
        Values from data (quotes, MDS2 forms, the site IT profile). Saved on Enter or when you leave the field; empty means missing.
      </p>
      <table className="table measure-grid">
        <thead>
          <tr>
            <th>Measured criterion</th>
            {cands.map((c) => (
              <th key={c.id} className="cand-col">
                <div className="strong">{c.manufacturer}</div>
                <div>{c.model}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {measured.map((crit) => (
            <tr key={crit.id}>
              <th scope="row" className="crit-name">
                {crit.name}
                <div className="subtle">{crit.direction === "cost" ? "Lower is better" : "Higher is better"}</div>
                {isCompatSource(crit.source) && (
                  <div className="subtle">
                    Computed from the compatibility check, 0–100: edit device profiles and MDS2 forms in the{" "}
                    <a href={`#/request/${requestId}/compatibility`}>Compatibility tab</a>.
                  </div>
                )}
                {crit.source === "lifecycle_cost" && (
                  <div className="subtle">
                    Computed: edit the cost models in the <a href={`#/request/${requestId}/lifecycle`}>Lifecycle cost tab</a>.
                  </div>
                )}
              </th>
              {cands.map((cand) =>
                crit.source === "lifecycle_cost" ? (
                  <td key={cand.id} className="computed-cell">
                    <span className="subtle">computed from lifecycle cost</span>
                    <div className="computed-value">{computedValue(cand.id, crit.id, crit.unit)}</div>
                  </td>
                ) : isCompatSource(crit.source) ? (
                  <td key={cand.id} className="computed-cell" data-testid={`computed-${crit.id}-${cand.id}`}>
                    <span className="subtle">computed</span>
                    <div className="computed-value">{computedValue(cand.id, crit.id, crit.unit)}</div>
                  </td>
                ) : (
                  <td key={cand.id}>
                    <MeasurementInput
                      candidate={cand}
                      criterion={crit}
                      saved={measurements.find((m) => m.candidate_id === cand.id && m.criterion_id === crit.id)?.value ?? null}
                     
                    />
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
