import { type FormEvent, useState } from "react";
import { errorPayload, fieldName, isFieldError } from "../api";
import type { Criterion, CriterionInput, CriterionKind, CriterionSource, Direction } from "../bindings";
import { isCompatSource } from "../compat/compat";
import type { RequestData } from "./useRequestData";
import { Field } from "../components/fields";
import { useReport } from "../components/report";
import { parseWeight } from "./WeightInput";

export const SOURCES: { value: CriterionSource; label: string; hint: string }[] = [
  { value: "entered", label: "Entered", hint: "Values entered in the Scoring tab" },
  { value: "lifecycle_cost", label: "Computed from lifecycle cost", hint: "Each candidate's equivalent annual cost, from its cost model" },
  { value: "ehr_score", label: "Computed: EHR integration score", hint: "From the compatibility check, 0–100 points" },
  { value: "network_score", label: "Computed: network score", hint: "From the compatibility check, 0–100 points" },
  { value: "security_score", label: "Computed: cybersecurity score", hint: "From the compatibility check and MDS2 form, 0–100 points" },
];

export const CRIT_FIELDS = ["category_id", "name", "description", "direction", "kind", "unit", "anchors", "weight", "source"] as const;
export type CritErrors = Partial<Record<(typeof CRIT_FIELDS)[number], string>>;

export function CriterionForm({
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
  const { cat, setCat, name, setName, description, setDescription, kind, setKind, direction, setDirection, unit, setUnit, anchors, setAnchors } =
    useCriterionDraft(initial, categoryId);
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
    const { input, errors: errs } = criterionInputOf({ cat, name, description, direction, kind, unit, anchors, weight, source });
    setErrors(errs);
    if (!input) return;
    setBusy(true);
    try {
      await onSubmit(input);
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
        {kind === "judged" && <AnchorFields anchors={anchors} setAnchors={setAnchors} error={errors.anchors} />}
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

/** The five levels of a judged criterion's anchored scale. */
function AnchorFields({ anchors, setAnchors, error }: { anchors: string[]; setAnchors: (a: string[]) => void; error: string | undefined }) {
  return (
    <fieldset className="anchors field-wide">
      <legend>Anchored scale: what each level means</legend>
      {anchors.map((a, i) => (
        <label key={i} className="anchor-row">
          <span className="anchor-level">{i + 1}</span>
          <input value={a} onChange={(e) => setAnchors(anchors.map((x, j) => (j === i ? e.target.value : x)))} aria-label={`Level ${i + 1}`} />
        </label>
      ))}
      {error && <span className="field-error">{error}</span>}
    </fieldset>
  );
}

/** The criterion's fields as typed (the weight and the source aside). */
function useCriterionDraft(initial: Criterion | null, categoryId: number) {
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
  return { cat, setCat, name, setName, description, setDescription, kind, setKind, direction, setDirection, unit, setUnit, anchors, setAnchors };
}

interface CriterionDraft {
  cat: string;
  name: string;
  description: string;
  direction: Direction;
  kind: CriterionKind;
  unit: string;
  anchors: string[];
  weight: string;
  source: CriterionSource;
}

/** The typed criterion as the backend takes it, or what to fix first. */
function criterionInputOf(d: CriterionDraft): { input: CriterionInput | null; errors: CritErrors } {
  const errs: CritErrors = {};
  if (!d.name.trim()) errs.name = "Name is required.";
  const w = parseWeight(d.weight);
  if (typeof w === "string") errs.weight = w;
  if (d.kind === "measured" && !d.unit.trim()) errs.unit = "A measured criterion needs a unit, e.g. USD or gaps.";
  if (d.kind === "judged" && d.anchors.some((a) => !a.trim())) errs.anchors = "Describe all five levels of the scale.";
  if (Object.keys(errs).length || typeof w === "string") return { input: null, errors: errs };
  return {
    input: {
      category_id: Number(d.cat),
      name: d.name.trim(),
      description: d.description.trim(),
      direction: d.direction,
      kind: d.kind,
      unit: d.kind === "measured" ? d.unit.trim() : "",
      anchors: d.kind === "judged" ? d.anchors.map((a) => a.trim()) : [],
      weight: w,
      source: d.source,
    },
    errors: errs,
  };
}
