// The one typed door to the Rust backend. Every Tauri command the UI uses is here;
// argument names are camelCase as Tauri 2 expects and all types come from ./bindings.
import { Channel, invoke } from "@tauri-apps/api/core";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { openPath, revealItemInDir } from "@tauri-apps/plugin-opener";
import type {
  Agreement,
  BriefExport,
  Paper,
  AhpInput,
  AhpResult,
  AssumptionOverrides,
  Assumptions,
  Candidate,
  CandidateInput,
  CapitalRequest,
  CategoryCriteria,
  CompatibilityReport,
  CompatRule,
  CostModel,
  Criterion,
  CriterionInput,
  Department,
  DeviceProfile,
  ErrorKind,
  ErrorPayload,
  Evaluator,
  EvaluatorScore,
  Facility,
  LifecycleCost,
  Mds2Comparison,
  Mds2Form,
  Mds2Preview,
  Measurement,
  PortfolioInfo,
  RequestInput,
  RequestLifecycle,
  RequestRanking,
  RequestSummary,
  SamplingProgress,
  ScopedSiteProfile,
  SensitivityOptions,
  SensitivityResult,
  SiteProfile,
} from "./bindings";

function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  return invoke<T>(cmd, args);
}

const KINDS: readonly ErrorKind[] = [
  "validation",
  "not_found",
  "conflict",
  "not_a_portfolio",
  "newer_schema",
  "parse",
  "io",
  "storage",
  "cancelled",
  "render",
  "internal",
];

/** Whatever a command rejected with, as an ErrorPayload. */
export function errorPayload(e: unknown): ErrorPayload {
  if (typeof e === "object" && e !== null && "kind" in e && "message" in e) {
    const o = e as { kind: unknown; field?: unknown; message: unknown };
    if (typeof o.kind === "string" && (KINDS as readonly string[]).includes(o.kind)) {
      return {
        kind: o.kind as ErrorKind,
        field: typeof o.field === "string" ? o.field : null,
        message: String(o.message),
      };
    }
  }
  return { kind: "io", field: null, message: e instanceof Error ? e.message : String(e) };
}

/** The last segment of a dotted field path ("input.unit_price" -> "unit_price"). */
export function fieldName(p: ErrorPayload): string | null {
  if (!p.field) return null;
  const parts = p.field.split(".");
  return parts[parts.length - 1] ?? null;
}

/** True when the error belongs next to a form field (validation or conflict on a named field). */
export function isFieldError(p: ErrorPayload, fields: readonly string[]): boolean {
  const f = fieldName(p);
  return (p.kind === "validation" || p.kind === "conflict") && f !== null && fields.includes(f);
}

export const api = {
  exportBrief: (requestId: number, path: string, paper: Paper) =>
    call<BriefExport>("export_request_brief", { requestId, path, paper }),
  exportData: (requestId: number, path: string) => call<string>("export_request_data", { requestId, path }),
  exportCapitalSummary: (fiscalYear: number, budget: string | null, path: string, paper: Paper) =>
    call<string>("export_capital_summary", { fiscalYear, budget, path, paper }),
  portfolioInfo: () => call<PortfolioInfo>("portfolio_info"),
  portfolioOpen: (path: string) => call<PortfolioInfo>("portfolio_open", { path }),
  portfolioCreate: (path: string) => call<PortfolioInfo>("portfolio_create", { path }),
  portfolioOpenDemo: () => call<PortfolioInfo>("portfolio_open_demo"),

  listFacilities: () => call<Facility[]>("list_facilities"),
  listDepartments: () => call<Department[]>("list_departments"),

  listRequests: () => call<RequestSummary[]>("list_requests"),
  getRequest: (id: number) => call<CapitalRequest>("get_request", { id }),
  createRequest: (input: RequestInput) => call<CapitalRequest>("create_request", { input }),
  updateRequest: (id: number, input: RequestInput) =>
    call<CapitalRequest>("update_request", { id, input }),
  deleteRequest: (id: number) => call<null>("delete_request", { id }),

  listCandidates: (requestId: number) => call<Candidate[]>("list_candidates", { requestId }),
  addCandidate: (requestId: number, input: CandidateInput) =>
    call<Candidate>("add_candidate", { requestId, input }),
  updateCandidate: (id: number, input: CandidateInput) =>
    call<Candidate>("update_candidate", { id, input }),
  deleteCandidate: (id: number) => call<null>("delete_candidate", { id }),

  criteriaTree: (requestId: number) => call<CategoryCriteria[]>("criteria_tree", { requestId }),
  setWeight: (criterionId: number, weight: number) =>
    call<Criterion>("set_weight", { criterionId, weight }),
  addCriterion: (input: CriterionInput) => call<Criterion>("add_criterion", { input }),
  updateCriterion: (id: number, input: CriterionInput) =>
    call<Criterion>("update_criterion", { id, input }),
  deleteCriterion: (id: number) => call<null>("delete_criterion", { id }),

  listEvaluators: () => call<Evaluator[]>("list_evaluators"),
  addEvaluator: (name: string, role: string) => call<Evaluator>("add_evaluator", { name, role }),

  listScores: (requestId: number) => call<EvaluatorScore[]>("list_scores", { requestId }),
  setScore: (
    evaluatorId: number,
    candidateId: number,
    criterionId: number,
    score: number | null,
    comment: string,
  ) => call<null>("set_score", { evaluatorId, candidateId, criterionId, score, comment }),

  listMeasurements: (requestId: number) =>
    call<Measurement[]>("list_measurements", { requestId }),
  setMeasurement: (candidateId: number, criterionId: number, value: string | null) =>
    call<null>("set_measurement", { candidateId, criterionId, value }),

  rankRequest: (requestId: number) => call<RequestRanking>("rank_request", { requestId }),

  // Lifecycle cost. Rates in Assumptions and CostModel.service_escalation are fractions.
  getCostModel: (candidateId: number) => call<CostModel | null>("get_cost_model", { candidateId }),
  /** The backend takes unit price and quantity from the candidate's quote; send the candidate's values. */
  setCostModel: (candidateId: number, model: CostModel) => call<null>("set_cost_model", { candidateId, model }),
  deleteCostModel: (candidateId: number) => call<null>("delete_cost_model", { candidateId }),
  /** Pure computation under the request's assumptions; nothing is saved. */
  /** With `candidateId`, the figures include that candidate's compatibility remediation. */
  previewLifecycle: (requestId: number, candidateId: number | null, model: CostModel) =>
    call<LifecycleCost>("preview_lifecycle", { requestId, candidateId, model }),
  requestLifecycleCosts: (requestId: number) =>
    call<RequestLifecycle>("request_lifecycle_costs", { requestId }),
  getAssumptionOverrides: (requestId: number) =>
    call<AssumptionOverrides>("get_assumption_overrides", { requestId }),
  setAssumptionOverrides: (requestId: number, overrides: AssumptionOverrides) =>
    call<null>("set_assumption_overrides", { requestId, overrides }),
  getPortfolioAssumptions: () => call<Assumptions>("get_portfolio_assumptions"),
  setPortfolioAssumptions: (assumptions: Assumptions) =>
    call<null>("set_portfolio_assumptions", { assumptions }),

  // Analysis.
  /** Weights and consistency of one pairwise comparison matrix; pure, nothing is saved. */
  ahpWeights: (input: AhpInput) => call<AhpResult>("ahp_weights", { input }),
  /** Sets several criteria's raw weights at once (all or none). */
  applyWeights: (weights: [number, number][]) => call<null>("apply_weights", { weights }),
  evaluatorAgreement: (requestId: number) => call<Agreement>("evaluator_agreement", { requestId }),
  /** Runs the sensitivity analysis; `onProgress` receives the sampling progress. Rejects with
   * kind "cancelled" after cancelSensitivity. */
  runSensitivity: (requestId: number, options: SensitivityOptions, onProgress: (p: SamplingProgress) => void) => {
    const ch = new Channel<SamplingProgress>();
    ch.onmessage = onProgress;
    return call<SensitivityResult>("run_sensitivity", { requestId, options, onProgress: ch });
  },
  cancelSensitivity: () => call<null>("cancel_sensitivity"),

  // Compatibility: site IT profile, device profiles, MDS2 forms, the rule table.
  /** The portfolio's site profile first, then each facility that has its own. */
  siteProfiles: () => call<ScopedSiteProfile[]>("site_profiles"),
  /** `facilityId` null: the portfolio's profile. */
  getSiteProfile: (facilityId: number | null) => call<ScopedSiteProfile>("get_site_profile", { facilityId }),
  deleteSiteProfile: (facilityId: number) => call<ScopedSiteProfile>("delete_site_profile", { facilityId }),
  setSiteProfile: (facilityId: number | null, profile: SiteProfile) =>
    call<ScopedSiteProfile>("set_site_profile", { facilityId, profile }),
  getDeviceProfile: (candidateId: number) => call<DeviceProfile | null>("get_device_profile", { candidateId }),
  setDeviceProfile: (candidateId: number, profile: DeviceProfile) =>
    call<null>("set_device_profile", { candidateId, profile }),
  getMds2Form: (candidateId: number) => call<Mds2Form | null>("get_mds2_form", { candidateId }),
  /** Reads the file and says what importing it would do; nothing is saved. */
  previewMds2Import: (candidateId: number, path: string) =>
    call<Mds2Preview>("preview_mds2_import", { candidateId, path }),
  /** Rejects with kind "conflict" when the preview needs confirmation and `confirmed` is false. */
  importMds2: (candidateId: number, path: string, confirmed: boolean) =>
    call<Mds2Preview>("import_mds2", { candidateId, path, confirmed }),
  deleteMds2Form: (candidateId: number) => call<null>("delete_mds2_form", { candidateId }),
  compareMds2: (requestId: number) => call<Mds2Comparison>("compare_mds2", { requestId }),
  requestCompatibility: (requestId: number) => call<CompatibilityReport>("request_compatibility", { requestId }),
  getCompatRules: () => call<CompatRule[]>("get_compat_rules"),
  setCompatRules: (rules: CompatRule[]) => call<CompatRule[]>("set_compat_rules", { rules }),
  resetCompatRules: () => call<CompatRule[]>("reset_compat_rules"),
  getDisqualifyBlocking: (requestId: number) => call<boolean>("get_disqualify_blocking", { requestId }),
  setDisqualifyBlocking: (requestId: number, on: boolean) =>
    call<null>("set_disqualify_blocking", { requestId, on }),
};

export const DEFAULT_SENSITIVITY: SensitivityOptions = {
  samples: 10000,
  seed: 1,
  sampling: { kind: "uniform" },
  bounds: {},
  value_sd: {},
  sweep_steps: 100,
  tornado_delta: 0.1,
};

const FILTERS = [{ name: "Caliper portfolio", extensions: ["caliper"] }];

/** Asks for an existing portfolio file; null when cancelled. */
export async function pickPortfolioToOpen(): Promise<string | null> {
  const picked = await openDialog({ multiple: false, directory: false, filters: FILTERS });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a vendor's MDS2 form (the HN 1-2019 workbook or a CSV/text export); null when cancelled. */
export async function pickMds2File(): Promise<string | null> {
  const picked = await openDialog({
    multiple: false,
    directory: false,
    filters: [{ name: "MDS2 form", extensions: ["xlsx", "xls", "ods", "csv", "txt"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks where to save a request's PDF brief; null when cancelled. */
export async function pickBriefPath(title: string): Promise<string | null> {
  const name = `Brief - ${title.replace(/[\\/:*?"<>|]+/g, " ").trim()}.pdf`;
  return saveDialog({ filters: [{ name: "PDF document", extensions: ["pdf"] }], defaultPath: name });
}

/** Asks where to save a request's workbook (.xlsx) or ranked comparison (.csv). */
export async function pickDataPath(title: string): Promise<string | null> {
  const name = `${title.replace(/[\\/:*?"<>|]+/g, " ").trim()}.xlsx`;
  return saveDialog({
    filters: [
      { name: "Excel workbook", extensions: ["xlsx"] },
      { name: "CSV (ranked comparison)", extensions: ["csv"] },
    ],
    defaultPath: name,
  });
}

/** Asks where to save a fiscal year's capital summary. */
export async function pickSummaryPath(fiscalYear: number): Promise<string | null> {
  const name = `Capital summary FY${fiscalYear}.pdf`;
  return saveDialog({ filters: [{ name: "PDF document", extensions: ["pdf"] }], defaultPath: name });
}

/** Opens a file with the system's viewer. */
export async function openFile(path: string): Promise<void> {
  await openPath(path);
}

/** Shows a file in the system's file manager. */
export async function revealFile(path: string): Promise<void> {
  await revealItemInDir(path);
}

/** Asks where to create a new portfolio file; null when cancelled. */
export async function pickPortfolioToCreate(): Promise<string | null> {
  return saveDialog({ filters: FILTERS, defaultPath: "Portfolio.caliper" });
}
