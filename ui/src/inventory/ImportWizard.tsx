import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorPayload, pickInventoryFile } from "../api";
import type { ErrorPayload, ImportKind, ImportPreview, ImportRequest, SavedMapping } from "../bindings";
import { IMPORT_KIND_LABELS, IMPORT_KIND_VALUES } from "../ipc.gen";
import { affects } from "../app/query";
import { Modal } from "../components/dialogs";
import { MappingStep } from "./MappingStep";

type Stage = { step: "choose" } | { step: "preview"; preview: ImportPreview } | { step: "saving"; share: number };

/**
 * The import wizard: a CMMS export (inventory or work orders) is read and previewed with
 * the mapping of its columns, which the user confirms or changes; nothing is written until
 * the import is confirmed, then in one transaction, and the priorities are computed again
 * with their progress.
 */
export function ImportWizard({ onClose, onDone }: { onClose: () => void; onDone: (summary: string) => void }) {
  const client = useQueryClient();
  const { data: sources } = useQuery({ queryKey: ["inventory_sources"], queryFn: api.inventorySources });
  const [kind, setKind] = useState<ImportKind>("assets");
  const [source, setSource] = useState("");
  const [path, setPath] = useState("");
  const [partial, setPartial] = useState(false);
  const [mapping, setMapping] = useState<SavedMapping | null>(null);
  const [skipRejected, setSkipRejected] = useState(false);
  const [stage, setStage] = useState<Stage>({ step: "choose" });
  const [problem, setProblem] = useState<ErrorPayload | null>(null);
  const [reading, setReading] = useState(false);
  const request = (m: SavedMapping | null): ImportRequest => ({
    path,
    kind,
    source,
    sheet: null,
    mapping: m,
    date_order: m?.date_order ?? null,
    partial,
  });
  const read = async (m: SavedMapping | null) => {
    setReading(true);
    setProblem(null);
    try {
      const preview = await api.previewInventoryImport(request(m));
      setMapping({ ...preview.mapping, date_order: m?.date_order ?? preview.mapping.date_order });
      setStage({ step: "preview", preview });
    } catch (e) {
      setProblem(errorPayload(e));
    } finally {
      setReading(false);
    }
  };
  const save = async () => {
    setStage({ step: "saving", share: 0.1 });
    setProblem(null);
    try {
      const outcome = await api.importInventory(request(mapping), skipRejected);
      setStage({ step: "saving", share: 0.4 });
      const run = await api.refreshPriorities((p) => setStage({ step: "saving", share: 0.4 + (0.6 * p.done) / Math.max(1, p.total) }));
      const a = outcome.assets;
      const w = outcome.work_orders;
      const what = a
        ? `${a.added.length} assets added, ${a.changed.length} changed, ${a.unchanged} unchanged, ${a.retired.length} retired`
        : `${w?.added ?? 0} work orders added, ${w?.replaced ?? 0} replaced, ${w?.unchanged ?? 0} unchanged`;
      const skipped = outcome.skipped_rows > 0 ? `; ${outcome.skipped_rows} rejected rows left out` : "";
      onDone(`Imported from ${source}: ${what}${skipped}. ${run.scored.toLocaleString()} of ${run.assets.toLocaleString()} active assets scored.`);
    } catch (e) {
      setProblem(errorPayload(e));
      setStage({ step: "choose" });
    } finally {
      await client.invalidateQueries({ predicate: (q) => ([...affects.inventory, "inventory_sources"] as readonly unknown[]).includes(q.queryKey[0]) });
    }
  };
  const preview = stage.step === "preview" ? stage.preview : null;
  const shownReading = preview ? (preview.assets ?? preview.work_orders) : null;
  const open = shownReading ? shownReading.questions.length > 0 : false;
  const rejectedRows = shownReading?.rejected_rows ?? 0;
  const canImport = preview !== null && !open && preview.records > 0 && (rejectedRows === 0 || skipRejected);
  return (
    <Modal title="Import from the CMMS" onClose={stage.step === "saving" ? () => {} : onClose} testId="import-wizard">
      {stage.step === "saving" ? (
        <div role="status" aria-label="Importing">
          <p>Importing and computing the priorities…</p>
          <div className="progress" data-testid="import-progress">
            <span style={{ width: `${Math.round(stage.share * 100)}%` }} />
          </div>
        </div>
      ) : (
        <>
          <div className="form-grid">
            <label>
              Export of{" "}
              <select value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} data-testid="import-kind">
                {IMPORT_KIND_VALUES.map((k) => (
                  <option key={k} value={k}>
                    {IMPORT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              From the system{" "}
              <input list="inventory-sources" value={source} onChange={(e) => setSource(e.target.value)} placeholder="e.g. Accruent TMS" data-testid="import-source" />
              <datalist id="inventory-sources">{(sources ?? []).map((s) => <option key={s} value={s} />)}</datalist>
            </label>
            <label>
              File{" "}
              <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/export.csv" style={{ minWidth: 320 }} data-testid="import-path" />
              <button type="button" onClick={async () => setPath((await pickInventoryFile()) ?? path)}>
                Choose…
              </button>
            </label>
            {kind === "assets" && (
              <label className="inline-label">
                <input type="checkbox" checked={partial} onChange={(e) => setPartial(e.target.checked)} /> Part of the inventory only (retire nothing it leaves out)
              </label>
            )}
          </div>
          <div className="row-actions">
            <button type="button" disabled={!path.trim() || !source.trim() || reading} onClick={() => read(null)} data-testid="import-read">
              {reading ? "Reading…" : preview ? "Read again from the start" : "Read the file"}
            </button>
          </div>
          {problem && (
            <p className="inline-problem" role="alert" data-testid="import-problem">
              {problem.message}
            </p>
          )}
          {preview && mapping && (
            <>
              <MappingStep preview={preview} mapping={mapping} onMapping={(m) => read(m)} />
              {preview.changes && (
                <p data-testid="import-changes">
                  On import: {preview.changes.added.length} added, {preview.changes.changed.length} changed, {preview.changes.unchanged} unchanged,{" "}
                  {preview.changes.retired.length} retired.
                </p>
              )}
              {rejectedRows > 0 && (
                <label className="inline-label">
                  <input type="checkbox" checked={skipRejected} onChange={(e) => setSkipRejected(e.target.checked)} data-testid="import-skip-rejected" /> Import the
                  other rows and leave the {rejectedRows} rejected row{rejectedRows === 1 ? "" : "s"} out
                </label>
              )}
              <div className="modal-actions">
                <button type="button" onClick={onClose}>
                  Cancel
                </button>
                <button type="button" className="primary" disabled={!canImport} onClick={save} data-testid="import-confirm">
                  Import {preview.records.toLocaleString()} {preview.kind === "assets" ? "assets" : "work orders"}
                </button>
              </div>
            </>
          )}
        </>
      )}
    </Modal>
  );
}
