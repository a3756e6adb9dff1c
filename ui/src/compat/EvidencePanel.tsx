import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { api, errorPayload, pickEvidenceFile } from "../api";
import type { EvidenceCheck, EvidenceFinding, EvidenceReport, ErrorPayload } from "../bindings";
import { ErrorBanner } from "../components/report";
import { ConfirmDialog } from "../components/dialogs";
import { affects, q, useApiMutation } from "../app/query";

const FORMAT_LABEL: Record<EvidenceReport["format"], string> = {
  hl7v2: "HL7 v2",
  "fhir-json": "FHIR JSON",
  "fhir-xml": "FHIR XML",
};

function summary(r: EvidenceReport): string {
  const items = r.format === "hl7v2" ? `${r.items} message${r.items === 1 ? "" : "s"}` : `${r.items} Device${r.items === 1 ? "" : "s"}`;
  return `${FORMAT_LABEL[r.format]} · ${items} · ${r.confirmed} confirmed · ${r.gaps} gap${r.gaps === 1 ? "" : "s"}`;
}

/** A sample's findings: gaps first, each with its place in the file. */
function EvidenceFindings({ findings, testId }: { findings: EvidenceFinding[]; testId: string }) {
  const ordered = [...findings.filter((f) => f.kind === "gap"), ...findings.filter((f) => f.kind === "confirmed")];
  return (
    <ul className="finding-list evidence-findings" data-testid={testId}>
      {ordered.map((f, i) => (
        <li key={i} className={`finding finding-${f.kind === "gap" ? "gap" : "pass"}`}>
          <span className={`sev ${f.kind === "gap" ? "sev-major" : "sev-pass"}`}>{f.kind === "gap" ? "Gap" : "Confirmed"}</span>
          <div className="finding-body">
            <div>
              <span className="strong">{f.capability}</span>: {f.detail}
            </div>
            {f.place && <div className="subtle">At {f.place}</div>}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Reads and checks a sample file for a candidate through the engine; saves nothing. */
async function checkFile(
  candidateId: number,
  path: string,
  setCheck: (c: EvidenceCheck | null) => void,
  setError: (e: ErrorPayload | null) => void,
  setChecking: (b: boolean) => void,
) {
  setError(null);
  setCheck(null);
  setChecking(true);
  try {
    setCheck(await api.previewEvidence(candidateId, path));
  } catch (e) {
    setError(errorPayload(e));
  } finally {
    setChecking(false);
  }
}

/**
 * The candidate's evidence: the vendor's sample interface files, each checked by the engine
 * against IHE PCD-01 or FHIR, the candidate's identity and the site profile. A file is
 * checked first and kept only when the user says so.
 */
export function EvidencePanel({ candidateId, label }: { candidateId: number; label: string }) {
  const { data: kept = [] } = useQuery(q.candidateEvidence(candidateId));
  const [path, setPath] = useState("");
  const [check, setCheck] = useState<EvidenceCheck | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [checking, setChecking] = useState(false);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [removing, setRemoving] = useState<{ id: number; file: string } | null>(null);
  const keep = useApiMutation(api.addCandidateEvidence, affects.evidence);
  const remove = useApiMutation(api.removeCandidateEvidence, affects.evidence);

  const read = async (p: string) => {
    if (!p.trim() || checking) return;
    await checkFile(candidateId, p.trim(), setCheck, setError, setChecking);
  };

  // A file dropped on the window while the panel is open is checked for this candidate.
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let gone = false;
    getCurrentWebview()
      .onDragDropEvent((event) => {
        const dropped = event.payload.type === "drop" ? event.payload.paths[0] : undefined;
        if (dropped) {
          setPath(dropped);
          void checkFile(candidateId, dropped, setCheck, setError, setChecking);
        }
      })
      .then((u) => (gone ? u() : (unlisten = u)))
      .catch(() => undefined);
    return () => {
      gone = true;
      unlisten?.();
    };
  }, [candidateId]);

  const browse = async () => {
    try {
      const picked = await pickEvidenceFile();
      if (picked) {
        setPath(picked);
        await read(picked);
      }
    } catch (e) {
      setError(errorPayload(e));
    }
  };

  const needsConfirm = !!check && (check.other_device !== null || check.replaces !== null);
  const doKeep = async () => {
    if (!check || keep.isPending) return;
    setError(null);
    try {
      await keep.mutateAsync([candidateId, check.file_name, check.text, needsConfirm]);
      setCheck(null);
      setPath("");
    } catch (e) {
      setError(errorPayload(e));
    }
  };

  return (
    <section className="evidence-panel" data-testid={`evidence-panel-${candidateId}`}>
      <h4>Evidence: the vendor’s sample interface files</h4>
      <p className="muted">
        Drop an HL7 v2 message file (ORU^R01, IHE PCD-01) or a FHIR Device (JSON or XML) from {label}’s vendor here, or choose
        one. It is checked against PCD-01 or FHIR, the candidate’s manufacturer and model, and the site IT profile; nothing is
        kept until you say so.
      </p>
      <form
        className="row-actions"
        onSubmit={(e) => {
          e.preventDefault();
          void read(path);
        }}
      >
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/sample.hl7"
          style={{ minWidth: 320 }}
          aria-label="Sample file path"
          data-testid={`evidence-path-${candidateId}`}
        />
        <button type="button" onClick={() => void browse()} disabled={checking}>
          Choose…
        </button>
        <button type="submit" disabled={checking || !path.trim()} data-testid={`evidence-check-${candidateId}`}>
          {checking ? "Checking…" : "Check"}
        </button>
      </form>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {check && (
        <div className="evidence-preview" data-testid={`evidence-preview-${candidateId}`}>
          <div className="strong">
            {check.file_name} <span className="subtle">· {summary(check.report)}</span>
          </div>
          {check.other_device && (
            <div className="notice" data-testid={`evidence-other-device-${candidateId}`}>
              This sample names another device ({check.other_device}). It would be kept, but not counted as evidence for {label}.
            </div>
          )}
          {check.replaces !== null && <div className="notice">A kept file of the same name is replaced.</div>}
          <EvidenceFindings findings={check.report.findings} testId={`evidence-preview-findings-${candidateId}`} />
          <div className="modal-actions">
            <button type="button" onClick={() => setCheck(null)} disabled={keep.isPending}>
              Discard
            </button>
            <button
              type="button"
              className={needsConfirm ? "warning" : "primary"}
              onClick={() => void doKeep()}
              disabled={keep.isPending}
              data-testid={`evidence-keep-${candidateId}`}
            >
              {keep.isPending ? "Keeping…" : needsConfirm ? "Keep anyway" : "Keep as evidence"}
            </button>
          </div>
        </div>
      )}
      {kept.length === 0 ? (
        <p className="muted">No sample files kept yet.</p>
      ) : (
        <ul className="evidence-kept" data-testid={`evidence-kept-${candidateId}`}>
          {kept.map((k) => (
            <li key={k.id}>
              <div className="evidence-kept-head">
                <button
                  type="button"
                  className="disclosure"
                  aria-expanded={open.has(k.id)}
                  onClick={() =>
                    setOpen((s) => {
                      const n = new Set(s);
                      if (n.has(k.id)) n.delete(k.id);
                      else n.add(k.id);
                      return n;
                    })
                  }
                  data-testid={`evidence-toggle-${k.id}`}
                >
                  <span className="caret" aria-hidden="true">
                    {open.has(k.id) ? "▾" : "▸"}
                  </span>
                  <span className="code">{k.file_name}</span>
                </button>
                <span className="subtle" data-testid={`evidence-summary-${k.id}`}>
                  {summary(k.report)}
                </span>
                <button
                  type="button"
                  className="small danger-quiet push-right"
                  onClick={() => setRemoving({ id: k.id, file: k.file_name })}
                  data-testid={`evidence-remove-${k.id}`}
                >
                  Remove
                </button>
              </div>
              {open.has(k.id) && <EvidenceFindings findings={k.report.findings} testId={`evidence-findings-${k.id}`} />}
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <ConfirmDialog
          title="Remove sample file"
          message={`Remove ${removing.file} from ${label}’s evidence? Points it bears out go back to what the profile and the MDS2 form say.`}
          confirmLabel="Remove sample file"
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            const id = removing.id;
            setRemoving(null);
            try {
              await remove.mutateAsync([id]);
            } catch (e) {
              setError(errorPayload(e));
            }
          }}
        />
      )}
    </section>
  );
}
