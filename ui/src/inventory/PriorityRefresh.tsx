import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorPayload } from "../api";
import { affects } from "../app/query";
import { useReport } from "../components/report";

/**
 * Computes every asset's replacement priority again (after an import, new settings or
 * recalls), with its progress; the table keeps scrolling meanwhile.
 */
export function PriorityRefresh({ onDone }: { onDone?: (summary: string) => void }) {
  const client = useQueryClient();
  const report = useReport();
  const [share, setShare] = useState<number | null>(null);
  const run = async () => {
    setShare(0);
    try {
      const r = await api.refreshPriorities((p) => setShare(p.done / Math.max(1, p.total)));
      onDone?.(`${r.scored.toLocaleString()} of ${r.assets.toLocaleString()} active assets scored.`);
    } catch (e) {
      report(errorPayload(e));
    } finally {
      setShare(null);
      await client.invalidateQueries({ predicate: (query) => (affects.inventory as readonly unknown[]).includes(query.queryKey[0]) });
    }
  };
  return share === null ? (
    <button type="button" onClick={run} data-testid="refresh-priorities" title="Compute every asset's replacement priority as of today">
      Recompute priorities
    </button>
  ) : (
    <span className="inline-label" style={{ minWidth: 160 }} role="status" aria-label="Computing priorities">
      <span className="progress" style={{ width: 120, display: "inline-block" }}>
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </span>{" "}
      {Math.round(share * 100)} %
    </span>
  );
}
