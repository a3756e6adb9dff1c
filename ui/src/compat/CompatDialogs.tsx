import { api, errorPayload, pickMds2File } from "../api";
import type { ErrorPayload } from "../bindings";
import { DeviceProfileEditor } from "./DeviceProfileEditor";
import { Mds2ImportDialog } from "./Mds2Import";
import { ConfirmDialog } from "../components/dialogs";
import { useReport } from "../components/report";
import { useQueryClient } from "@tanstack/react-query";
import { affects, q, useApiMutation } from "../app/query";

/** Whether a blocking gap disqualifies, and expanding or collapsing every candidate's findings. */
export function CompatOptions({
  disqualify,
  busy,
  onDisqualify,
  allOpen,
  onToggleAll,
}: {
  disqualify: boolean;
  busy: boolean;
  onDisqualify: (on: boolean) => void;
  allOpen: boolean;
  onToggleAll: () => void;
}) {
  return (
    <div className="compat-options">
      <label className="check">
        <input
          type="checkbox"
          checked={disqualify}
          disabled={busy}
          data-testid="compat-disqualify"
          onChange={(e) => onDisqualify(e.target.checked)}
        />
        Leave candidates with a blocking gap out of the ranking
      </label>
      <span className="subtle">
        {disqualify ? "They are listed last in the ranking, without a rank." : "They are ranked, with their blocking gaps flagged."}
      </span>
      <button
        type="button"
        className="small push-right"
        onClick={onToggleAll}
      >
        {allOpen ? "Collapse all findings" : "Expand all findings"}
      </button>
    </div>
  );
}

/** Whether a blocking gap leaves a candidate out of the ranking; shown switched at once, undone if the change fails. */
export function useDisqualifyBlocking(requestId: number) {
  const report = useReport();
  const client = useQueryClient();
  const change = useApiMutation(api.setDisqualifyBlocking, affects.disqualify);
  const setDisqualifyBlocking = async (on: boolean) => {
    client.setQueryData(q.disqualifyBlocking(requestId).queryKey, on);
    try {
      await change.mutateAsync([requestId, on]);
    } catch (err) {
      report(errorPayload(err));
    }
  };
  return { setDisqualifyBlocking, busy: change.isPending };
}

export type Editing = { id: number; label: string } | null;
export type Importing = { id: number; label: string; path: string } | null;
export type Removing = { id: number; label: string; file: string } | null;

/** The device profile editor, the MDS2 import and the removal of a form, whichever is open. */
export function CompatDialogs({
  editing,
  importing,
  removing,
  setEditing,
  setImporting,
  setRemoving,
  setError,
}: {
  editing: Editing;
  importing: Importing;
  removing: Removing;
  setEditing: (e: Editing) => void;
  setImporting: (i: Importing) => void;
  setRemoving: (r: Removing) => void;
  setError: (e: ErrorPayload | null) => void;
}) {
  const report = useReport();
  const removeForm = useApiMutation(api.deleteMds2Form, affects.mds2);
  return (
    <>
    {editing && (
      <DeviceProfileEditor
        candidateId={editing.id}
        label={editing.label}
        onClose={() => setEditing(null)}
      />
    )}
    {importing && (
      <Mds2ImportDialog
        key={importing.path}
        candidateId={importing.id}
        label={importing.label}
        path={importing.path}
        onClose={() => setImporting(null)}
        onChooseAnother={async () => {
          try {
            const path = await pickMds2File();
            if (path) setImporting({ ...importing, path });
          } catch (e) {
            setError(errorPayload(e));
          }
        }}
      />
    )}
    {removing && (
      <ConfirmDialog
        title="Remove MDS2 form"
        message={`Remove the MDS2 form of ${removing.label}${removing.file ? ` (${removing.file})` : ""}? Checks that read it become unconfirmed until a form is imported again.`}
        confirmLabel="Remove MDS2 form"
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          const id = removing.id;
          setRemoving(null);
          try {
            await removeForm.mutateAsync([id]);
          } catch (e) {
            report(errorPayload(e));
          }
        }}
      />
    )}
    </>
  );
}
