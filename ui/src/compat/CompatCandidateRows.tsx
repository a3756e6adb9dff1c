import type { CandidateCompatibility } from "../bindings";
import { compareDecimal, formatMoney } from "../components/format";
import { AREAS } from "./compat";
import { Findings, GapBadges, ScoreBar } from "./Findings";
import { EvidencePanel } from "./EvidencePanel";

/** One candidate in the compatibility table: its scores and gaps, and its findings when open. */
export function CompatCandidateRows({
  c,
  isOpen,
  currency,
  fileName,
  onToggle,
  onEdit,
  onImport,
  onRemove,
}: {
  c: CandidateCompatibility;
  isOpen: boolean;
  currency: string;
  fileName: string;
  onToggle: () => void;
  onEdit: () => void;
  onImport: () => void;
  onRemove: () => void;
}) {
  const hasRemediation = compareDecimal(c.remediation_total, "0") > 0;
  return (
    <tbody className={isOpen ? "compat-open" : ""}>
      <tr data-testid={`compat-row-${c.candidate_id}`} className={c.disqualified ? "disqualified" : ""}>
        <td>
          <button
            type="button"
            className="disclosure"
            aria-expanded={isOpen}
            aria-controls={`compat-detail-${c.candidate_id}`}
            onClick={onToggle}
            data-testid={`compat-toggle-${c.candidate_id}`}
          >
            <span className="caret" aria-hidden="true">
              {isOpen ? "▾" : "▸"}
            </span>
            <span className="strong">{c.label}</span>
          </button>
          {c.disqualified && (
            <span className="flag flag-blocking" data-testid={`compat-disqualified-${c.candidate_id}`}>
              Disqualified
            </span>
          )}
        </td>
        {AREAS.map((a) => (
          <td key={a} className="score-col">
            <ScoreBar area={a} c={c} />
          </td>
        ))}
        <td>
          <GapBadges c={c} />
        </td>
        <td className="num money">{hasRemediation ? formatMoney({ amount: c.remediation_total, currency }) : <span className="muted">—</span>}</td>
        <td className="sources">
          <span className={`src${c.has_profile ? " src-yes" : ""}`} title={c.has_profile ? "Device profile stated" : "No device profile yet"}>
            {c.has_profile ? "✓" : "✗"} Profile
          </span>
          <span className={`src${c.has_mds2 ? " src-yes" : ""}`} title={c.has_mds2 ? fileName : "No MDS2 form yet"}>
            {c.has_mds2 ? "✓" : "✗"} MDS2
          </span>
          {c.evidence.length > 0 && (
            <span className="src src-yes" title={c.evidence.map((e) => e.file_name).join(", ")} data-testid={`compat-samples-${c.candidate_id}`}>
              ✓ {c.evidence.length} sample{c.evidence.length === 1 ? "" : "s"}
            </span>
          )}
        </td>
        <td className="actions">
          <button type="button" className="small" onClick={onEdit} data-testid={`compat-edit-profile-${c.candidate_id}`}>
            Edit profile
          </button>
          <button type="button" className="small" onClick={onImport} data-testid={`compat-import-${c.candidate_id}`}>
            {c.has_mds2 ? "Replace MDS2…" : "Import MDS2…"}
          </button>
        </td>
      </tr>
      {isOpen && (
        <tr className="compat-detail-row" id={`compat-detail-${c.candidate_id}`}>
          <td colSpan={AREAS.length + 5}>
            <div className="compat-detail-head">
              <span>
                <span className="field-label">Device profile</span> {c.has_profile ? "stated" : <span className="muted">none yet</span>}
              </span>
              <span>
                <span className="field-label">MDS2 form</span>{" "}
                {c.has_mds2 ? (
                  <span className="code">{fileName}</span>
                ) : (
                  <span className="muted">No MDS2 form yet — import the vendor’s HN 1-2019 form</span>
                )}
              </span>
              {c.has_mds2 && (
                <button
                  type="button"
                  className="small danger-quiet push-right"
                  onClick={onRemove}
                  data-testid={`compat-remove-mds2-${c.candidate_id}`}
                >
                  Remove MDS2 form
                </button>
              )}
            </div>
            <Findings c={c} currency={currency} />
            <EvidencePanel candidateId={c.candidate_id} label={c.label} />
          </td>
        </tr>
      )}
    </tbody>
  );
}
