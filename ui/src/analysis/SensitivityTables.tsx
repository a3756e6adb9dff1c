import type { SensitivityResult } from "../bindings";
import { percent, percentWhole } from "../components/format";
import { ellipsize } from "../charts/chart";
import type { Names } from "./sensitivity";

// The sensitivity tables; every figure comes from run_sensitivity and is only formatted.

export function heat(p: number): { background?: string; color?: string } {
  if (p <= 0) return {};
  return { background: `rgba(31, 92, 138, ${(0.07 + 0.83 * p).toFixed(3)})`, color: p > 0.5 ? "#fff" : undefined };
}

export function AcceptabilityTable({ result, names }: { result: SensitivityResult; names: Names }) {
  const n = result.alternatives.length;
  return (
    <table className="table heat-table" data-testid="acceptability-table">
      <thead>
        <tr>
          <th>Candidate (best first now)</th>
          {Array.from({ length: n }, (_, r) => (
            <th key={r} className="heat-col">
              Rank {r + 1}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.acceptability.map((a) => (
          <tr key={a.alternative} data-alternative={a.alternative}>
            <th scope="row" className="heat-name">
              <i className="swatch swatch-line" style={{ background: names.color(a.alternative) }} />
              {a.name}
            </th>
            {a.ranks.map((p, r) => (
              <td
                key={r}
                className={`num heat-cell${p <= 0 ? " heat-zero" : ""}`}
                style={heat(p)}
                title={`${a.name} ranks ${r + 1} in ${percent(p)} of the sampled weightings`}
              >
                {percentWhole(p)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CentralWeightsTable({ result, names }: { result: SensitivityResult; names: Names }) {
  const max = Math.max(
    1e-9,
    ...result.weights,
    ...result.acceptability.flatMap((a) => a.central_weights ?? []),
  );
  const cell = (w: number | undefined, color: string) =>
    w === undefined ? (
      <span className="muted">—</span>
    ) : (
      <span className="cw">
        <span className="cw-bar">
          <span style={{ width: `${(w / max) * 100}%`, background: color }} />
        </span>
        <span className="cw-num">{percent(w)}</span>
      </span>
    );
  return (
    <table className="table central-table">
      <thead>
        <tr>
          <th>Criterion</th>
          <th className="cw-col">Committee’s weights</th>
          {result.acceptability.map((a) => (
            <th key={a.alternative} className="cw-col" title={a.name}>
              {ellipsize(a.name, 34)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.criterion_names.map((name, k) => (
          <tr key={result.criteria[k] ?? k}>
            <th scope="row" className="crit-name">
              {name}
            </th>
            <td className="cw-col">{cell(result.weights[k], "#8d97a3")}</td>
            {result.acceptability.map((a) => (
              <td key={a.alternative} className="cw-col">
                {a.central_weights ? cell(a.central_weights[k], names.color(a.alternative)) : k === 0 ? <span className="muted">never first</span> : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="total-row">
          <th colSpan={2} title="Share of draws of the scores' uncertainty that it wins with its central weights">
            Confidence factor
          </th>
          {result.acceptability.map((a) => (
            <td key={a.alternative} className="cw-col">
              {a.confidence === null ? <span className="muted">—</span> : percentWhole(a.confidence)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

export function BreakEvenTable({ result, names }: { result: SensitivityResult; names: Names }) {
  return (
    <table className="table breakeven-table" data-testid="breakeven-table">
      <thead>
        <tr>
          <th>Criterion</th>
          <th className="num">Current weight</th>
          <th className="num">Break-even weight</th>
          <th>Leads below</th>
          <th>Leads above</th>
        </tr>
      </thead>
      <tbody>
        {result.one_way.map((s) =>
          s.break_even.length === 0 ? (
            <tr key={s.criterion} className="be-none">
              <th scope="row" className="crit-name">
                {s.name}
              </th>
              <td className="num">{percent(s.current_weight)}</td>
              <td className="num muted">none</td>
              <td colSpan={2} className="muted">
                No weight from 0 to 100 % changes first place
              </td>
            </tr>
          ) : (
            s.break_even.map((b, i) => (
              <tr key={`${s.criterion}-${i}`}>
                {i === 0 && (
                  <>
                    <th scope="row" className="crit-name" rowSpan={s.break_even.length}>
                      {s.name}
                    </th>
                    <td className="num" rowSpan={s.break_even.length}>
                      {percent(s.current_weight)}
                    </td>
                  </>
                )}
                <td className="num strong">{percent(b.weight)}</td>
                <td>
                  <i className="swatch swatch-line" style={{ background: names.color(b.leader_below) }} />
                  {names.name(b.leader_below)}
                </td>
                <td>
                  <i className="swatch swatch-line" style={{ background: names.color(b.leader_above) }} />
                  {names.name(b.leader_above)}
                </td>
              </tr>
            ))
          ),
        )}
      </tbody>
    </table>
  );
}
