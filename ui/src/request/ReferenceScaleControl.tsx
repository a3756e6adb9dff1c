import { useState } from "react";
import { api, errorPayload } from "../api";
import type { ReferenceScale, RequestRanking } from "../bindings";
import { useReport } from "../components/report";
import { affects, useApiMutation } from "../app/query";

type Kind = ReferenceScale["kind"];

const KINDS: { value: Kind; label: string }[] = [
  { value: "from_best", label: "From the best value to a stated span beyond it" },
  { value: "ratio_to_best", label: "Ratio to the best value" },
  { value: "min_max", label: "Min-max over the candidates (best full, worst none)" },
];

/** The span of a from-best scale as a percentage text, e.g. 0.5 -> "50". */
function spanText(scale: ReferenceScale): string {
  return scale.kind === "from_best" ? String(Math.round(scale.span * 10000) / 100) : "50";
}

/**
 * The request's reference scale for its measured criteria (lifecycle cost, entered values):
 * what the ranking reads them on, visible beside the ranking and settable by the committee.
 * The engine describes the scale in words (`scale_text`); the window only edits the setting.
 */
export function ReferenceScaleControl({ ranking }: { ranking: RequestRanking }) {
  const setScale = useApiMutation(api.setReferenceScale, affects.request);
  const report = useReport();
  const current = ranking.reference_scale;
  const [kind, setKind] = useState<Kind>(current.kind);
  const [span, setSpan] = useState(spanText(current));
  const [error, setError] = useState<string | null>(null);
  const measured = ranking.criteria.filter((c) => c.kind === "measured" && !c.scale_text.startsWith("fixed"));
  if (ranking.method === "topsis") return null;

  const save = async () => {
    let scale: ReferenceScale;
    if (kind === "from_best") {
      const pct = Number(span.trim());
      if (!span.trim() || !Number.isFinite(pct)) {
        setError("Enter the span as a percentage, e.g. 50.");
        return;
      }
      scale = { kind, span: pct / 100 };
    } else {
      scale = { kind };
    }
    setError(null);
    try {
      await setScale.mutateAsync([ranking.request_id, scale]);
    } catch (e) {
      const p = errorPayload(e);
      if (p.kind === "validation") setError(p.message);
      else report(p);
    }
  };

  return (
    <div className="info-note reference-scale" data-testid="reference-scale">
      <div>
        <span className="strong">Scale of measured criteria: </span>
        {measured.length === 0 ? (
          <span className="muted">no measured criterion without a fixed scale in this request.</span>
        ) : (
          measured.map((c) => (
            <span key={c.id} data-testid={`scale-text-${c.id}`}>
              {c.name}: {c.scale_text}.{" "}
            </span>
          ))
        )}
      </div>
      <div className="row-actions">
        <select data-testid="reference-scale-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        {kind === "from_best" && (
          <label>
            none at{" "}
            <input
              data-testid="reference-scale-span"
              className={`num weight-input${error ? " invalid" : ""}`}
              inputMode="decimal"
              value={span}
              onChange={(e) => setSpan(e.target.value)}
            />{" "}
            % beyond the best
          </label>
        )}
        <button type="button" className="small" data-testid="reference-scale-save" disabled={setScale.isPending} onClick={() => void save()}>
          Apply
        </button>
      </div>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
