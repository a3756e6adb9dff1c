import { useQuery } from "@tanstack/react-query";
import type {
  Candidate,
  CapitalRequest,
  CategoryCriteria,
  Department,
  ErrorPayload,
  Evaluator,
  EvaluatorScore,
  Measurement,
  RequestRanking,
} from "../bindings";
import { errorPayload } from "../api";
import { q } from "../app/query";

/** What the request's tabs show: the request and its candidates, criteria, scores and ranking. */
export interface RequestData {
  request: CapitalRequest;
  candidates: Candidate[];
  tree: CategoryCriteria[];
  /** The sum of every raw weight (from the engine; 0 when none is set). */
  totalWeight: number;
  ranking: RequestRanking | null;
  scores: EvaluatorScore[];
  measurements: Measurement[];
  evaluators: Evaluator[];
  departments: Department[];
}

/**
 * The request's data once its parts have loaded; the ranking follows (null until it comes, while
 * the request has no candidates, or when the engine cannot rank it: its error is reported).
 * `error` when the request itself cannot be read.
 */
export function useRequestData(id: number): { data: RequestData | null; error: ErrorPayload | null } {
  const request = useQuery(q.request(id));
  const enabled = request.isSuccess;
  const candidates = useQuery({ ...q.candidates(id), enabled });
  const tree = useQuery({ ...q.criteriaTree(id), enabled });
  // The engine ranks only a request that has candidates; without, there is no ranking.
  const rankable = enabled && (candidates.data?.length ?? 0) > 0;
  const ranking = useQuery({ ...q.ranking(id), enabled: rankable });
  const scores = useQuery({ ...q.scores(id), enabled });
  const measurements = useQuery({ ...q.measurements(id), enabled });
  const evaluators = useQuery({ ...q.evaluators(), enabled });
  const departments = useQuery({ ...q.departments(), enabled });
  if (request.error) return { data: null, error: errorPayload(request.error) };
  if (
    !request.data ||
    !candidates.data ||
    !tree.data ||
    !scores.data ||
    !measurements.data ||
    !evaluators.data ||
    !departments.data
  ) {
    return { data: null, error: null };
  }
  return {
    data: {
      request: request.data,
      candidates: candidates.data,
      tree: tree.data.categories,
      totalWeight: tree.data.total_weight,
      ranking: (rankable && ranking.data) || null,
      scores: scores.data,
      measurements: measurements.data,
      evaluators: evaluators.data,
      departments: departments.data,
    },
    error: null,
  };
}
