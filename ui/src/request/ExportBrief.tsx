import { useState } from "react";
import { api, errorPayload, openFile, pickBriefPath, pickDataPath, revealFile } from "../api";
import { useExportRequests } from "../app/commands";
import type { BriefExport, Paper } from "../bindings";
import { useReport } from "../components/report";

/** "Export brief": pick paper and file, build the PDF (a second or two), then open it or show it. */
export function ExportBrief({ requestId, title }: { requestId: number; title: string }) {
  const report = useReport();
  const [paper, setPaper] = useState<Paper>("a4");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<BriefExport | null>(null);

  const runData = async () => {
    const path = await pickDataPath(title);
    if (!path) return;
    setBusy(true);
    setDone(null);
    try {
      const saved = await api.exportData(requestId, path);
      setDone({ path: saved, content_hash: "", recommendation: null });
    } catch (e) {
      report(errorPayload(e));
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    const path = await pickBriefPath(title);
    if (!path) return;
    setBusy(true);
    setDone(null);
    try {
      setDone(await api.exportBrief(requestId, path, paper));
    } catch (e) {
      report(errorPayload(e));
    } finally {
      setBusy(false);
    }
  };

  // File ▸ Export Brief… / Export Workbook… (and their shortcuts) press these buttons.
  useExportRequests((kind) => void (kind === "brief" ? run() : runData()), busy);

  return (
    <div className="export-brief">
      <div className="row-actions">
        <label className="inline-label">
          Paper{" "}
          <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)} data-testid="brief-paper">
            <option value="a4">A4</option>
            <option value="letter">US Letter</option>
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy} data-testid="export-brief">
          {busy ? "Building…" : "Export brief…"}
        </button>
        <button type="button" onClick={() => void runData()} disabled={busy} data-testid="export-data" title="Excel workbook (ranking, scores, lifecycle, funding) or CSV of the ranking">
          Export workbook…
        </button>
      </div>
      {busy && <div className="progress-indeterminate" role="progressbar" aria-label="Building the brief" />}
      {done && (
        <div className="info-note export-done" data-testid="brief-done">
          Saved to <code>{done.path}</code>
          {done.recommendation ? <> · recommends {done.recommendation}</> : null}
          {done.content_hash ? <> · inputs {done.content_hash}</> : null}{" "}
          <button type="button" className="small" onClick={() => void openFile(done.path).catch((e) => report(errorPayload(e)))}>
            Open
          </button>{" "}
          <button type="button" className="small" onClick={() => void revealFile(done.path).catch((e) => report(errorPayload(e)))}>
            Show in folder
          </button>
        </div>
      )}
    </div>
  );
}
