import { useQueryClient } from "@tanstack/react-query";
import { api, errorPayload, pickRecallFile } from "../api";
import { affects } from "../app/query";
import { useReport } from "../components/report";

/**
 * Imports an openFDA device recall file the user downloaded, matches its recalls to the
 * assets (product code, then manufacturer and model), and computes the priorities again.
 */
export function RecallImport({ onDone }: { onDone: (summary: string) => void }) {
  const client = useQueryClient();
  const report = useReport();
  const run = async () => {
    const path = await pickRecallFile();
    if (!path) return;
    try {
      const matches = await api.importRecalls(path);
      await api.refreshPriorities(() => {});
      const assets = new Set(matches.map((m) => m.asset_number)).size;
      onDone(`Recalls imported: ${assets} asset${assets === 1 ? "" : "s"} under a recall.`);
    } catch (e) {
      report(errorPayload(e));
    } finally {
      await client.invalidateQueries({ predicate: (q) => (affects.inventory as readonly unknown[]).includes(q.queryKey[0]) });
    }
  };
  return (
    <button type="button" onClick={run} title="Import an FDA device recall file (openFDA JSON) and flag the assets it concerns" data-testid="recall-import">
      Import recalls…
    </button>
  );
}
