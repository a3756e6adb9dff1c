import { useState } from "react";
import { errorPayload, pickMds2File } from "../api";
import type { CandidateCompatibility, CompatibilityReport, ErrorPayload } from "../bindings";
import { AREA_LABEL, AREAS, siteRequiresNothing } from "./compat";
import { EmptyState } from "../components/display";
import type { RequestData } from "../request/useRequestData";
import { navigate } from "../app/route";
import { ErrorBanner } from "../components/report";
import { Mds2SideBySide } from "./Mds2SideBySide";
import { CompatCandidateRows } from "./CompatCandidateRows";
import { useQuery } from "@tanstack/react-query";
import { q } from "../app/query";
import { CompatDialogs, CompatOptions, useDisqualifyBlocking } from "./CompatDialogs";

export function CompatibilityTab({ data }: { data: RequestData }) {
  const requestId = data.request.id;
  const currency = data.request.currency;
  const enabled = data.candidates.length > 0;
  const { data: compat } = useQuery({ ...q.compatibility(requestId), enabled });
  const { data: cmp } = useQuery({ ...q.compareMds2(requestId), enabled });
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

      <CompatTable
        compat={compat}
        currency={currency}
        open={open}
        fileOf={fileOf}
        toggle={toggle}
        onEdit={(c) => setEditing({ id: c.candidate_id, label: c.label })}
        onImport={(id) => void startImport(id)}
        onRemove={(c) => setRemoving({ id: c.candidate_id, label: c.label, file: fileOf(c.candidate_id) })}
      />

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

/** One row per candidate: its area scores, gaps, remediation and sources; its findings when open. */
function CompatTable({
  compat,
  currency,
  open,
  fileOf,
  toggle,
  onEdit,
  onImport,
  onRemove,
}: {
  compat: CompatibilityReport;
  currency: string;
  open: Set<number>;
  fileOf: (candidateId: number) => string;
  toggle: (candidateId: number) => void;
  onEdit: (c: CandidateCompatibility) => void;
  onImport: (candidateId: number) => void;
  onRemove: (c: CandidateCompatibility) => void;
}) {
  return (
    <>
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
          onEdit={() => onEdit(c)}
          onImport={() => onImport(c.candidate_id)}
          onRemove={() => onRemove(c)}
        />
      ))}
    </table>
    <p className="footnote">
      Scores are points passed over points applicable, per area; “—” means the candidate has neither a profile nor an MDS2
      form. Unconfirmed points (required by the site, stated nowhere) count against the score until the vendor confirms
      them. Remediation in {currency}.
    </p>
    </>
  );
}
