import type { ImportKind, ImportPreview, Rejection, SavedMapping } from "../bindings";
import { ASSET_FIELD_LABELS, ASSET_FIELD_VALUES, DATE_ORDER_LABELS, DATE_ORDER_VALUES, WORK_ORDER_FIELD_LABELS, WORK_ORDER_FIELD_VALUES } from "../ipc.gen";

/** The fields a kind of export maps, with their names as shown. */
export function fieldsOf(kind: ImportKind): { value: string; label: string }[] {
  return kind === "assets"
    ? ASSET_FIELD_VALUES.map((f) => ({ value: f, label: ASSET_FIELD_LABELS[f] }))
    : WORK_ORDER_FIELD_VALUES.map((f) => ({ value: f, label: WORK_ORDER_FIELD_LABELS[f] }));
}

/** Rejections shown (the preview holds them all; the CLI's JSON too). */
const SHOWN = 50;

function Problems({ title, list, testId }: { title: string; list: Rejection[]; testId: string }) {
  if (list.length === 0) return null;
  return (
    <details open={title.startsWith("Rejected")} data-testid={testId}>
      <summary>
        {title} ({list.length})
      </summary>
      <table className="mapping-grid">
        <thead>
          <tr>
            <th>Row</th>
            <th>Column</th>
            <th>Value</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, SHOWN).map((r, i) => (
            <tr key={`${r.row}-${r.column}-${i}`}>
              <td className="num">{r.row}</td>
              <td>{r.header}</td>
              <td className="mono">{r.value}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length > SHOWN && <p className="muted small">… and {list.length - SHOWN} more.</p>}
    </details>
  );
}

/**
 * The mapping step: each column of the file with the field it goes to (suggested from its
 * header, or as saved for the source system), what the engine read of it, the questions it
 * asks and every rejected value with its row, column and reason.
 */
export function MappingStep({
  preview,
  mapping,
  onMapping,
}: {
  preview: ImportPreview;
  mapping: SavedMapping;
  onMapping: (m: SavedMapping) => void;
}) {
  const reading = preview.assets ?? preview.work_orders;
  const fields = fieldsOf(preview.kind);
  const fieldOf = (header: string) => Object.entries(mapping.fields).find(([, h]) => h === header)?.[0] ?? "";
  const setField = (header: string, field: string) => {
    const next: Record<string, string> = {};
    for (const [f, h] of Object.entries(mapping.fields)) if (h !== header && f !== field) next[f] = h;
    if (field) next[field] = header;
    onMapping({ ...mapping, fields: next });
  };
  const s = reading?.source;
  return (
    <div data-testid="import-mapping">
      {s && reading && (
        <p className="muted small" data-testid="import-detected">
          {s.file}: {s.format}
          {s.encoding ? `, ${s.encoding}` : ""}
          {s.separator ? `, separated by ${s.separator === "\t" ? "tabs" : `“${s.separator}”`}` : ""}
          {s.sheet ? `, sheet “${s.sheet}”` : ""} · header on row {reading.header_row} · {reading.rows.toLocaleString()} rows · mapping{" "}
          {preview.mapping_origin === "saved" ? `saved for ${preview.source}` : preview.mapping_origin === "given" ? "as set here" : "suggested from the headers"}
        </p>
      )}
      {preview.mapping_problem && (
        <p className="inline-problem" role="alert" data-testid="import-mapping-problem">
          {preview.mapping_problem}: choose the column of each field below.
        </p>
      )}
      <table className="mapping-grid">
        <thead>
          <tr>
            <th>Column</th>
            <th>Goes to</th>
            <th>Read as</th>
            <th className="num">Read</th>
            <th className="num">Blank</th>
            <th className="num">Rejected</th>
            <th>Examples</th>
          </tr>
        </thead>
        <tbody>
          {preview.header.map((header, i) => {
            const report = reading?.columns.find((c) => c.column === i + 1);
            return (
              <tr key={`${i}-${header}`}>
                <td>{header || <span className="muted">(no header)</span>}</td>
                <td>
                  <select
                    value={fieldOf(header)}
                    onChange={(e) => setField(header, e.target.value)}
                    aria-label={`Field of column ${header}`}
                    data-testid={`map-${i + 1}`}
                  >
                    <option value="">— not imported —</option>
                    {fields.map((f) => (
                      <option key={f.value} value={f.value}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="small">{report?.detected ?? ""}</td>
                <td className="num">{report?.parsed ?? ""}</td>
                <td className="num">{report?.blank ?? ""}</td>
                <td className="num" style={report && report.rejected > 0 ? { color: "var(--danger)" } : undefined}>{report?.rejected ?? ""}</td>
                <td className="small mono">{report?.examples.join(" | ")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {reading && reading.questions.length > 0 && (
        <div className="notice" role="alert" data-testid="import-question">
          {reading.questions.map((q) => (
            <p key={q.column}>
              {q.question} (e.g. {q.examples.join(", ")})
            </p>
          ))}
          <label className="inline-label">
            Dates are{" "}
            <select
              value={mapping.date_order ?? ""}
              onChange={(e) => onMapping({ ...mapping, date_order: (e.target.value || null) as SavedMapping["date_order"] })}
              data-testid="import-date-order"
            >
              <option value="">— choose —</option>
              {DATE_ORDER_VALUES.map((o) => (
                <option key={o} value={o}>
                  {DATE_ORDER_LABELS[o]}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {reading && <Problems title="Rejected values" list={reading.rejected} testId="import-rejected" />}
      {reading && <Problems title="Warnings" list={reading.warnings} testId="import-warnings" />}
    </div>
  );
}
