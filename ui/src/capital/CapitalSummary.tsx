import { useState } from "react";
import { api, errorPayload, openFile, pickSummaryPath, revealFile } from "../api";
import type { Paper } from "../bindings";
import { useReport } from "../components/report";

/** The capital summary of a fiscal year as a PDF: requests by score against the year's budget. */
export function CapitalSummary({ years }: { years: number[] }) {
  const report = useReport();
  const [year, setYear] = useState<number | null>(years[0] ?? null);
  const [budget, setBudget] = useState("");
  const [paper, setPaper] = useState<Paper>("a4");
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [budgetError, setBudgetError] = useState<string | null>(null);
  if (year === null) return null;

  const run = async () => {
    const path = await pickSummaryPath(year);
    if (!path) return;
    setBusy(true);
    setSaved(null);
    setBudgetError(null);
    try {
      setSaved(await api.exportCapitalSummary(year, budget.trim() === "" ? null : budget, path, paper));
    } catch (e) {
      const p = errorPayload(e);
      if (p.field === "budget") setBudgetError(p.message);
      else report(p);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="capital-summary">
      <span className="strong">Capital summary</span>
      <label className="inline-label">
        Fiscal year{" "}
        <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              FY{y}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-label">
        Budget{" "}
        <input
          className={`num${budgetError ? " invalid" : ""}`}
          value={budget}
          placeholder="optional"
          inputMode="decimal"
          onChange={(e) => setBudget(e.target.value)}
          aria-invalid={budgetError ? true : undefined}
          style={{ width: "9em" }}
        />
      </label>
      <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)} aria-label="Paper">
        <option value="a4">A4</option>
        <option value="letter">US Letter</option>
      </select>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? "Building…" : "Export summary…"}
      </button>
      {budgetError && (
        <span className="inline-error" role="alert">
          {budgetError}
        </span>
      )}
      {saved && (
        <span className="muted">
          Saved to <code>{saved}</code>{" "}
          <button type="button" className="small" onClick={() => void openFile(saved).catch((e) => report(errorPayload(e)))}>
            Open
          </button>{" "}
          <button type="button" className="small" onClick={() => void revealFile(saved).catch((e) => report(errorPayload(e)))}>
            Show in folder
          </button>
        </span>
      )}
    </div>
  );
}
