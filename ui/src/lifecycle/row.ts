import type { Candidate, CandidateLifecycle } from "../bindings";

export interface Row {
  candidate: Candidate;
  index: number;
  item: CandidateLifecycle;
}
