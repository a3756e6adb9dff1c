import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, errorPayload, pickScoreSheet, pickScoreSheetFolder, revealFile } from "../api";
import type { ErrorPayload, PreviewRow, SheetFormat, SheetPreview, SheetWritten } from "../bindings";
import { Modal } from "../components/dialogs";
import { ErrorBanner, useReport } from "../components/report";
import { affects, useApiMutation } from "../app/query";

/**
 * Score sheets out and back: a sheet per evaluator (XLSX with data validation, or CSV) to
 * fill in away from the app, and a returned sheet previewed, then merged on confirmation.
 */
export function ScoreSheetActions({ requestId, canExport }: { requestId: number; canExport: boolean }) {
  const report = useReport();
  const [format, setFormat] = useState<SheetFormat>("xlsx");
  const [written, setWritten] = useState<SheetWritten[] | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const [merged, setMerged] = useState<SheetPreview | null>(null);

  const exportSheets = async () => {
    try {
      const folder = await pickScoreSheetFolder();
      if (!folder) return;
      setWritten(await api.exportScoreSheets(requestId, folder, format));
    } catch (e) {
      report(errorPayload(e));
    }
  };
  const chooseSheet = async () => {
    try {
      const path = await pickScoreSheet();
      if (path) {
        setMerged(null);
        setImporting(path);
      }
    } catch (e) {
      report(errorPayload(e));
    }
  };

  return (
    <div className="score-sheets" data-testid="score-sheets">
      <div className="row-actions">
        <span className="subtle">Score sheets</span>
        <select value={format} onChange={(e) => setFormat(e.target.value as SheetFormat)} aria-label="Score sheet format" data-testid="score-sheet-format">
          <option value="xlsx">Excel workbook (.xlsx)</option>
          <option value="csv">CSV</option>
        </select>
        <button type="button" onClick={() => void exportSheets()} disabled={!canExport} data-testid="export-score-sheets">
          Export for every evaluator…
        </button>
        <button type="button" onClick={() => void chooseSheet()} data-testid="import-score-sheet">
          Import a returned sheet…
        </button>
      </div>
      {written && (
        <div className="banner banner-info" role="status" data-testid="score-sheets-written">
          Wrote {written.length} score sheet{written.length === 1 ? "" : "s"}: {written.map((w) => w.evaluator).join(", ")}.{" "}
          {written[0] && (
            <button type="button" className="link-button" onClick={() => void revealFile(written[0]?.path ?? "").catch((e) => report(errorPayload(e)))}>
              Show in folder
            </button>
          )}
        </div>
      )}
      {merged && (
        <div className="banner banner-info" role="status" data-testid="score-sheet-merged">
          Merged {merged.evaluator_name}’s sheet: {merged.new} new, {merged.changed} changed, {merged.unchanged} unchanged, {merged.blank} blank.
        </div>
      )}
      {importing && (
        <ScoreSheetImportDialog
          key={importing}
          requestId={requestId}
          path={importing}
          onClose={() => setImporting(null)}
          onMerged={(p) => {
            setImporting(null);
            setMerged(p);
          }}
        />
      )}
    </div>
  );
}

const STATUS_LABEL: Record<PreviewRow["status"], string> = {
  new: "New",
  changed: "Changed",
  unchanged: "Unchanged",
  blank: "Blank",
  out_of_range: "Refused",
};

function ScoreSheetImportDialog({
  requestId,
  path,
  onClose,
  onMerged,
}: {
  requestId: number;
  path: string;
  onClose: () => void;
  onMerged: (p: SheetPreview) => void;
}) {
  // Read afresh each time: the file may have changed on disk.
  const { data: preview = null, error: readError } = useQuery({
    queryKey: ["preview_score_sheet", requestId, path],
    queryFn: () => api.previewScoreSheet(requestId, path),
    staleTime: 0,
    gcTime: 0,
    meta: { inlineError: true },
  });
  const merge = useApiMutation(api.importScoreSheet, affects.scores);
  const [mergeError, setMergeError] = useState<ErrorPayload | null>(null);
  const error: ErrorPayload | null = mergeError ?? (readError ? errorPayload(readError) : null);
  const fileName = path.split(/[\\/]/).pop() ?? path;
  const changes = preview ? preview.new + preview.changed : 0;
  const blocked = !preview || preview.problems.length > 0;

  const doMerge = async () => {
    if (blocked || merge.isPending) return;
    setMergeError(null);
    try {
      onMerged(await merge.mutateAsync([requestId, path]));
    } catch (e) {
      setMergeError(errorPayload(e));
    }
  };

  const shown = preview?.rows.filter((r) => r.status !== "unchanged") ?? [];
  return (
    <Modal title={`Import score sheet: ${fileName}`} onClose={onClose} testId="score-sheet-dialog" initialFocus="[data-testid='score-sheet-cancel']">
      {error && <ErrorBanner error={error} onDismiss={() => setMergeError(null)} />}
      {!preview && !error && <p className="muted">Reading {fileName}…</p>}
      {preview && (
        <>
          <p>
            <strong>{preview.evaluator_name}</strong>’s sheet for “{preview.request_title}”: {preview.new} new, {preview.changed} changed,{" "}
            {preview.unchanged} unchanged, {preview.blank} blank (a blank cell keeps the stored score).
          </p>
          {preview.problems.length > 0 && (
            <div className="inline-problem" data-testid="score-sheet-problems">
              <strong>Nothing can be merged until these are fixed in the sheet:</strong>
              <ul>
                {preview.problems.map((p) => (
                  <li key={`${p.place}:${p.message}`}>
                    {p.place}: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {shown.length > 0 && (
            <table className="table compact-table" data-testid="score-sheet-rows">
              <thead>
                <tr>
                  <th>Cell</th>
                  <th>Candidate</th>
                  <th>Criterion</th>
                  <th>Sheet</th>
                  <th>Stored</th>
                  <th>Merge</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.place} className={r.status === "out_of_range" ? "row-problem" : undefined}>
                    <td>{r.place}</td>
                    <td>{r.candidate}</td>
                    <td>{r.criterion}</td>
                    <td>{r.status === "out_of_range" ? `“${r.text}”` : (r.score ?? "–")}</td>
                    <td>{r.stored ?? "–"}</td>
                    <td>{STATUS_LABEL[r.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose} data-testid="score-sheet-cancel">
          Cancel
        </button>
        {preview && (
          <button type="button" className="primary" onClick={() => void doMerge()} disabled={blocked || changes === 0 || merge.isPending} data-testid="score-sheet-confirm">
            {merge.isPending ? "Merging…" : changes === 0 ? "Nothing to merge" : `Merge ${changes} score${changes === 1 ? "" : "s"}`}
          </button>
        )}
      </div>
    </Modal>
  );
}
