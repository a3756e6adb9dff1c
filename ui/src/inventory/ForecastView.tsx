import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { save as saveDialog } from "@tauri-apps/plugin-dialog";
import { api, errorPayload } from "../api";
import type { ForecastRow, ForecastSettings, ReplacementForecast } from "../bindings";
import { NOT_FORECAST_REASON_LABELS } from "../ipc.gen";
import { niceStep, tickLabel } from "../charts/chart";
import { useReport } from "../components/report";
import { q } from "../app/query";
import { formatAmount } from "../components/format";
import { useDebounced } from "../components/useDebounced";

/** The spend of each fiscal year as bars (geometry only; the figures are the engine's). */
function YearBars({ f }: { f: ReplacementForecast }) {
  const values = f.years.map((y) => Number(y.total));
  const max = Math.max(1, ...values);
  const step = niceStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const [w, h, left, bottom] = [640, 200, 60, 24];
  const bw = (w - left) / Math.max(1, f.years.length);
  return (
    <svg className="chart" style={{ maxWidth: 760 }} viewBox={`0 0 ${w} ${h + bottom}`} role="img" aria-label="Replacement spend by fiscal year" data-testid="forecast-chart">
      {Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step).map((t) => (
        <g key={t}>
          <line x1={left} x2={w} y1={h - (t / top) * (h - 10)} y2={h - (t / top) * (h - 10)} stroke="#eceff3" />
          <text x={left - 6} y={h - (t / top) * (h - 10) + 4} textAnchor="end" fontSize="10" fill="#4a5665">
            {tickLabel(t)}
          </text>
        </g>
      ))}
      {f.years.map((y, i) => {
        const bh = (Number(y.total) / top) * (h - 10);
        return (
          <g key={y.fiscal_year}>
            <rect x={left + i * bw + bw * 0.15} y={h - bh} width={bw * 0.7} height={bh} fill="#1f5c8a">
              <title>{`FY${y.fiscal_year}: ${formatAmount(y.total)} for ${y.assets.length} assets`}</title>
            </rect>
            <text x={left + i * bw + bw / 2} y={h + 16} textAnchor="middle" fontSize="11" fill="#1d2733">
              FY{y.fiscal_year}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function RowsTable({ title, f, rows }: { title: string; f: ReplacementForecast; rows: ForecastRow[] }) {
  return (
    <table className="table" style={{ marginTop: 12 }}>
      <thead>
        <tr>
          <th>{title}</th>
          {f.years.map((y) => (
            <th key={y.fiscal_year} className="num">
              FY{y.fiscal_year}
            </th>
          ))}
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name ?? ""}>
            <td>{r.name ?? <span className="muted">not stated</span>}</td>
            {f.years.map((y) => (
              <td key={y.fiscal_year} className="num">
                {formatAmount(r.cells.find((c) => c.fiscal_year === y.fiscal_year)?.amount ?? "0")}
              </td>
            ))}
            <td className="num">{formatAmount(r.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The replacement spend forecast: each active asset replaced at the end of its expected life
 * (or at once when its priority reaches the threshold), at its purchase price inflated by the
 * price index, by fiscal year, department and device type; exportable to XLSX or CSV.
 */
export function ForecastView() {
  const { data: stored } = useQuery(q.inventorySettings());
  return stored ? <Forecast stored={stored.forecast} /> : <p className="muted">Loading…</p>;
}

/** The forecast, its assumptions starting from the portfolio's stored ones. */
function Forecast({ stored }: { stored: ForecastSettings }) {
  const report = useReport();
  const [years, setYears] = useState(String(stored.years));
  const [index, setIndex] = useState(stored.price_index);
  const [threshold, setThreshold] = useState(stored.threshold ?? "");
  const settings: ForecastSettings = {
    ...stored,
    years: Number(years) || stored.years,
    price_index: index.trim() || "0",
    threshold: threshold.trim() || null,
  };
  const shown = useDebounced(settings, 300);
  const { data: f, error } = useQuery({
    queryKey: ["replacement_forecast", shown],
    queryFn: () => api.replacementForecast(shown),
    placeholderData: (p) => p,
    meta: { inlineError: true },
  });
  const exportTo = async () => {
    const path = await saveDialog({
      filters: [
        { name: "Excel workbook", extensions: ["xlsx"] },
        { name: "CSV", extensions: ["csv"] },
      ],
      defaultPath: "Replacement forecast.xlsx",
    });
    if (!path) return;
    try {
      await api.exportForecast(settings, path);
    } catch (e) {
      report(errorPayload(e));
    }
  };
  return (
    <div data-testid="forecast-view">
      <div className="inventory-toolbar">
        <label className="inline-label">
          Years <input className="num" style={{ width: "4em" }} value={years} onChange={(e) => setYears(e.target.value)} data-testid="forecast-years" />
        </label>
        <label className="inline-label" title="The annual price index, e.g. 0.03 for 3 % a year">
          Price index / year <input className="num" style={{ width: "5em" }} value={index} onChange={(e) => setIndex(e.target.value)} data-testid="forecast-index" />
        </label>
        <label className="inline-label" title="Assets whose priority is at or over this are replaced in the first year">
          Replace at once from priority <input className="num" style={{ width: "4em" }} value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder="—" />
        </label>
        <button type="button" onClick={exportTo} disabled={!f} data-testid="forecast-export">
          Export…
        </button>
      </div>
      {error && <p className="inline-problem">{errorPayload(error).message}</p>}
      {f && (
        <>
          <p data-testid="forecast-total">
            FY{f.first_year}–FY{f.last_year}: <strong>{formatAmount(f.total)}</strong> in all; {f.beyond_horizon} assets reach the end of their life later.
          </p>
          <YearBars f={f} />
          <RowsTable title="Department" f={f} rows={f.by_department} />
          <RowsTable title="Device type" f={f} rows={f.by_device_type} />
          {f.not_forecast.map((n) => (
            <p key={n.reason} className="muted small">
              Not forecast — {NOT_FORECAST_REASON_LABELS[n.reason]}: {n.count} asset{n.count === 1 ? "" : "s"}.
            </p>
          ))}
        </>
      )}
    </div>
  );
}
