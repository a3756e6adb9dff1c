import { useCallback, useEffect, useMemo, useState } from "react";
import { api, errorPayload, pickMds2File } from "../api";
import type {
  Area,
  CandidateCompatibility,
  CompatibilityReport,
  ErrorPayload,
  Finding,
  Mds2Cell,
  Mds2Comparison,
} from "../bindings";
import {
  answerLabel,
  AREA_LABEL,
  AREAS,
  scoreClass,
  scoreText,
  SEVERITY_LABEL,
  siteRequiresNothing,
  STATUS_LABEL,
} from "./compat";
import { ConfirmDialog, EmptyState, ErrorBanner, useReport } from "../components/components";
import { DeviceProfileEditor } from "./DeviceProfileEditor";
import { compareDecimal, formatMoney } from "../components/format";
import { Mds2ImportDialog } from "./Mds2Import";
import type { Refresh, RequestData } from "../request/RequestPage";
import { navigate } from "../app/route";

function ScoreBar({ area, c }: { area: Area; c: CandidateCompatibility }) {
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
    </span>
  );
}

function GapBadges({ c }: { c: CandidateCompatibility }) {
  const none = c.blocking + c.major + c.minor + c.unconfirmed === 0;
  if (none) return <span className="muted">{c.has_profile || c.has_mds2 ? "No gaps" : "—"}</span>;
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

function findingBadge(f: Finding): { cls: string; text: string } {
  if (f.status === "gap" && f.severity) return { cls: `sev-${f.severity}`, text: SEVERITY_LABEL[f.severity] };
  if (f.status === "unconfirmed") return { cls: "sev-unconfirmed", text: "Unconfirmed" };
  if (f.status === "advisory") return { cls: "sev-advisory", text: "Advisory" };
  if (f.status === "pass") return { cls: "sev-pass", text: "Passed" };
  return { cls: "sev-na", text: "N/A" };
}

/** A backend message as a sentence: capital first, full stop last (unless it has one). */
function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.?!]$/.test(t) ? t : `${t}.`;
}

function FindingItem({ f, currency }: { f: Finding; currency: string }) {
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

function Findings({ c, currency }: { c: CandidateCompatibility; currency: string }) {
  const [showAll, setShowAll] = useState(false);
  const gaps = c.findings.filter((f) => f.status === "gap" || f.status === "unconfirmed");
  const rest = c.findings.filter((f) => f.status !== "gap" && f.status !== "unconfirmed");
  const advisory = rest.filter((f) => f.status === "advisory").length;
  return (
    <div className="findings" data-testid={`compat-findings-${c.candidate_id}`}>
      {gaps.length === 0 ? (
        <p className="muted">
          {c.has_profile || c.has_mds2
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
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} data-testid={`compat-show-all-${c.candidate_id}`} />
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

function AnswerCell({ cell }: { cell: Mds2Cell | null }) {
  if (cell === null) return <span className="muted">—</span>;
  if (cell.answer === null) return <span className="ans-text">{cell.note || <span className="muted">conflicting answers</span>}</span>;
  return (
    <span className="ans-cell">
      <span className={`ans ans-${cell.answer === "n/a" ? "na" : cell.answer}`}>{answerLabel(cell.answer)}</span>
      {cell.note && <span className="ans-note">{cell.note}</span>}
    </span>
  );
}

function Mds2SideBySide({ cmp, onImport }: { cmp: Mds2Comparison; onImport: (candidateId: number) => void }) {
  const [diffOnly, setDiffOnly] = useState(true);
  const [section, setSection] = useState("");
  const [query, setQuery] = useState("");
  const sections = useMemo(() => [...new Set(cmp.rows.map((r) => r.section))], [cmp]);
  const withForm = cmp.columns.filter((c) => c.has_form).length;
  const q = query.trim().toLowerCase();
  const rows = cmp.rows.filter(
    (r) =>
      (!diffOnly || r.differs) &&
      (section === "" || r.section === section) &&
      (q === "" ||
        r.question_id.toLowerCase().includes(q) ||
        r.question.toLowerCase().includes(q) ||
        r.cells.some((c) => c?.note.toLowerCase().includes(q))),
  );

  return (
    <section className="subsection" aria-labelledby="mds2-compare-title">
      <div className="section-head">
        <h3 id="mds2-compare-title">MDS2 side by side</h3>
        <span className="method" data-testid="mds2-differing">
          {cmp.differing} question{cmp.differing === 1 ? "" : "s"} differ
        </span>
      </div>
      {withForm === 0 ? (
        <EmptyState title="No MDS2 form yet — import the vendor’s HN 1-2019 form">
          <p>The Manufacturer Disclosure Statement for Medical Device Security lists each device’s security capabilities; with two or more, their answers are compared here.</p>
        </EmptyState>
      ) : (
        <>
          <div className="filter-bar">
            <label className="check">
              <input type="checkbox" checked={diffOnly} onChange={(e) => setDiffOnly(e.target.checked)} data-testid="mds2-differences-only" />
              Differences only
            </label>
            <label className="inline-label">
              Section
              <select value={section} onChange={(e) => setSection(e.target.value)} data-testid="mds2-section">
                <option value="">All sections</option>
                {sections.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <input
              type="search"
              className="search"
              placeholder="Search questions, ids and notes"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-label="Search the MDS2 questions"
              data-testid="mds2-search"
            />
            <span className="subtle push-right">
              {rows.length} of {cmp.rows.length} questions shown
            </span>
          </div>
          {withForm === 1 && diffOnly && (
            <div className="info-note">Only one candidate has an MDS2 form, so nothing differs yet. Untick “Differences only” to read its answers.</div>
          )}
          <div className="grid-wrap">
            <table className="table mds2-table">
              <thead>
                <tr>
                  <th className="qid-col">Question</th>
                  <th>Text</th>
                  {cmp.columns.map((c) => (
                    <th key={c.candidate_id} className="cand-col">
                      <div className="strong">{c.label}</div>
                      {c.has_form ? (
                        <div className="subtle file-name" title={c.file_name}>
                          {c.file_name}
                        </div>
                      ) : (
                        <button type="button" className="small link-button" onClick={() => onImport(c.candidate_id)}>
                          No form: import…
                        </button>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={cmp.columns.length + 2} className="muted">
                      No question matches.
                    </td>
                  </tr>
                ) : (
                  rows.map((r) => (
                    <tr key={r.question_id} className={r.differs ? "differs" : ""} data-testid={`mds2-row-${r.question_id}`}>
                      <td className="code qid-col">{r.question_id}</td>
                      <td className="question">{r.question}</td>
                      {r.cells.map((cell, i) => (
                        <td key={cmp.columns[i]?.candidate_id ?? i} className="ans-col">
                          {cmp.columns[i]?.has_form ? <AnswerCell cell={cell} /> : <span className="muted">no form</span>}
                        </td>
                      ))}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function CompatibilityTab({ data, refresh }: { data: RequestData; refresh: Refresh }) {
  const report = useReport();
  const requestId = data.request.id;
  const currency = data.request.currency;
  const [compat, setCompat] = useState<CompatibilityReport | null>(null);
  const [cmp, setCmp] = useState<Mds2Comparison | null>(null);
  const [disqualify, setDisqualify] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<{ id: number; label: string } | null>(null);
  const [importing, setImporting] = useState<{ id: number; label: string; path: string } | null>(null);
  const [removing, setRemoving] = useState<{ id: number; label: string; file: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const [r, c, d] = await Promise.all([
        api.requestCompatibility(requestId),
        api.compareMds2(requestId),
        api.getDisqualifyBlocking(requestId),
      ]);
      setCompat(r);
      setCmp(c);
      setDisqualify(d);
    } catch (e) {
      report(errorPayload(e));
    }
  }, [requestId, report]);

  useEffect(() => {
    void load();
  }, [load, data.candidates]);

  /** After any change: the report here, and the ranking (scores and disqualification feed it). */
  const afterChange = useCallback(async () => {
    await Promise.all([load(), refresh(["ranking"])]);
  }, [load, refresh]);

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

      <div className="compat-options">
        <label className="check">
          <input
            type="checkbox"
            checked={disqualify}
            disabled={busy}
            data-testid="compat-disqualify"
            onChange={async (e) => {
              const on = e.target.checked;
              setBusy(true);
              setDisqualify(on);
              try {
                await api.setDisqualifyBlocking(requestId, on);
                await afterChange();
              } catch (err) {
                setDisqualify(!on);
                report(errorPayload(err));
              } finally {
                setBusy(false);
              }
            }}
          />
          Leave candidates with a blocking gap out of the ranking
        </label>
        <span className="subtle">
          {disqualify ? "They are listed last in the ranking, without a rank." : "They are ranked, with their blocking gaps flagged."}
        </span>
        <button
          type="button"
          className="small push-right"
          onClick={() => setOpen(allOpen ? new Set() : new Set(compat.candidates.map((c) => c.candidate_id)))}
        >
          {allOpen ? "Collapse all findings" : "Expand all findings"}
        </button>
      </div>

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
        {compat.candidates.map((c) => {
          const isOpen = open.has(c.candidate_id);
          const hasRemediation = compareDecimal(c.remediation_total, "0") > 0;
          return (
            <tbody key={c.candidate_id} className={isOpen ? "compat-open" : ""}>
              <tr data-testid={`compat-row-${c.candidate_id}`} className={c.disqualified ? "disqualified" : ""}>
                <td>
                  <button
                    type="button"
                    className="disclosure"
                    aria-expanded={isOpen}
                    aria-controls={`compat-detail-${c.candidate_id}`}
                    onClick={() => toggle(c.candidate_id)}
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
                <td className="num money">
                  {hasRemediation ? formatMoney({ amount: c.remediation_total, currency }) : <span className="muted">—</span>}
                </td>
                <td className="sources">
                  <span className={`src${c.has_profile ? " src-yes" : ""}`} title={c.has_profile ? "Device profile stated" : "No device profile yet"}>
                    {c.has_profile ? "✓" : "✗"} Profile
                  </span>
                  <span className={`src${c.has_mds2 ? " src-yes" : ""}`} title={c.has_mds2 ? fileOf(c.candidate_id) : "No MDS2 form yet"}>
                    {c.has_mds2 ? "✓" : "✗"} MDS2
                  </span>
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="small"
                    onClick={() => setEditing({ id: c.candidate_id, label: c.label })}
                    data-testid={`compat-edit-profile-${c.candidate_id}`}
                  >
                    Edit profile
                  </button>
                  <button
                    type="button"
                    className="small"
                    onClick={() => void startImport(c.candidate_id)}
                    data-testid={`compat-import-${c.candidate_id}`}
                  >
                    {c.has_mds2 ? "Replace MDS2…" : "Import MDS2…"}
                  </button>
                </td>
              </tr>
              {isOpen && (
                <tr className="compat-detail-row" id={`compat-detail-${c.candidate_id}`}>
                  <td colSpan={AREAS.length + 5}>
                    <div className="compat-detail-head">
                      <span>
                        <span className="field-label">Device profile</span>{" "}
                        {c.has_profile ? "stated" : <span className="muted">none yet</span>}
                      </span>
                      <span>
                        <span className="field-label">MDS2 form</span>{" "}
                        {c.has_mds2 ? (
                          <span className="code">{fileOf(c.candidate_id)}</span>
                        ) : (
                          <span className="muted">No MDS2 form yet — import the vendor’s HN 1-2019 form</span>
                        )}
                      </span>
                      {c.has_mds2 && (
                        <button
                          type="button"
                          className="small danger-quiet push-right"
                          onClick={() => setRemoving({ id: c.candidate_id, label: c.label, file: fileOf(c.candidate_id) })}
                          data-testid={`compat-remove-mds2-${c.candidate_id}`}
                        >
                          Remove MDS2 form
                        </button>
                      )}
                    </div>
                    <Findings c={c} currency={currency} />
                  </td>
                </tr>
              )}
            </tbody>
          );
        })}
      </table>
      <p className="footnote">
        Scores are points passed over points applicable, per area; “—” means the candidate has neither a profile nor an MDS2
        form. Unconfirmed points (required by the site, stated nowhere) count against the score until the vendor confirms
        them. Remediation in {currency}.
      </p>

      <Mds2SideBySide cmp={cmp} onImport={(id) => void startImport(id)} />

      {editing && (
        <DeviceProfileEditor
          candidateId={editing.id}
          label={editing.label}
          onClose={() => setEditing(null)}
          onSaved={afterChange}
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
          onImported={afterChange}
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
              await api.deleteMds2Form(id);
              await afterChange();
            } catch (e) {
              report(errorPayload(e));
            }
          }}
        />
      )}
    </>
  );
}
