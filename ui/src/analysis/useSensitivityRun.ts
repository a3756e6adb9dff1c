import { useCallback, useEffect, useRef, useState } from "react";
import { api, errorPayload, fieldName } from "../api";
import type { ErrorPayload, RequestRanking, SamplingProgress, SensitivityResult } from "../bindings";
import { type Draft, type DraftErrors, optionsOf } from "./sensitivityOptions";

/**
 * Runs the sensitivity analysis with its progress: once with `draft` when `enabled` first holds,
 * again on `run` or Ctrl+Enter; leaving stops a run in progress.
 */
export function useSensitivityRun(requestId: number, ranking: RequestRanking | null, draft: Draft, enabled: boolean) {
  const [errors, setErrors] = useState<DraftErrors>({});
  const [runError, setRunError] = useState<ErrorPayload | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SamplingProgress | null>(null);
  const [result, setResult] = useState<SensitivityResult | null>(null);
  const runId = useRef(0);
  const runningRef = useRef(false);
  const started = useRef(false);
  const mounted = useRef(false);

  const run = useCallback(
    async (d: Draft) => {
      if (runningRef.current) return;
      const { options, errors: errs } = optionsOf(d, ranking);
      setErrors(errs);
      if (!options) return;
      const id = ++runId.current;
      runningRef.current = true;
      setRunning(true);
      setRunError(null);
      setProgress({ done: 0, total: options.samples });
      try {
        const r = await api.runSensitivity(requestId, options, (p) => {
          if (runId.current === id) setProgress(p);
        });
        if (runId.current !== id) return;
        setResult(r);
      } catch (e) {
        if (runId.current !== id) return;
        const p = errorPayload(e);
        const f = fieldName(p);
        if (p.kind === "validation" && (f === "samples" || f === "seed" || f === "concentration")) setErrors({ [f]: p.message });
        else setRunError(p);
      } finally {
        if (runId.current === id) {
          runningRef.current = false;
          setRunning(false);
          setProgress(null);
        }
      }
    },
    [requestId, ranking],
  );

  // Run once with the defaults when the tab opens.
  useEffect(() => {
    if (started.current || !enabled) return;
    started.current = true;
    void run(draft);
  }, [run, draft, enabled]);

  // Leaving the tab stops a run in progress (not on StrictMode's simulated remount).
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      setTimeout(() => {
        if (!mounted.current && runningRef.current) void api.cancelSensitivity().catch(() => undefined);
      }, 0);
    };
  }, []);

  // Ctrl+Enter runs from anywhere in the tab.
  const draftRef = useRef(draft);
  useEffect(() => {
    draftRef.current = draft;
  }, [draft]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        void run(draftRef.current);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [run]);

  return { run, running, progress, result, runError, errors, setErrors };
}
