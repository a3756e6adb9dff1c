import { useEffect, useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, Mds2Preview } from "../bindings";
import { ErrorBanner } from "../components/report";
import { Modal } from "../components/dialogs";
import { Mds2PreviewBody } from "./Mds2PreviewBody";

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
  onImported,
}: {
  candidateId: number;
  label: string;
  path: string;
  onChooseAnother: () => void;
  onClose: () => void;
  onImported: (preview: Mds2Preview) => Promise<void>;
}) {
  const [preview, setPreview] = useState<Mds2Preview | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setPreview(null);
    setError(null);
    api
      .previewMds2Import(candidateId, path)
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setError(errorPayload(e)));
    return () => {
      live = false;
    };
  }, [candidateId, path]);

  const fileName = path.split(/[\\/]/).pop() ?? path;

  const doImport = async () => {
    if (!preview || busy) return;
    setBusy(true);
    setError(null);
    try {
      const done = await api.importMds2(candidateId, path, preview.needs_confirmation);
      await onImported(done);
      onClose();
    } catch (e) {
      setError(errorPayload(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`Import MDS2 form: ${label}`} onClose={onClose} testId="mds2-import-dialog" initialFocus="[data-testid='mds2-import-cancel']">
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {!preview && !error && <p className="muted">Reading {fileName}…</p>}
      {!preview && error && (
        <p className="muted">
          Nothing was imported. Choose the vendor’s filled HN 1-2019 form: the Excel workbook (.xlsx, .xls, .ods) or a CSV or
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
