import { type FormEvent, type RefObject, useEffect, useMemo, useRef, useState } from "react";
import { api, errorPayload, fieldName } from "../api";
import type { Candidate, CostModel, LifecycleCost } from "../bindings";
import { compareDecimal, formatMoney, ratePercentMessage } from "../components/format";
import {
  type Draft,
  type DraftErrors,
  draftOf,
  KIND_OF,
  MODEL_KEYS,
  type ModelField,
  modelGroups,
  type ModelKey,
  modelOf,
  NEW_MODEL,
} from "./costModel";
import { CostFieldGroups, CostFigures } from "./CostFigures";
import { ConfirmDialog } from "../components/dialogs";
import { useReport } from "../components/report";

// The cost model of one candidate, with live figures the backend computes from the typed model.

export function CostModelEditor({
  candidate,
  requestId,
  currency,
  assumptionsKey,
  remediation,
  onClose,
  onChanged,
}: {
  candidate: Candidate;
  requestId: number;
  currency: string;
  /** Compatibility remediation the lifecycle figures (live ones included) add to IT integration. */
  remediation: string;
  /** Changes when the request's assumptions change, so the live figures are recomputed. */
  assumptionsKey: string;
  onClose: () => void;
  onChanged: () => Promise<void>;
}) {
  const report = useReport();
  const { draft, setDraft, exists } = useCostModelDraft(candidate.id);
  const [saveErrors, setSaveErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const groups = useMemo(() => modelGroups(currency), [currency]);
  useScrollIntoViewOnLoad(formRef, draft !== null);
  const parsed = useMemo(() => (draft ? modelOf(draft, candidate) : null), [draft, candidate]);
  const { preview, previewError } = useLivePreview(requestId, candidate.id, parsed?.model ?? null, assumptionsKey);
  useEscapeOutsideFields(onClose);

  if (!draft || !parsed) {
    return (
      <div className="form-card">
        <p className="muted">Loading the cost model…</p>
      </div>
    );
  }

  const errorOf = (k: ModelKey): string | undefined => {
    const msg = parsed.errors[k] ?? saveErrors[k] ?? (previewError?.field === k ? previewError.message : undefined);
    return msg !== undefined && KIND_OF.get(k) === "rate" ? ratePercentMessage(msg) : msg;
  };
  const orphanError =
    previewError && !(MODEL_KEYS as string[]).includes(previewError.field ?? "") ? previewError.message : null;
  const stale = Object.keys(parsed.errors).length > 0 || previewError !== null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.model) return;
    setBusy(true);
    try {
      await api.setCostModel(candidate.id, parsed.model);
      await onChanged();
      onClose();
    } catch (err) {
      const p = errorPayload(err);
      const f = fieldName(p);
      if ((p.kind === "validation" || p.kind === "conflict") && f && (MODEL_KEYS as string[]).includes(f)) {
        setSaveErrors({ [f]: p.message });
      } else report(p);
    } finally {
      setBusy(false);
    }
  };

  const hasRemediation = compareDecimal(remediation, "0") > 0;
  const hintOf = (f: ModelField): string | undefined =>
    f.key === "it_integration" && hasRemediation
      ? `The figures add ${formatMoney({ amount: remediation, currency })} of compatibility remediation (its gaps' costs) to this`
      : f.hint;

  return (
    <form
      ref={formRef}
      className="form-card cost-editor"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={`Cost model of ${candidate.manufacturer} ${candidate.model}`}
      data-testid="cost-editor"
    >
      <CostEditorHead candidate={candidate} exists={exists} />

      <CostFigures preview={preview} stale={stale} orphanError={orphanError} currency={currency} />
      <CostFieldGroups
        groups={groups}
        draft={draft}
        errorOf={errorOf}
        hintOf={hintOf}
        onChange={(key, value) => {
          setDraft({ ...draft, [key]: value });
          if (saveErrors[key]) setSaveErrors({ ...saveErrors, [key]: undefined });
        }}
      />

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !parsed.model} data-testid="cost-save">
          Save cost model
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {exists && (
          <button type="button" className="danger-quiet push-right" onClick={() => setConfirmRemove(true)}>
            Remove cost model
          </button>
        )}
      </div>
      {confirmRemove && (
        <ConfirmDialog
          title="Remove cost model"
          message={`Remove the cost model of ${candidate.manufacturer} ${candidate.model}? Its lifecycle cost becomes missing and the candidate stays unranked until a new model is entered.`}
          confirmLabel="Remove cost model"
          onCancel={() => setConfirmRemove(false)}
          onConfirm={async () => {
            setConfirmRemove(false);
            try {
              await api.deleteCostModel(candidate.id);
              await onChanged();
              onClose();
            } catch (e) {
              report(errorPayload(e));
            }
          }}
        />
      )}
    </form>
  );
}

/** The candidate's saved cost model as a draft (a new model's defaults when it has none). */
function useCostModelDraft(candidateId: number) {
  const report = useReport();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [exists, setExists] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .getCostModel(candidateId)
      .then((m) => {
        if (!live) return;
        setExists(m !== null);
        setDraft(draftOf(m ?? NEW_MODEL));
      })
      .catch((e: unknown) => report(errorPayload(e)));
    return () => {
      live = false;
    };
  }, [candidateId, report]);
  return { draft, setDraft, exists };
}

/** Live figures: the backend's preview of the typed model, debounced; a late answer never overwrites a newer one. */
function useLivePreview(requestId: number, candidateId: number, model: CostModel | null, assumptionsKey: string) {
  const report = useReport();
  const [preview, setPreview] = useState<LifecycleCost | null>(null);
  const [previewError, setPreviewError] = useState<{ field: string | null; message: string } | null>(null);
  const seq = useRef(0);
  useEffect(() => {
    if (!model) return;
    const mine = ++seq.current;
    const t = window.setTimeout(() => {
      api
        .previewLifecycle(requestId, candidateId, model)
        .then((lc) => {
          if (seq.current !== mine) return;
          setPreview(lc);
          setPreviewError(null);
        })
        .catch((e: unknown) => {
          if (seq.current !== mine) return;
          const p = errorPayload(e);
          if (p.kind === "validation" || p.kind === "conflict" || p.kind === "parse") {
            setPreviewError({ field: fieldName(p), message: p.message });
          } else report(p);
        });
    }, 250);
    return () => window.clearTimeout(t);
  }, [model, requestId, candidateId, report, assumptionsKey]);
  return { preview, previewError };
}

/** Brings the editor into view when it opens out of sight (e.g. from a row further down). */
function useScrollIntoViewOnLoad(ref: RefObject<HTMLElement | null>, loaded: boolean) {
  useEffect(() => {
    const el = ref.current;
    if (!loaded || !el) return;
    const top = el.getBoundingClientRect().top;
    if (top < 48 || top > window.innerHeight - 120) el.scrollIntoView({ block: "start" });
  }, [ref, loaded]);
}

/** Escape outside a field closes the editor (before the app's Escape leaves the request). */
function useEscapeOutsideFields(onClose: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || document.querySelector(".modal-backdrop")) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onClose]);
}

function CostEditorHead({ candidate, exists }: { candidate: Candidate; exists: boolean }) {
  return (
    <div className="cost-editor-head">
      <div>
        <h3>
          {exists ? "Edit cost model" : "Add cost model"}: {candidate.manufacturer} {candidate.model}
        </h3>
        <div className="subtle">
          Amounts are totals for all {candidate.quantity} devices unless a field says per device or per use; recurring
          costs are in year-1 money.
        </div>
      </div>
      <div className="quote-readonly" title="From the candidate’s quote; change it in the Candidates tab">
        <span className="field-label">From the quote</span>
        <span>
          {formatMoney(candidate.unit_price)} × {candidate.quantity}
        </span>
      </div>
    </div>
  );
}
