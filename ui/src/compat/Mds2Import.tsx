import { useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload } from "../bindings";
import { ErrorBanner } from "../components/report";
import { Modal } from "../components/dialogs";
import { Mds2PreviewBody } from "./Mds2PreviewBody";
import { useQuery } from "@tanstack/react-query";
import { affects, useApiMutation } from "../app/query";

export const FORMAT_LABEL: Record<string, string> = {
  xlsx: "Excel workbook",
  xls: "Excel 97–2003 workbook",
  ods: "OpenDocument spreadsheet",
  csv: "CSV",
  text: "Text",
};

/**
 * What importing an MDS2 file would do, read by the backend without saving anything; the
 * form is saved only when the user confirms.
 */
export function Mds2ImportDialog({
  candidateId,
  label,
  path,
  onChooseAnother,
  onClose,
}: {
  candidateId: number;
  label: string;
  path: string;
  onChooseAnother: () => void;
  onClose: () => void;
}) {
  // The file is read afresh each time the dialog opens: it may have changed on disk.
  const { data: preview = null, error: readError } = useQuery({
    queryKey: ["preview_mds2_import", candidateId, path],
    queryFn: () => api.previewMds2Import(candidateId, path),
    staleTime: 0,
    gcTime: 0,
    meta: { inlineError: true },
  });
  const importForm = useApiMutation(api.importMds2, affects.mds2);
  const [importError, setImportError] = useState<ErrorPayload | null>(null);
  const [readErrorDismissed, setReadErrorDismissed] = useState(false);
  const error = importError ?? (readError && !readErrorDismissed ? errorPayload(readError) : null);
  const setError = (e: ErrorPayload | null) => {
    setImportError(e);
    if (e === null) setReadErrorDismissed(true);
  };
  const busy = importForm.isPending;

  const fileName = path.split(/[\\/]/).pop() ?? path;

  const doImport = async () => {
    if (!preview || busy) return;
    setImportError(null);
    try {
      await importForm.mutateAsync([candidateId, preview.parse, preview.needs_confirmation]);
      onClose();
    } catch (e) {
      setImportError(errorPayload(e));
    }
  };

  return (
    <Modal title={`Import MDS2 form: ${label}`} onClose={onClose} testId="mds2-import-dialog" initialFocus="[data-testid='mds2-import-cancel']">
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {!preview && !error && <p className="muted">Reading {fileName}…</p>}
      {!preview && error && (
        <p className="muted">
          Nothing was imported. Choose the vendor’s filled HN 1-2019 form: the Excel workbook (.xlsx, .xls, .ods), its PDF, or a CSV or
          text export of it.
        </p>
      )}
      {preview && <Mds2PreviewBody preview={preview} />}
      <div className="modal-actions">
        {preview?.needs_confirmation && (
          <span className="subtle push-left">Check the points above: the form is saved as read, with them.</span>
        )}
        <button type="button" onClick={onChooseAnother} disabled={busy}>
          Choose another file…
        </button>
        <button type="button" onClick={onClose} data-testid="mds2-import-cancel">
          Cancel
        </button>
        {preview && (
          <button
            type="button"
            className={preview.needs_confirmation ? "warning" : "primary"}
            onClick={() => void doImport()}
            disabled={busy}
            data-testid="mds2-import-confirm"
          >
            {busy ? "Importing…" : preview.needs_confirmation ? "Import anyway" : "Import"}
          </button>
        )}
      </div>
    </Modal>
  );
}
