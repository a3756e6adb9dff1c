import { useMemo, useState } from "react";
import type { Mds2Cell, Mds2Comparison } from "../bindings";
import { answerLabel } from "./compat";
import { EmptyState } from "../components/display";

export function AnswerCell({ cell }: { cell: Mds2Cell | null }) {
  if (cell === null) return <span className="muted">—</span>;
  if (cell.answer === null) return <span className="ans-text">{cell.note || <span className="muted">conflicting answers</span>}</span>;
  return (
    <span className="ans-cell">
      <span className={`ans ans-${cell.answer === "n/a" ? "na" : cell.answer}`}>{answerLabel(cell.answer)}</span>
      {cell.note && <span className="ans-note">{cell.note}</span>}
    </span>
  );
}

export function Mds2SideBySide({ cmp, onImport }: { cmp: Mds2Comparison; onImport: (candidateId: number) => void }) {
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
          <p>
            The Manufacturer Disclosure Statement for Medical Device Security lists each device’s security capabilities; with two or more, their
            answers are compared here.
          </p>
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
            <div className="info-note">
              Only one candidate has an MDS2 form, so nothing differs yet. Untick “Differences only” to read its answers.
            </div>
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
