import { useState } from "react";
import { api, errorPayload, openFile, pickPlanPath, revealFile } from "../api";
import type { Paper } from "../bindings";
import { useReport } from "../components/report";

/** The capital plan brief (PDF) or workbook (XLSX) of the planning years, with its scenarios. */
export function ExportPlan({ first, last }: { first: number; last: number }) {
  const report = useReport();
  const [paper, setPaper] = useState<Paper>("a4");
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async (kind: "pdf" | "xlsx") => {
    const path = await pickPlanPath(first, last, kind);
    if (!path) return;
    setBusy(true);
    setSaved(null);
    try {
      setSaved(await api.exportCapitalPlan(first, last, path, paper));
    } catch (e) {
      report(errorPayload(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-brief">
      <div className="row-actions">
        <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)} aria-label="Paper">
          <option value="a4">A4</option>
          <option value="letter">US Letter</option>
        </select>
        <button type="button" className="primary" onClick={() => void run("pdf")} disabled={busy} data-testid="export-plan-brief">
          {busy ? "Exporting…" : "Export plan brief…"}
        </button>
        <button type="button" onClick={() => void run("xlsx")} disabled={busy} data-testid="export-plan-workbook">
          Export workbook…
        </button>
      </div>
      {saved && (
        <div className="subtle">
          Saved {saved.split(/[\\/]/).pop()}{" "}
          <button type="button" className="link-button" onClick={() => void openFile(saved).catch((e) => report(errorPayload(e)))}>
            Open
          </button>{" "}
          <button type="button" className="link-button" onClick={() => void revealFile(saved).catch((e) => report(errorPayload(e)))}>
            Show in folder
          </button>
        </div>
      )}
    </div>
  );
}
