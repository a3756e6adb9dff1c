import { useState } from "react";
import { api, errorPayload, openFile, pickGroupPath, revealFile } from "../api";
import { useExportRequests } from "../app/commands";
import type { Paper } from "../bindings";
import { useReport } from "../components/report";
import type { GroupSetup } from "./state";

/** "Export negotiation brief…" and "Export workbook…": the engine reads the members again and writes the file. */
export function ExportGroup({ setup, contentHash }: { setup: GroupSetup; contentHash: string }) {
  const report = useReport();
  const [paper, setPaper] = useState<Paper>("a4");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const run = async (kind: "pdf" | "xlsx") => {
    const path = await pickGroupPath(kind);
    if (!path) return;
    setBusy(true);
    setDone(null);
    try {
      setDone(
        kind === "pdf"
          ? await api.exportGroupBrief(setup.members, setup.workspace, setup.options, path, paper)
          : await api.exportGroupWorkbook(setup.members, setup.workspace, setup.options, path),
      );
    } catch (e) {
      report(errorPayload(e));
    } finally {
      setBusy(false);
    }
  };

  // File ▸ Export Brief… / Export Workbook… (and their shortcuts) press these buttons.
  useExportRequests((kind) => void run(kind === "brief" ? "pdf" : "xlsx"), busy);

  return (
    <div className="export-brief">
      <div className="row-actions">
        <label className="inline-label">
          Paper{" "}
          <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)} data-testid="gpo-paper">
            <option value="a4">A4</option>
            <option value="letter">US Letter</option>
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void run("pdf")} disabled={busy} data-testid="gpo-export-brief">
          {busy ? "Building…" : "Export negotiation brief…"}
        </button>
        <button type="button" onClick={() => void run("xlsx")} disabled={busy} data-testid="gpo-export-workbook">
          Export workbook…
        </button>
      </div>
      {done && (
        <div className="info-note export-done" data-testid="gpo-export-done">
          Saved to <code>{done}</code> · inputs {contentHash}{" "}
          <button type="button" className="small" onClick={() => void openFile(done).catch((e) => report(errorPayload(e)))}>
            Open
          </button>{" "}
          <button type="button" className="small" onClick={() => void revealFile(done).catch((e) => report(errorPayload(e)))}>
            Show in folder
          </button>
        </div>
      )}
    </div>
  );
}
