import { type FormEvent, useEffect, useRef, useState } from "react";
import { AhpPanel } from "../analysis/AhpPanel";
import { api, errorPayload, fieldName, isFieldError } from "../api";
import type { Criterion, CriterionInput, CriterionKind, CriterionSource, Direction } from "../bindings";
import { isCompatSource } from "../compat/compat";
import { familyColor, percent } from "../components/format";
import type { Refresh, RequestData } from "./RequestPage";
import { ConfirmDialog } from "../components/dialogs";
import { Field } from "../components/fields";
import { useReport } from "../components/report";

function parseWeight(text: string): number | string {
  const t = text.trim();
  if (!t) return "Enter a weight (0 or more).";
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) {
    return /^-/.test(t) ? "Weights cannot be negative." : "Enter a number, e.g. 12 or 7.5.";
  }
  const n = Number(t);
  if (!Number.isFinite(n)) return "Enter a number, e.g. 12 or 7.5.";
  return n;
}

function WeightInput({ criterion, onSaved }: { criterion: Criterion; onSaved: () => Promise<void> }) {
  const report = useReport();
  const [text, setText] = useState(String(criterion.weight));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const cancelling = useRef(false);
  const lastSaved = useRef(criterion.weight);
  if (lastSaved.current !== criterion.weight && !saving) {
    // The tree changed underneath (another edit): follow it.
    lastSaved.current = criterion.weight;
    setText(String(criterion.weight));
  }

  const commit = async (value: string) => {
    const parsed = parseWeight(value);
    if (typeof parsed === "string") {
      setError(parsed);
      return;
    }
    setError(null);
    if (parsed === criterion.weight) return;
    setSaving(true);
    try {
      const saved = await api.setWeight(criterion.id, parsed);
      lastSaved.current = saved.weight;
      setText(String(saved.weight));
      await onSaved();
    } catch (e) {
      const p = errorPayload(e);
      if (p.kind === "validation" || p.kind === "conflict") setError(p.message);
      else report(p);
    } finally {
      setSaving(false);
    }
  };

  return (
    <span className="weight-cell">
      <input
        data-testid={`weight-${criterion.id}`}
        className={`weight-input num${error ? " invalid" : ""}`}
        inputMode="decimal"
        value={text}
        aria-label={`Weight of ${criterion.name}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `weight-err-${criterion.id}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            void commit(e.currentTarget.value);
          } else if (e.key === "Escape") {
            cancelling.current = true;
            setText(String(criterion.weight));
            setError(null);
          }
        }}
        onBlur={(e) => {
          if (cancelling.current) {
            cancelling.current = false;
            return;
          }
          void commit(e.currentTarget.value);
        }}
      />
      {error && (
        <span className="inline-error" id={`weight-err-${criterion.id}`} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

const SOURCES: { value: CriterionSource; label: string; hint: string }[] = [
  { value: "entered", label: "Entered", hint: "Values entered in the Scoring tab" },
  { value: "lifecycle_cost", label: "Computed from lifecycle cost", hint: "Each candidate's equivalent annual cost, from its cost model" },
  { value: "ehr_score", label: "Computed: EHR integration score", hint: "From the compatibility check, 0–100 points" },
  { value: "network_score", label: "Computed: network score", hint: "From the compatibility check, 0–100 points" },
  { value: "security_score", label: "Computed: cybersecurity score", hint: "From the compatibility check and MDS2 form, 0–100 points" },
];

const CRIT_FIELDS = ["category_id", "name", "description", "direction", "kind", "unit", "anchors", "weight", "source"] as const;
type CritErrors = Partial<Record<(typeof CRIT_FIELDS)[number], string>>;

function CriterionForm({
  data,
  initial,
  categoryId,
  onSubmit,
  onCancel,
}: {
  data: RequestData;
  initial: Criterion | null;
  categoryId: number;
  onSubmit: (input: CriterionInput) => Promise<void>;
  onCancel: () => void;
}) {
  const report = useReport();
  const [cat, setCat] = useState(String(initial?.category_id ?? categoryId));
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [kind, setKind] = useState<CriterionKind>(initial?.kind ?? "judged");
  const [direction, setDirection] = useState<Direction>(initial?.direction ?? "benefit");
  const [unit, setUnit] = useState(initial?.unit ?? "");
  const [anchors, setAnchors] = useState<string[]>(() => {
    const a = initial?.anchors ?? [];
    return [0, 1, 2, 3, 4].map((i) => a[i] ?? "");
  });
  const [weight, setWeight] = useState(String(initial?.weight ?? 0));
  const [source, setSource] = useState<CriterionSource>(initial?.source ?? "entered");
  const computed = source !== "entered";
  const compat = isCompatSource(source);
  const chooseSource = (s: CriterionSource) => {
    setSource(s);
    // A computed source fixes what the values are: measured, and which way is better.
    if (s === "lifecycle_cost") {
      setKind("measured");
      setDirection("cost");
      if (!unit.trim() || unit === "points") setUnit(`${data.request.currency}/year`);
    } else if (isCompatSource(s)) {
      setKind("measured");
      setDirection("benefit");
      setUnit("points");
    }
  };
  const [errors, setErrors] = useState<CritErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: CritErrors = {};
    if (!name.trim()) errs.name = "Name is required.";
    const w = parseWeight(weight);
    if (typeof w === "string") errs.weight = w;
    if (kind === "measured" && !unit.trim()) errs.unit = "A measured criterion needs a unit, e.g. USD or gaps.";
    if (kind === "judged" && anchors.some((a) => !a.trim())) errs.anchors = "Describe all five levels of the scale.";
    setErrors(errs);
    if (Object.keys(errs).length || typeof w === "string") return;
    setBusy(true);
    try {
      await onSubmit({
        category_id: Number(cat),
        name: name.trim(),
        description: description.trim(),
        direction,
        kind,
        unit: kind === "measured" ? unit.trim() : "",
        anchors: kind === "judged" ? anchors.map((a) => a.trim()) : [],
        weight: w,
        source,
      });
    } catch (err) {
      const p = errorPayload(err);
      if (isFieldError(p, CRIT_FIELDS)) setErrors({ [fieldName(p) as string]: p.message });
      else report(p);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-card" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{initial ? `Edit criterion “${initial.name}”` : "Add a criterion"}</h3>
      <div className="form-grid">
        <Field label="Category" error={errors.category_id}>
          <select value={cat} onChange={(e) => setCat(e.target.value)}>
            {data.tree.map((t) => (
              <option key={t.category.id} value={t.category.id}>
                {t.category.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Name" error={errors.name} wide>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
        <Field label="Kind" error={errors.kind}>
          <select value={kind} onChange={(e) => setKind(e.target.value as CriterionKind)} disabled={computed}>
            <option value="judged">Judged by evaluators (1–5)</option>
            <option value="measured">Measured from data</option>
          </select>
        </Field>
        <Field label="Direction" error={errors.direction}>
          <select value={direction} onChange={(e) => setDirection(e.target.value as Direction)} disabled={computed}>
            <option value="benefit">Benefit (higher is better)</option>
            <option value="cost">Cost (lower is better)</option>
          </select>
        </Field>
        {kind === "measured" && (
          <Field label="Unit" error={errors.unit}>
            <input
              value={unit}
              onChange={(e) => setUnit(e.target.value)}
              placeholder="USD, gaps, points"
              readOnly={compat}
              className={compat ? "readonly" : ""}
            />
          </Field>
        )}
        <Field label="Source" error={errors.source} hint={SOURCES.find((x) => x.value === source)?.hint ?? ""}>
          <select value={source} onChange={(e) => chooseSource(e.target.value as CriterionSource)} data-testid="criterion-source">
            {SOURCES.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Weight" error={errors.weight}>
          <input value={weight} onChange={(e) => setWeight(e.target.value)} inputMode="decimal" className="num" />
        </Field>
        <Field label="Description" error={errors.description} wide>
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        {kind === "judged" && (
          <fieldset className="anchors field-wide">
            <legend>Anchored scale: what each level means</legend>
            {anchors.map((a, i) => (
              <label key={i} className="anchor-row">
                <span className="anchor-level">{i + 1}</span>
                <input
                  value={a}
                  onChange={(e) => setAnchors(anchors.map((x, j) => (j === i ? e.target.value : x)))}
                  aria-label={`Level ${i + 1}`}
                />
              </label>
            ))}
            {errors.anchors && <span className="field-error">{errors.anchors}</span>}
          </fieldset>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {initial ? "Save criterion" : "Add criterion"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function CriteriaTab({ data, refresh }: { data: RequestData; refresh: Refresh }) {
  const report = useReport();
  const [editing, setEditing] = useState<{ criterion: Criterion | null; categoryId: number } | null>(null);
  const [deleting, setDeleting] = useState<Criterion | null>(null);
  const total = data.tree.reduce((a, t) => a + t.criteria.reduce((b, c) => b + c.weight, 0), 0);
  const share = (w: number) => (total > 0 ? w / total : 0);
  const affected = ["tree", "ranking", "scores", "measurements"] as const;
  const countFor = (c: Criterion) =>
    c.kind === "judged"
      ? data.scores.filter((s) => s.criterion_id === c.id).length
      : data.measurements.filter((m) => m.criterion_id === c.id).length;

  const subtotals = data.tree.map((t) => t.criteria.reduce((a, c) => a + c.weight, 0));
  const modeKey = `caliper.weights-mode.${data.request.id}`;
  const [mode, setMode] = useState<"direct" | "pairwise">(() => {
    try {
      return localStorage.getItem(modeKey) === "pairwise" ? "pairwise" : "direct";
    } catch {
      return "direct";
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(modeKey, mode);
    } catch {
      // Not remembered; harmless.
    }
  }, [modeKey, mode]);

  return (
    <>
      <div className="section-head">
        <h2>Criteria and weights</h2>
        <div className="seg-toggle" role="radiogroup" aria-label="How weights are set">
          {(
            [
              ["direct", "Direct weights"],
              ["pairwise", "Pairwise comparison"],
            ] as const
          ).map(([m, label]) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? "seg-on" : ""}
              onClick={() => setMode(m)}
              data-testid={`weights-mode-${m}`}
            >
              {label}
            </button>
          ))}
        </div>
        {editing === null && data.tree.length > 0 && mode === "direct" && (
          <button type="button" onClick={() => setEditing({ criterion: null, categoryId: data.tree[0]?.category.id ?? 0 })}>
            Add criterion
          </button>
        )}
      </div>
      {mode === "direct" ? (
        <p className="muted">
          Weights are entered as raw numbers and normalised to shares of 100 % for the ranking. A weight saves on Enter or
          when you leave the field.
        </p>
      ) : (
        <p className="muted">
          Pairwise comparison (AHP): compare the categories with each other, then the criteria within each category. Nothing
          changes until you apply the resulting weights; the bar below shows the weights in use now.
        </p>
      )}

      {total > 0 && (
        <div className="share-bar-wrap" aria-label="Category shares">
          <div className="share-bar">
            {data.tree.map((t, i) => {
              const s = share(subtotals[i] ?? 0);
              return s > 0 ? (
                <div
                  key={t.category.id}
                  className="share-seg"
                  style={{ width: `${s * 100}%`, background: familyColor(i) }}
                  title={`${t.category.name}: ${percent(s)}`}
                >
                  {s >= 0.1 ? percent(s) : ""}
                </div>
              ) : null;
            })}
          </div>
          <div className="share-legend">
            {data.tree.map((t, i) => (
              <span key={t.category.id}>
                <i className="swatch" style={{ background: familyColor(i) }} />
                {t.category.name} {percent(share(subtotals[i] ?? 0))}
              </span>
            ))}
            <span className="share-total">Total {percent(1)}</span>
          </div>
        </div>
      )}
      {total === 0 && data.tree.length > 0 && (
        <div className="notice">All weights are zero: give at least one criterion a weight to rank candidates.</div>
      )}

      {mode === "pairwise" && <AhpPanel data={data} refresh={refresh} />}

      {mode === "direct" && editing && (
        <CriterionForm
          key={editing.criterion?.id ?? `new-${editing.categoryId}`}
          data={data}
          initial={editing.criterion}
          categoryId={editing.categoryId}
          onCancel={() => setEditing(null)}
          onSubmit={async (input) => {
            if (editing.criterion) await api.updateCriterion(editing.criterion.id, input);
            else await api.addCriterion(input);
            setEditing(null);
            await refresh([...affected]);
          }}
        />
      )}

      {mode === "direct" && (
      <table className="table criteria-table">
        <thead>
          <tr>
            <th>Criterion</th>
            <th>Kind</th>
            <th>Direction</th>
            <th className="num">Weight</th>
            <th className="share-col">Share</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        {data.tree.map((t, i) => (
          <tbody key={t.category.id}>
            <tr className="group-row">
              <th colSpan={3} scope="rowgroup">
                <i className="swatch" style={{ background: familyColor(i) }} />
                {t.category.name}
              </th>
              <td className="num">{formatWeight(subtotals[i] ?? 0)}</td>
              <td className="share-col strong">{percent(share(subtotals[i] ?? 0))}</td>
              <td className="actions">
                <button type="button" className="small" onClick={() => setEditing({ criterion: null, categoryId: t.category.id })}>
                  Add
                </button>
              </td>
            </tr>
            {t.criteria.length === 0 && (
              <tr>
                <td colSpan={6} className="muted indent">
                  No criteria in this category.
                </td>
              </tr>
            )}
            {t.criteria.map((c, j) => (
              <tr key={c.id}>
                <td className="indent">
                  <span className="strong">{c.name}</span>
                  {c.description && <div className="subtle">{c.description}</div>}
                </td>
                <td>
                  {c.kind === "judged" ? "Judged 1–5" : c.source !== "entered" ? "Computed" : `Measured, ${c.unit}`}
                  {c.source === "lifecycle_cost" && <div className="subtle">EAC, {c.unit}</div>}
                  {isCompatSource(c.source) && <div className="subtle">from the compatibility check, 0–100</div>}
                </td>
                <td>
                  <span className={`dir dir-${c.direction}`}>
                    {c.direction === "benefit" ? "Benefit ↑" : "Cost ↓"}
                  </span>
                </td>
                <td className="num">
                  <WeightInput criterion={c} onSaved={() => refresh(["tree", "ranking"])} />
                </td>
                <td className="share-col">
                  <span className="mini-bar">
                    <span
                      style={{ width: `${share(c.weight) * 100}%`, background: familyColor(i, j, t.criteria.length) }}
                    />
                  </span>
                  <span className="share-num">{percent(share(c.weight))}</span>
                </td>
                <td className="actions">
                  <button type="button" className="small" onClick={() => setEditing({ criterion: c, categoryId: c.category_id })}>
                    Edit
                  </button>
                  <button type="button" className="small danger-quiet" onClick={() => setDeleting(c)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr className="total-row">
            <th colSpan={3}>Total</th>
            <td className="num">{formatWeight(total)}</td>
            <td className="share-col strong">{total > 0 ? percent(1) : "—"}</td>
            <td />
          </tr>
        </tfoot>
      </table>
      )}

      {deleting && (
        <ConfirmDialog
          title="Delete criterion"
          message={`Delete the criterion “${deleting.name}” and its ${countFor(deleting)} ${deleting.kind === "judged" ? "score" : "measurement"}${countFor(deleting) === 1 ? "" : "s"}? This cannot be undone.`}
          confirmLabel="Delete criterion"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            const id = deleting.id;
            setDeleting(null);
            try {
              await api.deleteCriterion(id);
            } catch (e) {
              report(errorPayload(e));
            }
            await refresh([...affected]);
          }}
        />
      )}
    </>
  );
}

function formatWeight(w: number): string {
  return w.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
