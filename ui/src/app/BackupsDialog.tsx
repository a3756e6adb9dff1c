import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorPayload, pickPortfolioToOpen } from "../api";
import type { BackupInfo, ErrorPayload, PortfolioInfo } from "../bindings";
import { ConfirmDialog, Modal } from "../components/dialogs";
import { ErrorBanner } from "../components/report";
import { BACKUP_REASON_LABELS } from "../ipc.gen";

/** When a backup was made, in the user's local time. */
function madeAt(b: BackupInfo): string {
  const d = new Date(b.created);
  return Number.isNaN(d.getTime()) ? b.created : d.toLocaleString();
}

function size(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What the user is about to restore: a listed backup, or a file picked by hand. */
type Pending = { path: string; label: string };

/**
 * The open portfolio's backups (kept beside it in NAME.backups/): back up now, or restore
 * one after a confirmation. A restore saves the current state as a backup first.
 */
export function BackupsDialog({ onClose, onRestored }: { onClose: () => void; onRestored: (info: PortfolioInfo, label: string) => void }) {
  const client = useQueryClient();
  const backups = useQuery({ queryKey: ["portfolioBackups"], queryFn: api.portfolioBackups });
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const backUp = useMutation({
    mutationFn: api.portfolioBackupNow,
    onSuccess: () => void client.invalidateQueries({ queryKey: ["portfolioBackups"] }),
    onError: (e) => setError(errorPayload(e)),
  });
  const restore = useMutation({
    mutationFn: (p: Pending) => api.portfolioRestore(p.path),
    onSuccess: (info, p) => onRestored(info, p.label),
    onError: (e) => setError(errorPayload(e)),
  });
  const pickFile = async () => {
    try {
      const path = await pickPortfolioToOpen();
      if (path) setPending({ path, label: path });
    } catch (e) {
      setError(errorPayload(e));
    }
  };
  const list = backups.data ?? [];
  return (
    <>
      <Modal title="Backups" onClose={onClose} testId="backups-dialog">
        <p className="muted">
          Caliper copies the portfolio before the first change of each session, before a schema upgrade and before a restore, into a
          folder beside it; the newest ten automatic backups are kept.
        </p>
        {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        {backups.isPending ? (
          <p>Loading…</p>
        ) : list.length === 0 ? (
          <p>No backups yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Made</th>
                <th>Why</th>
                <th className="num">Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.path} data-testid={`backup-row-${b.reason}`}>
                  <td title={b.path}>{madeAt(b)}</td>
                  <td>{BACKUP_REASON_LABELS[b.reason]}</td>
                  <td className="num">{size(b.bytes)}</td>
                  <td>
                    <button type="button" onClick={() => setPending({ path: b.path, label: `the backup of ${madeAt(b)}` })}>
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="modal-actions">
          <button type="button" onClick={() => void pickFile()}>
            Restore from a file…
          </button>
          <button type="button" onClick={() => backUp.mutate()} disabled={backUp.isPending} data-testid="backup-now">
            {backUp.isPending ? "Backing up…" : "Back up now"}
          </button>
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </div>
      </Modal>
      {pending && (
        <ConfirmDialog
          title="Restore this backup?"
          message={`The portfolio will be replaced by ${pending.label}. Its current state is saved as a backup first, so this can be undone from this list.`}
          confirmLabel={restore.isPending ? "Restoring…" : "Restore"}
          onConfirm={() => {
            restore.mutate(pending);
            setPending(null);
          }}
          onCancel={() => setPending(null)}
        />
      )}
    </>
  );
}
