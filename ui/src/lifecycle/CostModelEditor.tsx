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
import { affects, q, useApiMutation } from "../app/query";
import { useDebounced } from "../components/useDebounced";
import { keepPreviousData, useQuery } from "@tanstack/react-query";

// The cost model of one candidate, with live figures the backend computes from the typed model.

export function CostModelEditor({
  candidate,
  requestId,
  currency,
  remediation,
  onClose,
}: {
  candidate: Candidate;
  requestId: number;
  currency: string;
  /** Compatibility remediation the lifecycle figures (live ones included) add to IT integration. */
  remediation: string;
  onClose: () => void;
}) {
  const report = useReport();
  const saveModel = useApiMutation(api.setCostModel, affects.costModel);
  const removeModel = useApiMutation(api.deleteCostModel, affects.costModel);
  const { draft, setDraft, exists } = useCostModelDraft(candidate.id);
  const [saveErrors, setSaveErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const groups = useMemo(() => modelGroups(currency), [currency]);
  useScrollIntoViewOnLoad(formRef, draft !== null);
  const parsed = useMemo(() => (draft ? modelOf(draft, candidate) : null), [draft, candidate]);
  const { preview, previewError } = useLivePreview(requestId, candidate.id, parsed?.model ?? null);
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
      await saveModel.mutateAsync([candidate.id, parsed.model]);
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
              await removeModel.mutateAsync([candidate.id]);
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

/** The candidate's saved cost model (a new model's defaults when it has none), and the draft typed over it. */
function useCostModelDraft(candidateId: number) {
  const { data: saved, isSuccess } = useQuery(q.costModel(candidateId));
  const loaded = useMemo(() => (isSuccess ? draftOf(saved ?? NEW_MODEL) : null), [isSuccess, saved]);
  const [edited, setDraft] = useState<Draft | null>(null);
  return { draft: edited ?? loaded, setDraft, exists: saved != null };
}

type Preview = { lc: LifecycleCost; error: null } | { lc: null; error: { field: string | null; message: string } };

/** The backend's figures for a typed model; a model it rejects gives the reason instead. */
async function previewOf(requestId: number, candidateId: number, model: CostModel): Promise<Preview> {
  try {
    return { lc: await api.previewLifecycle(requestId, candidateId, model), error: null };
  } catch (e) {
    const p = errorPayload(e);
    if (p.kind === "validation" || p.kind === "conflict" || p.kind === "parse") return { lc: null, error: { field: fieldName(p), message: p.message } };
    throw e;
  }
}

/** Live figures: the backend's preview of the typed model once typing pauses; the last valid figures stay while it is invalid. */
function useLivePreview(requestId: number, candidateId: number, model: CostModel | null) {
  const settled = useDebounced(model, 250);
  const { data } = useQuery({
    queryKey: ["preview_lifecycle", requestId, candidateId, settled],
    queryFn: () => previewOf(requestId, candidateId, settled as CostModel),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
  });
  const [lastValid, setLastValid] = useState<LifecycleCost | null>(null);
  if (data?.lc && data.lc !== lastValid) setLastValid(data.lc);
  return { preview: data?.lc ?? lastValid, previewError: data?.error ?? null };
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
