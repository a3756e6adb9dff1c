import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, errorPayload } from "../api";
import type { AhpInput, AhpResult, ErrorPayload } from "../bindings";
import { useDebounced } from "../components/useDebounced";

interface AhpAnswers {
  results: Record<string, AhpResult>;
  errors: Record<string, ErrorPayload>;
}

/** One ahp_weights call per matrix; a matrix the backend rejects gives its error instead. */
async function answersOf(inputs: { key: string; input: AhpInput }[]): Promise<AhpAnswers> {
  const out = await Promise.all(
    inputs.map(async ({ key, input }) => {
      try {
        return { key, result: await api.ahpWeights(input) };
      } catch (e) {
        return { key, error: errorPayload(e) };
      }
    }),
  );
  const answers: AhpAnswers = { results: {}, errors: {} };
  for (const o of out) {
    if ("result" in o && o.result) answers.results[o.key] = o.result;
    if ("error" in o && o.error) answers.errors[o.key] = o.error;
  }
  return answers;
}

/** Live weights and consistency of every matrix, once the judgements stop changing. */
export function useAhpResults(inputs: { key: string; input: AhpInput }[]): AhpAnswers {
  const settled = useDebounced(inputs, 250);
  const { data } = useQuery({ queryKey: ["ahp_weights", settled], queryFn: () => answersOf(settled), placeholderData: keepPreviousData });
  return data ?? { results: {}, errors: {} };
}
