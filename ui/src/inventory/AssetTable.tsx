import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { AssetQuery, AssetRow } from "../bindings";
import { q } from "../app/query";
import { EmptyState } from "../components/display";

/** Rows fetched at a time; the table asks for the chunks its window shows, and no more. */
const CHUNK = 200;
const ROW_HEIGHT = 30;
const VIEW_ROWS = 18;

export type AssetFilter = Omit<AssetQuery, "offset" | "limit">;

/** One chunk of rows, loaded when the window reaches it. */
function useChunk(filter: AssetFilter, chunk: number) {
  return useQuery(q.assetPage({ ...filter, offset: chunk * CHUNK, limit: CHUNK }));
}

function fmt(n: number | null, digits: number): string {
  return n === null ? "—" : n.toFixed(digits);
}

/**
 * The inventory as a virtualised table: however many assets match (200,000 in a large
 * hospital), only the rows in view are in the page, read a chunk at a time from the engine
 * in the order it sorts them. Arrow keys move the focused row; Space ticks it; Enter opens it.
 */
export function AssetTable({
  filter,
  selected,
  onToggle,
  focused,
  onFocus,
}: {
  filter: AssetFilter;
  selected: ReadonlySet<string>;
  onToggle: (asset: string) => void;
  focused: string | null;
  onFocus: (asset: string) => void;
}) {
  const [top, setTop] = useState(0);
  const [cursor, setCursor] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const first = Math.floor(top / ROW_HEIGHT);
  const chunkA = Math.floor(first / CHUNK);
  const chunkB = Math.floor((first + VIEW_ROWS) / CHUNK);
  const a = useChunk(filter, chunkA);
  const b = useChunk(filter, chunkB);
  const total = a.data?.total ?? 0;
  const rowAt = (i: number): AssetRow | undefined => {
    const page = Math.floor(i / CHUNK) === chunkA ? a.data : b.data;
    return page?.rows[i - (page?.offset ?? 0)];
  };
  const visible = Array.from({ length: Math.min(VIEW_ROWS + 2, Math.max(0, total - first)) }, (_, k) => first + k);
  const move = (to: number) => {
    const i = Math.max(0, Math.min(total - 1, to));
    setCursor(i);
    const el = box.current;
    if (el && (i * ROW_HEIGHT < el.scrollTop || (i + 1) * ROW_HEIGHT > el.scrollTop + el.clientHeight)) {
      el.scrollTop = Math.max(0, i * ROW_HEIGHT - ROW_HEIGHT * 3);
    }
    const row = rowAt(i);
    if (row) onFocus(row.asset_number);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const row = rowAt(cursor);
    if (e.key === "ArrowDown") move(cursor + 1);
    else if (e.key === "ArrowUp") move(cursor - 1);
    else if (e.key === "PageDown") move(cursor + VIEW_ROWS);
    else if (e.key === "PageUp") move(cursor - VIEW_ROWS);
    else if (e.key === " " && row) onToggle(row.asset_number);
    else if (e.key === "Enter" && row) onFocus(row.asset_number);
    else return;
    e.preventDefault();
  };
  if (a.data && total === 0) {
    const filtered = filter.search.trim() !== "" || filter.department !== null;
    return (
      <EmptyState title={filtered ? "No asset matches" : "No assets yet"}>
        <p data-testid="inventory-empty">
          {filtered
            ? "No asset of the inventory matches the search or the department chosen."
            : "Import the equipment inventory your CMMS exports (CSV or XLSX) with Import…: its columns are mapped, every value is checked, and nothing is saved until you confirm."}
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="asset-table" data-testid="asset-table">
      <div className="asset-row asset-head" role="row">
        <span />
        <span>Asset</span>
        <span>Device type</span>
        <span>Manufacturer · model</span>
        <span>Department</span>
        <span className="num">Age (y)</span>
        <span className="num">MEL %</span>
        <span className="num">Priority</span>
        <span>Why</span>
      </div>
      <div
        ref={box}
        className="asset-scroll"
        style={{ height: ROW_HEIGHT * VIEW_ROWS }}
        onScroll={(e) => setTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        role="grid"
        aria-rowcount={total}
        aria-label="Assets"
        onKeyDown={onKey}
        data-testid="asset-scroll"
      >
        <div style={{ height: total * ROW_HEIGHT, position: "relative" }}>
          {visible.map((i) => {
            const row = rowAt(i);
            const cls = ["asset-row", i === cursor ? "asset-cursor" : "", row && row.asset_number === focused ? "asset-focused" : "", row?.retired ? "muted" : ""];
            return (
              <div
                key={i}
                className={cls.join(" ")}
                role="row"
                aria-rowindex={i + 1}
                style={{ position: "absolute", top: i * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}
                onClick={() => {
                  setCursor(i);
                  if (row) onFocus(row.asset_number);
                }}
                data-testid={row ? `asset-row-${row.asset_number}` : undefined}
              >
                {row ? (
                  <>
                    <span>
                      <input
                        type="checkbox"
                        aria-label={`Select ${row.asset_number}`}
                        checked={selected.has(row.asset_number)}
                        onChange={() => onToggle(row.asset_number)}
                        onClick={(e) => e.stopPropagation()}
                        data-testid={`asset-select-${row.asset_number}`}
                      />
                    </span>
                    <span className="mono">{row.asset_number}</span>
                    <span>{row.device_type ?? "—"}</span>
                    <span>{[row.manufacturer, row.model].filter(Boolean).join(" · ") || "—"}</span>
                    <span>{row.department ?? "—"}</span>
                    <span className="num">{fmt(row.age_years, 1)}</span>
                    <span className="num">{fmt(row.mel_percent, 0)}</span>
                    <span className="num" data-testid={`asset-score-${row.asset_number}`}>
                      {row.score === null ? "—" : row.score.toFixed(1)}
                    </span>
                    <span className="asset-why" title={row.explanation}>
                      {row.explanation}
                    </span>
                  </>
                ) : (
                  <span className="muted">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <p className="muted small" data-testid="asset-count">
        {total.toLocaleString()} asset{total === 1 ? "" : "s"}
        {selected.size > 0 ? ` · ${selected.size} selected` : ""}
      </p>
    </div>
  );
}
