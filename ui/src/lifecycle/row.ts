import type { Candidate, CandidateLifecycle } from "../bindings";

// Every figure shown here comes from the backend as a decimal string and is only formatted.
// Number() appears only where chart geometry needs it (and for the "≈" hover sums of chart 2).

export interface Row {
  candidate: Candidate;
  index: number;
  item: CandidateLifecycle;
}
