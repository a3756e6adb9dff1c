import type { Demand, Standardisation } from "../bindings";
import { formatAmount } from "../components/format";

const amount = (a: string | null) => (a === null ? "—" : formatAmount(a));

/**
 * Per device type (FDA product code): the models each member runs, the group's
 * best-ranked model, and each member's lifecycle cost of its own choice against it.
 */
export function StandardisationSection({ s }: { s: Standardisation }) {
  if (s.types.length === 0) return null;
  return (
    <section className="subsection" data-testid="gpo-standardisation">
      <div className="section-head">
        <h2>Standardisation</h2>
        <span className="subtle">Lifecycle costs nominal, over each member's expected life, in {s.currency}.</span>
      </div>
      {s.types.map((t) => (
        <div key={t.product_code} className="gpo-type">
          <h3>
            <span className="code">{t.product_code}</span> {t.device_name ?? ""}
            <span className="subtle">
              {" "}
              · {t.group_models} model{t.group_models === 1 ? "" : "s"} in the group
              {t.standard && (
                <>
                  {" "}
                  · best-ranked: <strong>{t.standard.label}</strong> ({t.standard.first_places} first place
                  {t.standard.first_places === 1 ? "" : "s"}, median {formatAmount(t.standard.median_price)})
                </>
              )}
            </span>
          </h3>
          <table className="table compact-table">
            <thead>
              <tr>
                <th>Member</th>
                <th>Models it runs</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {t.members.map((m) => (
                <tr key={m.member}>
                  <td>{m.member}</td>
                  <td>{m.models.join(", ")}</td>
                  <td className="subtle">{m.source === "inventory" ? "its inventory" : "its requests"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {t.costs.length > 0 && (
            <table className="table compact-table" data-testid="gpo-standard-costs">
              <thead>
                <tr>
                  <th>Member</th>
                  <th>Request</th>
                  <th>Its choice</th>
                  <th className="num">Units</th>
                  <th className="num">Life</th>
                  <th className="num">Its choice's cost</th>
                  <th className="num">The standard's</th>
                  <th className="num">Difference</th>
                </tr>
              </thead>
              <tbody>
                {t.costs.map((c) => (
                  <tr key={`${c.member}|${c.request}`}>
                    <td>{c.member}</td>
                    <td>{c.request}</td>
                    <td>{c.own_model}</td>
                    <td className="num">{c.quantity}</td>
                    <td className="num">{c.life_years === null ? "—" : `${c.life_years} y`}</td>
                    <td className="num money">{amount(c.own_cost)}</td>
                    <td className="num money">{amount(c.standard_cost)}</td>
                    <td className="num money strong">{amount(c.difference)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
      <p className="subtle">
        Difference: the standard's cost minus the member's own choice; below zero, standardising saves. “—”: neither quote's cost model
        states an expected life, so no lifecycle cost is computed.
      </p>
    </section>
  );
}

/** Units quoted per model and fiscal year, with each member committee's ranking. */
export function DemandSection({ d }: { d: Demand }) {
  if (d.models.length === 0) return null;
  return (
    <section className="subsection" data-testid="gpo-demand">
      <div className="section-head">
        <h2>Aggregate demand</h2>
        <span className="subtle">Units quoted to the members; a request quoted for several models counts under each (options, not orders).</span>
      </div>
      <table className="table compact-table">
        <thead>
          <tr>
            <th>Model</th>
            <th className="num">FY</th>
            <th className="num">Units quoted</th>
            <th className="num">First places</th>
            <th>Members' rankings</th>
          </tr>
        </thead>
        <tbody>
          {d.models.map((m) => (
            <tr key={`${m.key}|${m.fiscal_year}`}>
              <td className="strong">{m.label}</td>
              <td className="num">{m.fiscal_year}</td>
              <td className="num">{m.quantity}</td>
              <td className="num">{m.first_places}</td>
              <td>
                {m.preferences
                  .map((p) => `${p.member}: ${p.rank === null ? "unranked" : `#${p.rank}`}${p.score === null ? "" : ` (${p.score} pts)`}`)
                  .join(" · ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table compact-table">
        <thead>
          <tr>
            <th>Product code</th>
            <th className="num">FY</th>
            <th className="num">Units requested</th>
            <th className="num">Requests</th>
            <th>Members</th>
          </tr>
        </thead>
        <tbody>
          {d.types.map((t) => (
            <tr key={`${t.product_code}|${t.fiscal_year}`}>
              <td className="code">{t.product_code}</td>
              <td className="num">{t.fiscal_year}</td>
              <td className="num">{t.requested_quantity}</td>
              <td className="num">{t.requests}</td>
              <td>{t.members.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
