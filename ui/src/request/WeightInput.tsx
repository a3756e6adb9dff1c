import { useRef, useState } from "react";
import { api, errorPayload } from "../api";
import type { Criterion } from "../bindings";
import { useReport } from "../components/report";
import { affects, useApiMutation } from "../app/query";

export function parseWeight(text: string): number | string {
  const t = text.trim();
  if (!t) return "Enter a weight (0 or more).";
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) {
    return /^-/.test(t) ? "Weights cannot be negative." : "Enter a number, e.g. 12 or 7.5.";
  }
  const n = Number(t);
  if (!Number.isFinite(n)) return "Enter a number, e.g. 12 or 7.5.";
  return n;
}

export function WeightInput({ criterion }: { criterion: Criterion }) {
  const setWeight = useApiMutation(api.setWeight, affects.criteria);
  const report = useReport();
  const [text, setText] = useState(String(criterion.weight));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const cancelling = useRef(false);
  const [lastSaved, setLastSaved] = useState(criterion.weight);
  if (lastSaved !== criterion.weight && !saving) {
    // The tree changed underneath (another edit): follow it.
    setLastSaved(criterion.weight);
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
      const saved = await setWeight.mutateAsync([criterion.id, parsed]);
      setLastSaved(saved.weight);
      setText(String(saved.weight));
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
