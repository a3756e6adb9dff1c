import { useState } from "react";
import { api, errorPayload, pickMds2File } from "../api";
import type { ErrorPayload } from "../bindings";
import { AREA_LABEL, AREAS, siteRequiresNothing } from "./compat";
import { EmptyState } from "../components/display";
import { DeviceProfileEditor } from "./DeviceProfileEditor";
import { Mds2ImportDialog } from "./Mds2Import";
import type { RequestData } from "../request/useRequestData";
import { navigate } from "../app/route";
import { ConfirmDialog } from "../components/dialogs";
import { ErrorBanner, useReport } from "../components/report";
import { Mds2SideBySide } from "./Mds2SideBySide";
import { CompatCandidateRows } from "./CompatCandidateRows";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { affects, q, useApiMutation } from "../app/query";

export function CompatibilityTab({ data }: { data: RequestData }) {
  const requestId = data.request.id;
  const currency = data.request.currency;
  const { data: compat } = useQuery(q.compatibility(requestId));
  const { data: cmp } = useQuery(q.compareMds2(requestId));
  const { data: disqualify = false } = useQuery(q.disqualifyBlocking(requestId));
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<{ id: number; label: string } | null>(null);
  const [importing, setImporting] = useState<{ id: number; label: string; path: string } | null>(null);
  const [removing, setRemoving] = useState<{ id: number; label: string; file: string } | null>(null);
  const { setDisqualifyBlocking, busy } = useDisqualifyBlocking(requestId);

  const labelOf = (id: number) => compat?.candidates.find((c) => c.candidate_id === id)?.label ?? "";

  const startImport = async (id: number) => {
    setError(null);
    try {
      const path = await pickMds2File();
      if (path) setImporting({ id, label: labelOf(id), path });
    } catch (e) {
      setError(errorPayload(e));
    }
  };

  const toggle = (id: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  if (data.candidates.length === 0) {
    return (
      <EmptyState title="No candidates yet">
        <p>Each candidate is checked against the site IT profile; add candidates first.</p>
      </EmptyState>
    );
  }
  if (!compat || !cmp) return <p className="muted">Checking compatibility…</p>;

  const fileOf = (id: number) => cmp.columns.find((c) => c.candidate_id === id)?.file_name ?? "";
  const allOpen = compat.candidates.every((c) => open.has(c.candidate_id));
  const scope = compat.site_scope === "portfolio" ? "the portfolio’s" : `${compat.site_scope}’s`;

  return (
    <>
      <div className="section-head">
        <h2>Compatibility</h2>
        <span className="method" data-testid="compat-scope">
          Checked against {scope} site IT profile · {compat.rules} rule{compat.rules === 1 ? "" : "s"}
        </span>
        <div className="row-actions push-right">
          <button type="button" onClick={() => navigate({ page: "site-profile" })} data-testid="compat-site-profile">
            Site IT profile and rules…
          </button>
        </div>
      </div>
      <p className="muted">
        Each candidate’s profile and MDS2 form held against the hospital’s EHR, network and security baseline. Scores are
        0–100 per area and feed the computed criteria; a blocking gap sets its area to 0. Remediation costs are added to the
        candidate’s IT integration cost.
      </p>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {siteRequiresNothing(compat.site) && (
        <div className="notice">
          The site IT profile requires nothing yet, so every check is not applicable.{" "}
          <button type="button" className="small" onClick={() => navigate({ page: "site-profile" })}>
            Set up the site IT profile
          </button>
        </div>
      )}

      <CompatOptions
        disqualify={disqualify}
        busy={busy}
        onDisqualify={(on) => void setDisqualifyBlocking(on)}
        allOpen={allOpen}
        onToggleAll={() => setOpen(allOpen ? new Set() : new Set(compat.candidates.map((c) => c.candidate_id)))}
      />

      <table className="table compat-table">
        <thead>
          <tr>
            <th>Candidate</th>
            {AREAS.map((a) => (
              <th key={a} className="score-col">
                {AREA_LABEL[a]}
              </th>
            ))}
            <th>Gaps</th>
            <th className="num">Remediation</th>
            <th>Sources</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        {compat.candidates.map((c) => (
          <CompatCandidateRows
            key={c.candidate_id}
            c={c}
            isOpen={open.has(c.candidate_id)}
            currency={currency}
            fileName={fileOf(c.candidate_id)}
            onToggle={() => toggle(c.candidate_id)}
            onEdit={() => setEditing({ id: c.candidate_id, label: c.label })}
            onImport={() => void startImport(c.candidate_id)}
            onRemove={() => setRemoving({ id: c.candidate_id, label: c.label, file: fileOf(c.candidate_id) })}
          />
        ))}
      </table>
      <p className="footnote">
        Scores are points passed over points applicable, per area; “—” means the candidate has neither a profile nor an MDS2
        form. Unconfirmed points (required by the site, stated nowhere) count against the score until the vendor confirms
        them. Remediation in {currency}.
      </p>

      <Mds2SideBySide cmp={cmp} onImport={(id) => void startImport(id)} />

      <CompatDialogs
        editing={editing}
        importing={importing}
        removing={removing}
        setEditing={setEditing}
        setImporting={setImporting}
        setRemoving={setRemoving}
        setError={setError}
      />
    </>
  );
}

/** Whether a blocking gap disqualifies, and expanding or collapsing every candidate's findings. */
function CompatOptions({
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
function useDisqualifyBlocking(requestId: number) {
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

type Editing = { id: number; label: string } | null;
type Importing = { id: number; label: string; path: string } | null;
type Removing = { id: number; label: string; file: string } | null;

/** The device profile editor, the MDS2 import and the removal of a form, whichever is open. */
function CompatDialogs({
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
