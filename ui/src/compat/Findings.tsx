import { useState } from "react";
import type { Area, CandidateCompatibility, Finding } from "../bindings";
import { AREA_LABEL, scoreClass, scoreText, SEVERITY_LABEL, STATUS_LABEL } from "./compat";
import { formatMoney } from "../components/format";

export function ScoreBar({ area, c }: { area: Area; c: CandidateCompatibility }) {
  const s = c.scores.find((x) => x.area === area);
  const score = s?.score ?? null;
  return (
    <span
      className="cbar-cell"
      title={s && score !== null ? `${AREA_LABEL[area]}: ${s.earned} of ${s.possible} points` : "No profile or MDS2 form yet"}
    >
      <span className="cbar">
        {score !== null && <span className={`cbar-fill ${scoreClass(score)}`} style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />}
      </span>
      <span className={`cbar-num${score === null ? " muted" : ""}`} data-testid={`compat-score-${area}-${c.candidate_id}`}>
        {scoreText(score)}
      </span>
      {s && s.unconfirmed > 0 && s.low !== null && s.high !== null && s.low !== s.high && (
        <span
          className="muted score-range"
          data-testid={`compat-range-${area}-${c.candidate_id}`}
          title={`${s.unconfirmed} point${s.unconfirmed === 1 ? "" : "s"} unconfirmed: all failed to all passed`}
        >
          ({scoreText(s.low)}–{scoreText(s.high)})
        </span>
      )}
    </span>
  );
}

export function GapBadges({ c }: { c: CandidateCompatibility }) {
  const none = c.blocking + c.major + c.minor + c.unconfirmed === 0;
  if (none) return <span className="muted">{c.has_profile || c.has_mds2 || c.evidence.length > 0 ? "No gaps" : "—"}</span>;
  return (
    <span className="sev-badges">
      {c.blocking > 0 && (
        <span className="sev sev-blocking" data-testid={`compat-blocking-${c.candidate_id}`} title="Blocking gaps">
          {c.blocking} blocking
        </span>
      )}
      {c.major > 0 && (
        <span className="sev sev-major" title="Major gaps">
          {c.major} major
        </span>
      )}
      {c.minor > 0 && (
        <span className="sev sev-minor" title="Minor gaps">
          {c.minor} minor
        </span>
      )}
      {c.unconfirmed > 0 && (
        <span className="sev sev-unconfirmed" title="Required by the site, but neither the profile nor the MDS2 form says">
          {c.unconfirmed} unconfirmed
        </span>
      )}
    </span>
  );
}

export function findingBadge(f: Finding): { cls: string; text: string } {
  if (f.status === "gap" && f.severity) return { cls: `sev-${f.severity}`, text: SEVERITY_LABEL[f.severity] };
  if (f.status === "unconfirmed") return { cls: "sev-unconfirmed", text: "Unconfirmed" };
  if (f.status === "advisory") return { cls: "sev-advisory", text: "Advisory" };
  if (f.status === "pass") return { cls: "sev-pass", text: "Passed" };
  return { cls: "sev-na", text: "N/A" };
}

/** A backend message as a sentence: capital first, full stop last (unless it has one). */
export function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.?!]$/.test(t) ? t : `${t}.`;
}

export function FindingItem({ f, currency }: { f: Finding; currency: string }) {
  const b = findingBadge(f);
  return (
    <li className={`finding finding-${f.status}`}>
      <span className={`sev ${b.cls}`} title={STATUS_LABEL[f.status]}>
        {b.text}
      </span>
      <div className="finding-body">
        <div>
          <span className="strong">{f.title}</span> <span className="area-chip">{AREA_LABEL[f.area]}</span>
          {f.status === "unconfirmed" && f.severity && <span className="subtle"> · counts as {f.severity} until confirmed</span>}
        </div>
        <div>{sentence(f.message)}</div>
        <div className="subtle">Source: {f.source}</div>
        {f.evidence.length > 0 && (
          <ul className="evidence-notes" data-testid={`finding-evidence-${f.rule}`}>
            {f.evidence.map((n, i) => (
              <li key={i} className={n.supports ? "evidence-supports" : "evidence-against"}>
                <span aria-hidden="true">{n.supports ? "✓" : "✗"}</span> {n.source}: {n.text}
                {n.place && <span className="subtle"> · {n.place}</span>}
              </li>
            ))}
          </ul>
        )}
        {f.status === "gap" && f.remediation_cost !== null && (
          <div className="remedy">
            Remediation <span className="strong">{formatMoney({ amount: f.remediation_cost, currency })}</span>
            {f.remediation ? `: ${f.remediation}` : ""}
          </div>
        )}
      </div>
    </li>
  );
}

export function Findings({ c, currency }: { c: CandidateCompatibility; currency: string }) {
  const [showAll, setShowAll] = useState(false);
  const gaps = c.findings.filter((f) => f.status === "gap" || f.status === "unconfirmed");
  const rest = c.findings.filter((f) => f.status !== "gap" && f.status !== "unconfirmed");
  const advisory = rest.filter((f) => f.status === "advisory").length;
  return (
    <div className="findings" data-testid={`compat-findings-${c.candidate_id}`}>
      {gaps.length === 0 ? (
        <p className="muted">
          {c.has_profile || c.has_mds2 || c.evidence.length > 0
            ? "No gaps: every point the site requires is met or not applicable."
            : "Nothing to check yet: state the device’s profile or import its MDS2 form."}
        </p>
      ) : (
        <ul className="finding-list">
          {gaps.map((f) => (
            <FindingItem key={f.rule} f={f} currency={currency} />
          ))}
        </ul>
      )}
      {rest.length > 0 && (
        <>
          <label className="check show-all">
            <input
              type="checkbox"
              checked={showAll}
              onChange={(e) => setShowAll(e.target.checked)}
              data-testid={`compat-show-all-${c.candidate_id}`}
            />
            Also show passed, advisory and not-applicable checks ({rest.length}
            {advisory > 0 ? `, ${advisory} advisory` : ""})
          </label>
          {showAll && (
            <ul className="finding-list finding-list-rest">
              {rest.map((f) => (
                <FindingItem key={f.rule} f={f} currency={currency} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
