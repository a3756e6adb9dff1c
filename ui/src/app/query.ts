// Loading and refreshing the backend's data: one TanStack Query per command and arguments
// (the key is [command, ...arguments]); a change is a mutation that invalidates the commands
// whose answers it can alter, and those queries load again. A change made outside this
// window invalidates every query (./changes.ts).
import { QueryClient, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, errorPayload } from "../api";
import type { AssetQuery, ErrorPayload, GroupMember, GroupOptions, Scenario } from "../bindings";
import { checkForOutsideChanges } from "./changes";

/** Query `meta`: the component shows this query's error itself (no banner). */
export interface QueryMeta extends Record<string, unknown> {
  inlineError?: boolean;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    // Answers stay fresh until a mutation of this window, or a change made outside it, says otherwise.
    queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** Every query of one command, or of one command and its first arguments. */
export const keys = {
  portfolioInfo: () => ["portfolio_info"] as const,
  recentPortfolios: () => ["recent_portfolios"] as const,
  facilities: () => ["list_facilities"] as const,
  departments: () => ["list_departments"] as const,
  requests: () => ["list_requests"] as const,
  budgets: () => ["list_budgets"] as const,
  scenarios: () => ["list_scenarios"] as const,
  requestLinks: () => ["list_request_links"] as const,
  requestPlanInfo: (requestId: number) => ["request_plan_info", requestId] as const,
  capitalPlan: (first: number, last: number, whatIf: Scenario | null) => ["capital_plan", first, last, whatIf] as const,
  request: (id: number) => ["get_request", id] as const,
  candidates: (requestId: number) => ["list_candidates", requestId] as const,
  criteriaTree: (requestId: number) => ["criteria_tree", requestId] as const,
  evaluators: () => ["list_evaluators"] as const,
  scores: (requestId: number) => ["list_scores", requestId] as const,
  measurements: (requestId: number) => ["list_measurements", requestId] as const,
  ranking: (requestId: number) => ["rank_request", requestId] as const,
  costModel: (candidateId: number) => ["get_cost_model", candidateId] as const,
  lifecycle: (requestId: number) => ["request_lifecycle_costs", requestId] as const,
  financialCase: (requestId: number) => ["financial_case", requestId] as const,
  candidateSavings: (candidateId: number) => ["candidate_savings", candidateId] as const,
  candidateDepreciationAndLease: (candidateId: number) => ["candidate_depreciation_and_lease", candidateId] as const,
  assumptionOverrides: (requestId: number) => ["get_assumption_overrides", requestId] as const,
  portfolioAssumptions: () => ["get_portfolio_assumptions"] as const,
  agreement: (requestId: number) => ["evaluator_agreement", requestId] as const,
  siteProfiles: () => ["site_profiles"] as const,
  siteProfile: (facilityId: number | null) => ["get_site_profile", facilityId] as const,
  deviceProfile: (candidateId: number) => ["get_device_profile", candidateId] as const,
  compareMds2: (requestId: number) => ["compare_mds2", requestId] as const,
  candidateEvidence: (candidateId: number) => ["candidate_evidence", candidateId] as const,
  compatibility: (requestId: number) => ["request_compatibility", requestId] as const,
  compatRules: () => ["get_compat_rules"] as const,
  disqualifyBlocking: (requestId: number) => ["get_disqualify_blocking", requestId] as const,
  assetPage: (query: AssetQuery) => ["asset_page", query] as const,
  assetDepartments: () => ["asset_departments"] as const,
  assetDetail: (asset: string) => ["asset_detail", asset] as const,
  inventorySettings: () => ["inventory_settings"] as const,
  expectedLives: () => ["expected_lives"] as const,
  forecast: () => ["replacement_forecast"] as const,
  groupAnalysis: (members: GroupMember[], workspace: string | null, options: GroupOptions) =>
    ["group_analysis", members, workspace, options] as const,
};

/** The queries of stored data and of what the engine computes from it. */
export const q = {
  portfolioInfo: () => queryOptions({ queryKey: keys.portfolioInfo(), queryFn: api.portfolioInfo, meta: { inlineError: true } }),
  recentPortfolios: () => queryOptions({ queryKey: keys.recentPortfolios(), queryFn: api.recentPortfolios }),
  budgets: () => queryOptions({ queryKey: keys.budgets(), queryFn: api.listBudgets }),
  scenarios: () => queryOptions({ queryKey: keys.scenarios(), queryFn: api.listScenarios }),
  requestLinks: () => queryOptions({ queryKey: keys.requestLinks(), queryFn: api.listRequestLinks }),
  requestPlanInfo: (requestId: number) =>
    queryOptions({ queryKey: keys.requestPlanInfo(requestId), queryFn: () => api.requestPlanInfo(requestId) }),
  capitalPlan: (first: number, last: number, whatIf: Scenario | null) =>
    queryOptions({
      queryKey: keys.capitalPlan(first, last, whatIf),
      queryFn: () => api.capitalPlan(first, last, whatIf),
      meta: { inlineError: true },
    }),
  assetPage: (query: AssetQuery) =>
    queryOptions({ queryKey: keys.assetPage(query), queryFn: () => api.assetPage(query), placeholderData: (previous) => previous }),
  assetDepartments: () => queryOptions({ queryKey: keys.assetDepartments(), queryFn: api.assetDepartments }),
  assetDetail: (asset: string) => queryOptions({ queryKey: keys.assetDetail(asset), queryFn: () => api.assetDetail(asset) }),
  inventorySettings: () => queryOptions({ queryKey: keys.inventorySettings(), queryFn: api.inventorySettings }),
  expectedLives: () => queryOptions({ queryKey: keys.expectedLives(), queryFn: api.expectedLives }),
  forecast: () => queryOptions({ queryKey: keys.forecast(), queryFn: () => api.replacementForecast(null), meta: { inlineError: true } }),
  facilities: () => queryOptions({ queryKey: keys.facilities(), queryFn: api.listFacilities }),
  departments: () => queryOptions({ queryKey: keys.departments(), queryFn: api.listDepartments }),
  requests: () => queryOptions({ queryKey: keys.requests(), queryFn: api.listRequests }),
  request: (id: number) => queryOptions({ queryKey: keys.request(id), queryFn: () => api.getRequest(id), meta: { inlineError: true } }),
  candidates: (requestId: number) => queryOptions({ queryKey: keys.candidates(requestId), queryFn: () => api.listCandidates(requestId) }),
  criteriaTree: (requestId: number) => queryOptions({ queryKey: keys.criteriaTree(requestId), queryFn: () => api.criteriaTree(requestId) }),
  evaluators: () => queryOptions({ queryKey: keys.evaluators(), queryFn: api.listEvaluators }),
  scores: (requestId: number) => queryOptions({ queryKey: keys.scores(requestId), queryFn: () => api.listScores(requestId) }),
  measurements: (requestId: number) =>
    queryOptions({ queryKey: keys.measurements(requestId), queryFn: () => api.listMeasurements(requestId) }),
  ranking: (requestId: number) => queryOptions({ queryKey: keys.ranking(requestId), queryFn: () => api.rankRequest(requestId) }),
  costModel: (candidateId: number) => queryOptions({ queryKey: keys.costModel(candidateId), queryFn: () => api.getCostModel(candidateId) }),
  lifecycle: (requestId: number) =>
    queryOptions({ queryKey: keys.lifecycle(requestId), queryFn: () => api.requestLifecycleCosts(requestId) }),
  financialCase: (requestId: number) =>
    queryOptions({ queryKey: keys.financialCase(requestId), queryFn: () => api.financialCase(requestId) }),
  candidateSavings: (candidateId: number) =>
    queryOptions({ queryKey: keys.candidateSavings(candidateId), queryFn: () => api.candidateSavings(candidateId) }),
  candidateDepreciationAndLease: (candidateId: number) =>
    queryOptions({
      queryKey: keys.candidateDepreciationAndLease(candidateId),
      queryFn: () => api.candidateDepreciationAndLease(candidateId),
    }),
  assumptionOverrides: (requestId: number) =>
    queryOptions({ queryKey: keys.assumptionOverrides(requestId), queryFn: () => api.getAssumptionOverrides(requestId) }),
  portfolioAssumptions: () => queryOptions({ queryKey: keys.portfolioAssumptions(), queryFn: api.getPortfolioAssumptions }),
  agreement: (requestId: number) =>
    queryOptions({ queryKey: keys.agreement(requestId), queryFn: () => api.evaluatorAgreement(requestId), meta: { inlineError: true } }),
  siteProfiles: () => queryOptions({ queryKey: keys.siteProfiles(), queryFn: api.siteProfiles }),
  siteProfile: (facilityId: number | null) =>
    queryOptions({ queryKey: keys.siteProfile(facilityId), queryFn: () => api.getSiteProfile(facilityId) }),
  deviceProfile: (candidateId: number) =>
    queryOptions({ queryKey: keys.deviceProfile(candidateId), queryFn: () => api.getDeviceProfile(candidateId), meta: { inlineError: true } }),
  compareMds2: (requestId: number) => queryOptions({ queryKey: keys.compareMds2(requestId), queryFn: () => api.compareMds2(requestId) }),
  candidateEvidence: (candidateId: number) =>
    queryOptions({ queryKey: keys.candidateEvidence(candidateId), queryFn: () => api.candidateEvidence(candidateId) }),
  compatibility: (requestId: number) =>
    queryOptions({ queryKey: keys.compatibility(requestId), queryFn: () => api.requestCompatibility(requestId) }),
  compatRules: () => queryOptions({ queryKey: keys.compatRules(), queryFn: api.getCompatRules }),
  disqualifyBlocking: (requestId: number) =>
    queryOptions({ queryKey: keys.disqualifyBlocking(requestId), queryFn: () => api.getDisqualifyBlocking(requestId) }),
  /** The group's analysis of other hospitals' files: read again whenever the page asks. */
  groupAnalysis: (members: GroupMember[], workspace: string | null, options: GroupOptions) =>
    queryOptions({
      queryKey: keys.groupAnalysis(members, workspace, options),
      queryFn: () => api.groupAnalysis(members, workspace, options),
      enabled: members.length > 0,
      meta: { inlineError: true },
    }),
};

/** The commands whose answers are cached: every query key starts with one. */
type Command = ReturnType<(typeof keys)[keyof typeof keys]>[0] | "preview_lifecycle" | "ahp_weights";

/** What the engine computes from a request's data: any change to that data can alter them all. */
const COMPUTED: readonly Command[] = [
  "rank_request",
  "request_lifecycle_costs",
  "financial_case",
  "request_compatibility",
  "compare_mds2",
  "candidate_evidence",
  "evaluator_agreement",
  "list_requests",
  "preview_lifecycle",
  "capital_plan",
];

/** The commands each kind of change can alter. */
export const affects = {
  requests: ["list_requests"],
  inventory: ["asset_page", "asset_departments", "asset_detail", "replacement_forecast", "inventory_settings", "expected_lives", "list_requests"],
  request: ["get_request", ...COMPUTED],
  candidates: ["list_candidates", "list_scores", "list_measurements", ...COMPUTED],
  criteria: ["criteria_tree", "list_scores", "list_measurements", ...COMPUTED],
  scores: ["list_scores", ...COMPUTED],
  measurements: ["list_measurements", ...COMPUTED],
  evaluators: ["list_evaluators"],
  costModel: ["get_cost_model", ...COMPUTED],
  savings: ["candidate_savings", ...COMPUTED],
  depreciationLease: ["candidate_depreciation_and_lease", ...COMPUTED],
  assumptions: ["get_assumption_overrides", ...COMPUTED],
  siteProfile: ["site_profiles", "get_site_profile", ...COMPUTED],
  deviceProfile: ["get_device_profile", ...COMPUTED],
  mds2: [...COMPUTED],
  evidence: [...COMPUTED],
  compatRules: ["get_compat_rules", ...COMPUTED],
  disqualify: ["get_disqualify_blocking", ...COMPUTED],
  budgets: ["list_budgets", "capital_plan"],
  scenarios: ["list_scenarios", "capital_plan"],
  planInfo: ["request_plan_info", "capital_plan"],
  links: ["list_request_links", "capital_plan"],
  groupDecisions: ["group_analysis"],
} satisfies Record<string, readonly Command[]>;

/**
 * A change through `fn`; once it is done (or failed, which undoes an optimistic update), the
 * queries of the `invalidates` commands load again before `mutateAsync` settles. Errors reach the caller (field errors stay inline).
 * A failed change may have been refused because the file changed elsewhere: then every query loads again (the error says so).
 */
export function useApiMutation<A extends unknown[], R>(fn: (...args: A) => Promise<R>, invalidates: readonly Command[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: A) => fn(...args),
    onError: () => checkForOutsideChanges(client, true),
    onSettled: () => client.invalidateQueries({ predicate: (query) => (invalidates as readonly unknown[]).includes(query.queryKey[0]) }),
  });
}

/** Sends the error of every query that fails (unless it shows its error itself) to `report`. */
export function useQueryErrorsReported(report: (e: ErrorPayload) => void): void {
  const client = useQueryClient();
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== "updated" || event.action.type !== "error") return;
        if ((event.query.meta as QueryMeta | undefined)?.inlineError) return;
        report(errorPayload(event.action.error));
      }),
    [client, report],
  );
}
