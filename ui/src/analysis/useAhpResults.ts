import { useEffect, useRef, useState } from "react";
import { api, errorPayload } from "../api";
import type { AhpInput, AhpResult, ErrorPayload } from "../bindings";

/** Live weights, debounced: one ahp_weights call per matrix; a late answer never overwrites a newer one. */
export function useAhpResults(inputs: { key: string; input: AhpInput }[]) {
  const [results, setResults] = useState<Record<string, AhpResult>>({});
  const [errors, setErrors] = useState<Record<string, ErrorPayload>>({});
  const seq = useRef(0);
  useEffect(() => {
    const id = ++seq.current;
    const t = setTimeout(() => {
      void Promise.all(
        inputs.map(async ({ key, input }) => {
          try {
            return { key, result: await api.ahpWeights(input) };
          } catch (e) {
            return { key, error: errorPayload(e) };
          }
        }),
      ).then((out) => {
        if (seq.current !== id) return;
        const r: Record<string, AhpResult> = {};
        const errs: Record<string, ErrorPayload> = {};
        for (const o of out) {
          if ("result" in o && o.result) r[o.key] = o.result;
          if ("error" in o && o.error) errs[o.key] = o.error;
        }
        setResults(r);
        setErrors(errs);
      });
    }, 250);
    return () => clearTimeout(t);
  }, [inputs]);
  return { results, errors };
}
