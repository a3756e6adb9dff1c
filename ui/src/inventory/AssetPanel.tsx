import { useQuery } from "@tanstack/react-query";
import { q } from "../app/query";
import type { AssetDetail } from "../bindings";
import { FACTOR_LABELS, WORK_ORDER_KIND_LABELS } from "../ipc.gen";
import { hrefOf } from "../app/route";

function Row({ label, value, testId }: { label: string; value: string | null | undefined; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value ?? <span className="muted">not known</span>}</dd>
    </>
  );
}

/** Why an asset ranks where it does: its score's factors, its data and its history. */
export function AssetPanel({ assetNumber }: { assetNumber: string }) {
  const { data, error } = useQuery(q.assetDetail(assetNumber));
  if (error) return <p className="inline-problem">This asset cannot be shown.</p>;
  if (!data) return <p className="muted">Loading…</p>;
  return <Detail d={data} />;
}

function Detail({ d }: { d: AssetDetail }) {
  const a = d.asset;
  const p = d.priority;
  const wo = d.work_orders;
  return (
    <div data-testid={`asset-panel-${a.asset_number}`}>
      <h3>
        {a.asset_number} · {a.device_type ?? "device type not known"}
      </h3>
      <p className="muted">
        {[a.manufacturer, a.model, a.serial ? `S/N ${a.serial}` : null].filter(Boolean).join(" · ")}
        {a.status === "retired" ? " · retired" : ""}
      </p>
      {p && (
        <>
          <p>
            <strong data-testid="asset-panel-score">{p.score === null ? "No score" : `Priority ${p.score}`}</strong>
          </p>
          <p data-testid="asset-panel-explanation">{p.explanation}</p>
          {p.factors.map((f) => (
            <div key={f.factor} style={{ marginBottom: 6 }} title={`${f.weight} points of weight; ${f.contribution} points of the score`}>
              <div className="small">
                {FACTOR_LABELS[f.factor]}: {f.value}
              </div>
              <div className="factor-bar">
                <span style={{ width: `${Number(f.severity) * 100}%` }} />
              </div>
            </div>
          ))}
          {p.missing.length > 0 && <p className="muted small">Not known: {p.missing.map((m) => FACTOR_LABELS[m]).join(", ")}.</p>}
        </>
      )}
      <dl>
        <Row label="Department" value={[a.department, a.facility].filter(Boolean).join(", ") || null} />
        <Row label="Acquired" value={a.acquisition_date && `${a.acquisition_date}${a.acquisition_cost ? ` for ${a.acquisition_cost}` : ""}`} />
        <Row label="Age" value={p?.age_years && `${p.age_years} years${p.expected_life_years ? ` of ${p.expected_life_years}` : ""}`} />
        <Row label="Maintenance" value={p?.maintenance_cost && `${p.maintenance_cost}${p.mel_percent ? ` (MEL ${p.mel_percent} %)` : ""}`} />
        <Row label="Failures / year" value={p?.failures_per_year} />
        <Row label="End of support" value={a.end_of_support} />
        <Row label="EM number" value={p?.em?.toString()} />
        <Row label="Network / OS" value={a.network_connected === null ? null : `${a.network_connected ? "connected" : "not connected"}${a.operating_system ? `, ${a.operating_system}` : ""}`} />
        <Row
          label="FDA code"
          value={a.product_code && (d.product ? `${a.product_code}: ${d.product.device_name} (class ${d.product.device_class}, 21 CFR ${d.product.regulation})` : `${a.product_code} — ${d.product_warning}`)}
          testId="asset-panel-fda"
        />
      </dl>
      {d.recalls.length > 0 && (
        <div className="inline-problem" data-testid="asset-panel-recalls">
          {d.recalls.map((r) => (
            <p key={r.id}>
              Recall {r.id} ({r.status || "status not given"}): {r.reason}
            </p>
          ))}
        </div>
      )}
      {d.requests.length > 0 && (
        <p>
          Replaced by{" "}
          {d.requests.map(([id, title]) => (
            <a key={id} href={hrefOf({ page: "request", id, tab: null })}>
              {title}
            </a>
          ))}
        </p>
      )}
      <h4>Work orders ({wo.length})</h4>
      {wo.length === 0 ? (
        <p className="muted small">None imported.</p>
      ) : (
        <table className="mapping-grid">
          <tbody>
            {wo.slice(-12).reverse().map((w, i) => (
              <tr key={`${w.number ?? ""}-${i}`}>
                <td>{w.date}</td>
                <td>{WORK_ORDER_KIND_LABELS[w.kind]}</td>
                <td className="num">{[w.parts_cost, w.vendor_cost].filter(Boolean).join(" + ") || "—"}</td>
                <td className="num">{w.downtime_hours ? `${w.downtime_hours} h down` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
