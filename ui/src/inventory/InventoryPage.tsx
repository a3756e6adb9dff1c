import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { AssetSort } from "../bindings";
import { ASSET_SORT_LABELS, ASSET_SORT_VALUES } from "../ipc.gen";
import { q } from "../app/query";
import { useDebounced } from "../components/useDebounced";
import { AssetPanel } from "./AssetPanel";
import { ForecastView } from "./ForecastView";
import { ImportWizard } from "./ImportWizard";
import { RecallImport } from "./RecallImport";
import { type AssetFilter, AssetTable } from "./AssetTable";
import { PriorityRefresh } from "./PriorityRefresh";
import { PrioritySettingsDialog } from "./PrioritySettingsDialog";
import { RequestFromAssets } from "./RequestFromAssets";

/**
 * The installed base: every asset of the inventory with its replacement priority, sorted and
 * filtered by the engine; the focused asset's explanation and history beside the table.
 */
export function InventoryPage() {
  const [search, setSearch] = useState("");
  const debounced = useDebounced(search, 250);
  const [department, setDepartment] = useState<string | null>(null);
  const [sort, setSort] = useState<AssetSort>("priority");
  const [descending, setDescending] = useState(true);
  const [includeRetired, setIncludeRetired] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [importing, setImporting] = useState(false);
  const [view, setView] = useState<"assets" | "forecast">("assets");
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { data: departments } = useQuery(q.assetDepartments());
  const filter: AssetFilter = { sort, descending, search: debounced, department, include_retired: includeRetired };
  const toggle = (asset: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(asset)) next.delete(asset);
      else next.add(asset);
      return next;
    });
  return (
    <section data-testid="inventory-page">
      <div className="page-head">
        <div>
          <h1>Inventory</h1>
          <p className="muted">The installed base, ranked by replacement priority: what to replace next, and why.</p>
        </div>
        <div className="row-actions">
          <button type="button" onClick={() => setImporting(true)} data-testid="inventory-import">
            Import…
          </button>
          <RecallImport onDone={setNotice} />
          <button type="button" onClick={() => setEditing(true)} title="Weights, labour rate and expected lives" data-testid="priority-settings-open">
            Settings…
          </button>
          <PriorityRefresh onDone={setNotice} />
          <button
            type="button"
            className="primary"
            disabled={selected.size === 0}
            onClick={() => setOpening(true)}
            title="Open a capital request that replaces the ticked assets"
            data-testid="request-from-selected"
          >
            New request from {selected.size || "ticked"} asset{selected.size === 1 ? "" : "s"}
          </button>
        </div>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="inventory-notice">
          {notice}
        </p>
      )}
      {importing && (
        <ImportWizard
          onClose={() => setImporting(false)}
          onDone={(summary) => {
            setImporting(false);
            setNotice(summary);
          }}
        />
      )}
      {editing && (
        <PrioritySettingsDialog
          onClose={() => setEditing(false)}
          onSaved={(summary) => {
            setEditing(false);
            setNotice(summary);
          }}
        />
      )}
      {opening && <RequestFromAssets assets={[...selected]} onClose={() => setOpening(false)} />}
      <div className="tabs" role="tablist" style={{ marginBottom: 10 }}>
        {(["assets", "forecast"] as const).map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? "tab tab-active" : "tab"} onClick={() => setView(v)} data-testid={`inventory-view-${v}`}>
            {v === "assets" ? "Assets by priority" : "Replacement forecast"}
          </button>
        ))}
      </div>
      {view === "forecast" ? (
        <ForecastView />
      ) : (
        <>
      <div className="inventory-toolbar">
        <input
          type="search"
          placeholder="Find asset, type, model, serial, department…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Find assets"
          data-testid="asset-search"
        />
        <select value={department ?? ""} onChange={(e) => setDepartment(e.target.value || null)} aria-label="Department" data-testid="asset-department">
          <option value="">All departments</option>
          {(departments ?? []).map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <label className="inline-label">
          Sort by{" "}
          <select value={sort} onChange={(e) => setSort(e.target.value as AssetSort)} data-testid="asset-sort">
            {ASSET_SORT_VALUES.map((s) => (
              <option key={s} value={s}>
                {ASSET_SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setDescending((d) => !d)} aria-label={descending ? "Highest first" : "Lowest first"} data-testid="asset-direction">
          {descending ? "↓ Highest first" : "↑ Lowest first"}
        </button>
        <label className="inline-label">
          <input type="checkbox" checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)} /> Retired too
        </label>
      </div>
      <div className={focused ? "inventory-layout" : "inventory-layout inventory-layout-wide"}>
        <AssetTable filter={filter} selected={selected} onToggle={toggle} focused={focused} onFocus={setFocused} />
        {focused && (
          <aside className="asset-panel" data-testid="asset-panel">
            <button type="button" className="link-button" style={{ float: "right" }} onClick={() => setFocused(null)} aria-label="Close the asset panel">
              ✕
            </button>
            <AssetPanel assetNumber={focused} />
          </aside>
        )}
      </div>
        </>
      )}
    </section>
  );
}
