import type { Mds2Preview, SectionTally as Tally } from "../bindings";
import { FORMAT_LABEL } from "./Mds2Import";

/** What the backend read from the file: recognised questions, device warnings, the tally by section, and the issues. */
export function Mds2PreviewBody({ preview }: { preview: Mds2Preview }) {
  const parse = preview.parse;
  return (
    <div className="mds2-preview">
      <div className="mds2-file">
        <div>
          <span className="strong" data-testid="mds2-file-name">
            {parse.file_name}
          </span>{" "}
          <span className="subtle">{FORMAT_LABEL[parse.format] ?? parse.format}</span>
        </div>
        <div data-testid="mds2-recognised">
          <span className="strong">
            {parse.recognised} of {parse.reference_questions}
          </span>{" "}
          questions recognised
          {parse.form.manufacturer || parse.form.model ? (
            <span className="subtle">
              {" "}
              · form for {[parse.form.manufacturer, parse.form.model].filter(Boolean).join(" ")}
              {parse.form.document_id ? `, ${parse.form.document_id}` : ""}
              {parse.form.release_date ? `, released ${parse.form.release_date}` : ""}
            </span>
          ) : null}
        </div>
      </div>

      {preview.device_warnings.length > 0 && (
        <div className="warn-box" role="alert" data-testid="mds2-device-warnings">
          <strong>Is this the right device?</strong>
          <ul>
            {preview.device_warnings.map((w, i) => (
              <li key={i}>{capitalise(w)}.</li>
            ))}
          </ul>
        </div>
      )}
      {preview.replaces && (
        <div className="info-note" data-testid="mds2-replaces">
          Importing replaces the form imported from <span className="strong">{preview.replaces}</span>.
        </div>
      )}

      <SectionTally sections={parse.sections} />

      <div className="mds2-issues">
        <IssueList
          title="Conflicting answers"
          empty="None."
          tone="warn"
          items={parse.conflicts.map((c) => ({
            key: c.question_id,
            place: c.question_id,
            text: c.answers.join(" vs "),
            message: "left unanswered until the vendor confirms",
          }))}
        />
        <IssueList
          title="Unreadable lines"
          empty="None: every line with a question id was read."
          tone="warn"
          items={parse.unreadable.map((u, i) => ({ key: `${u.place}-${i}`, place: u.place, text: u.text, message: u.message }))}
        />
        <IssueList
          title="Corrections"
          empty="None."
          tone="plain"
          hint="Tolerated oddities, read as shown."
          items={parse.corrections.map((u, i) => ({ key: `${u.place}-${i}`, place: u.place, text: u.text, message: u.message }))}
        />
      </div>
    </div>
  );
}

function SectionTally({ sections }: { sections: Tally[] }) {
  const answered = (n: number) => (n === 0 ? <span className="muted">0</span> : n);
  return (
    <div className="mds2-sections">
      {halves(sections).map((half, h) => (
        <table key={h} className="table compact-table">
          <thead>
            <tr>
              <th>Section</th>
              <th className="num">Questions</th>
              <th className="num">Yes</th>
              <th className="num">No</th>
              <th className="num">N/A</th>
              <th className="num">Text</th>
              <th className="num">Unanswered</th>
            </tr>
          </thead>
          <tbody>
            {half.map((s) => {
              const unanswered = s.questions - s.yes - s.no - s.not_applicable - s.text;
              return (
                <tr key={s.section}>
                  <td className="code">{s.section}</td>
                  <td className="num">{s.questions}</td>
                  <td className="num">{answered(s.yes)}</td>
                  <td className="num">{answered(s.no)}</td>
                  <td className="num">{answered(s.not_applicable)}</td>
                  <td className="num">{answered(s.text)}</td>
                  <td className="num">{unanswered > 0 ? <span className="strong">{unanswered}</span> : <span className="muted">0</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/** The sections in two columns, so the tally fits the dialog without scrolling. */
export function halves<T>(items: T[]): T[][] {
  const mid = Math.ceil(items.length / 2);
  return [items.slice(0, mid), items.slice(mid)];
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function IssueList({
  title,
  items,
  empty,
  tone,
  hint,
}: {
  title: string;
  items: { key: string; place: string; text: string; message: string }[];
  empty: string;
  tone: "warn" | "plain";
  hint?: string;
}) {
  return (
    <section className={`issue-list${items.length > 0 && tone === "warn" ? " issue-list-warn" : ""}`}>
      <h4>
        {title} <span className="tab-count">{items.length}</span>
      </h4>
      {items.length === 0 ? (
        <p className="subtle">{empty}</p>
      ) : (
        <>
          {hint && <p className="subtle">{hint}</p>}
          <ul className="plain">
            {items.map((it) => (
              <li key={it.key}>
                <span className="issue-place">{it.place}</span> <code className="issue-text">{it.text}</code>
                <div className="subtle">{it.message}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
