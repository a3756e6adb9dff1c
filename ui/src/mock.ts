// In-memory fake of the Tauri commands, for developing and screenshotting the UI in a plain
// browser. main.tsx imports it dynamically only when window.__TAURI_INTERNALS__ is absent,
// so the desktop app never loads it. Fictional vendors and devices throughout.
import { MDS2_QUESTIONS } from "./mock-mds2";
import type {
  Acceptability,
  Answer,
  Area,
  AreaScore,
  CandidateCompatibility,
  Capability,
  Check,
  CompatibilityReport,
  CompatRule,
  DeviceProfile,
  Finding,
  ListField,
  Mds2Answer,
  Mds2Cell,
  Mds2CompareRow,
  Mds2Comparison,
  Mds2Conflict,
  Mds2Form,
  Mds2Issue,
  Mds2Preview,
  ScopedSiteProfile,
  SectionTally,
  Severity,
  SiteFlag,
  SiteProfile,
  Status,
  TlsVersion,
  WifiSecurity,
  Agreement,
  AgreementCell,
  AhpInput,
  AhpResult,
  AssumptionOverrides,
  Assumptions,
  Candidate,
  CandidateLifecycle,
  CandidateInput,
  CapitalRequest,
  Category,
  CategoryCriteria,
  CostModel,
  Criterion,
  CriterionInput,
  Department,
  ErrorPayload,
  Evaluator,
  EvaluatorScore,
  Facility,
  FiscalYearCost,
  LifecycleCost,
  Measurement,
  MissingScore,
  PortfolioInfo,
  RankedCandidate,
  RankingCell,
  RequestInput,
  RequestLifecycle,
  RequestRanking,
  RequestSummary,
  BreakEven,
  CriterionSweep,
  Direction,
  Inconsistency,
  Judgement,
  RandomIndex,
  SamplingProgress,
  ScheduleYear,
  ScoreSummary,
  SensitivityOptions,
  SensitivityResult,
  SweepPoint,
} from "./bindings";

type Args = Record<string, unknown>;

function fail(kind: ErrorPayload["kind"], message: string, field: string | null = null): never {
  const e: ErrorPayload = { kind, field, message };
  throw e;
}

// ---- money in cents (the fake backend may compute; the UI never does) ----
function toCents(s: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) fail("validation", "Unit price must be a decimal amount such as 18500.00", "input.unit_price");
  return BigInt(m[1] ?? "0") * 100n + BigInt((m[2] ?? "").padEnd(2, "0") || "0");
}
function fromCents(c: bigint): string {
  const s = c.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

interface Db {
  info: PortfolioInfo;
  facilities: Facility[];
  departments: Department[];
  requests: CapitalRequest[];
  candidates: Candidate[];
  categories: Category[];
  criteria: Criterion[];
  evaluators: Evaluator[];
  scores: EvaluatorScore[];
  measurements: Measurement[];
  costModels: Record<number, CostModel>;
  portfolioAssumptions: Assumptions;
  overrides: Record<number, AssumptionOverrides>;
  /** "portfolio" or a facility id. */
  siteProfiles: Record<string, SiteProfile>;
  deviceProfiles: Record<number, DeviceProfile>;
  mds2Forms: Record<number, Mds2Form>;
  compatRules: CompatRule[];
  disqualify: Record<number, boolean>;
  nextId: number;
}

const LIKERT = (worst: string, mid: string, best: string): string[] => [
  worst,
  `Below expectations: ${mid.toLowerCase()} with notable gaps`,
  mid,
  `Above expectations: ${mid.toLowerCase()} and more`,
  best,
];

interface Template {
  category: string;
  criteria: Omit<CriterionInput, "category_id">[];
}

const TEMPLATE: Template[] = [
  {
    category: "Clinical effectiveness",
    criteria: [
      {
        name: "Clinical performance and evidence",
        description: "Measurement accuracy, arrhythmia detection, published evidence.",
        direction: "benefit",
        kind: "judged",
        unit: "",
        anchors: LIKERT(
          "No independent evidence; accuracy concerns in trial",
          "Meets stated accuracy; some peer-reviewed evidence",
          "Strong independent evidence; best accuracy in trial",
        ),
        weight: 12,
        source: "entered",
      },
      {
        name: "Workflow fit and usability",
        description: "Nurse trial feedback: screen layout, admit/discharge, transport.",
        direction: "benefit",
        kind: "judged",
        unit: "",
        anchors: LIKERT(
          "Disrupts workflow; frequent use errors in trial",
          "Fits workflow after training",
          "Fits workflow with no workarounds; nurses preferred it",
        ),
        weight: 12,
        source: "entered",
      },
      {
        name: "Alarm management and patient safety",
        description: "Alarm configurability, escalation, recall history for the product code.",
        direction: "benefit",
        kind: "judged",
        unit: "",
        anchors: LIKERT(
          "Fixed alarm limits; open Class I recall",
          "Configurable alarms; no open recalls",
          "Smart alarms with escalation (IHE ACM); clean record",
        ),
        weight: 10,
        source: "entered",
      },
    ],
  },
  {
    category: "EHR and network compatibility",
    criteria: [
      {
        name: "EHR integration",
        description: "Computed from the compatibility check: HL7 v2, FHIR, the IHE Devices profiles and the site's middleware.",
        direction: "benefit",
        kind: "measured",
        unit: "points",
        anchors: [],
        weight: 10,
        source: "ehr_score",
      },
      {
        name: "Network compatibility",
        description: "Computed from the compatibility check: Wi-Fi, 802.1X, pre-shared keys, VLAN, addressing and TLS.",
        direction: "benefit",
        kind: "measured",
        unit: "points",
        anchors: [],
        weight: 6,
        source: "network_score",
      },
      {
        name: "Cybersecurity posture",
        description: "Computed from the compatibility check and the MDS2 form: encryption, authentication, patching, SBOM.",
        direction: "benefit",
        kind: "measured",
        unit: "points",
        anchors: [],
        weight: 8,
        source: "security_score",
      },
    ],
  },
  {
    category: "Lifecycle cost",
    criteria: [
      {
        name: "Lifecycle cost",
        description:
          "Equivalent annual cost from each candidate's lifecycle-cost model, so that devices with different expected lives compare fairly.",
        direction: "cost",
        kind: "measured",
        unit: "USD/year",
        anchors: [],
        weight: 20,
        source: "lifecycle_cost",
      },
    ],
  },
  {
    category: "Vendor and service",
    criteria: [
      {
        name: "Service coverage and response",
        description: "On-site response time, parts availability, loaners.",
        direction: "benefit",
        kind: "judged",
        unit: "",
        anchors: LIKERT(
          "Depot repair only; response over 72 h",
          "Next-business-day on-site response",
          "4-hour on-site response; local parts depot",
        ),
        weight: 8,
        source: "entered",
      },
      {
        name: "Training offered",
        description: "Super-user and biomed training included in the quote.",
        direction: "benefit",
        kind: "judged",
        unit: "",
        anchors: LIKERT(
          "Online modules only",
          "On-site super-user training",
          "On-site clinical and biomed training, refreshers included",
        ),
        weight: 6,
        source: "entered",
      },
      {
        name: "Vendor financial stability",
        description: "Market presence, support commitment, end-of-support dates.",
        direction: "benefit",
        kind: "judged",
        unit: "",
        anchors: LIKERT(
          "Start-up; no support commitment",
          "Established; 7-year support commitment",
          "Market leader; 10-year support commitment",
        ),
        weight: 8,
        source: "entered",
      },
    ],
  },
];

function seed(): Db {
  const db: Db = {
    info: { path: "/home/ce/Caliper demo.caliper", name: "Caliper demo", schema_version: BigInt(1) },
    facilities: [
      { id: 1, name: "Riverside Main Campus" },
      { id: 2, name: "North Valley Hospital" },
    ],
    departments: [
      { id: 1, facility_id: 1, name: "Medical ICU", cost_center: "6120" },
      { id: 2, facility_id: 1, name: "Emergency Department", cost_center: "6300" },
      { id: 3, facility_id: 2, name: "Medical-Surgical Nursing", cost_center: "7410" },
    ],
    requests: [
      {
        id: 1,
        title: "Replace 40 ICU patient monitors",
        department_id: 1,
        request_type: "replacement",
        quantity: 40,
        fiscal_year: 2027,
        justification:
          "Current monitors reach manufacturer end of support in 2026; unsupported operating system.",
        status: "in_assessment",
        currency: "USD",
        method: "weighted_sum",
      },
      {
        id: 2,
        title: "Smart infusion pumps for North Valley med-surg",
        department_id: 3,
        request_type: "new_technology",
        quantity: 60,
        fiscal_year: 2028,
        justification: "Dose error reduction software and EHR interoperability (IHE PIV).",
        status: "draft",
        currency: "USD",
        method: "weighted_sum",
      },
    ],
    candidates: [
      { id: 1, request_id: 1, manufacturer: "Aurelia Devices", model: "Sentinel X4", vendor: "Northbridge Medical Supply", fda_product_code: "MHX", unit_price: { amount: "18500.00", currency: "USD" }, quantity: 40, notes: "Includes central station licence." },
      { id: 2, request_id: 1, manufacturer: "Corvane Medical", model: "VitaView 700", vendor: "Corvane Medical (direct)", fda_product_code: "MHX", unit_price: { amount: "21250.00", currency: "USD" }, quantity: 40, notes: "" },
      { id: 3, request_id: 1, manufacturer: "Halden Systems", model: "PM-9 Pro", vendor: "Tri-State Biomedical", fda_product_code: "MHX", unit_price: { amount: "16900.00", currency: "USD" }, quantity: 40, notes: "Trade-in credit not yet quoted." },
      { id: 4, request_id: 1, manufacturer: "Lumetra Health", model: "Orion 5", vendor: "Meridian Health Partners", fda_product_code: "MHX", unit_price: { amount: "19800.00", currency: "USD" }, quantity: 40, notes: "MDS2 form requested." },
    ],
    categories: [],
    criteria: [],
    evaluators: [
      { id: 1, name: "Dana Whitfield", role: "Clinical engineer" },
      { id: 2, name: "Marcus Oyelaran", role: "ICU nurse manager" },
    ],
    scores: [],
    measurements: [],
    costModels: {},
    portfolioAssumptions: { discount_rate: "0.03", inflation: "0.025", currency: "USD", fiscal_year_start_month: 7 },
    overrides: {
      1: { discount_rate: "0.04", inflation: null, fiscal_year_start_month: null, purchase_date: "2026-10-01" },
    },
    siteProfiles: {},
    deviceProfiles: {},
    mds2Forms: {},
    compatRules: [],
    disqualify: {},
    nextId: 100,
  };
  for (const r of db.requests) addTemplate(db, r.id);
  // Scores: [criterion position in judged list][candidate] per evaluator.
  const judged = db.criteria.filter((c) => c.kind === "judged" && critRequest(db, c) === 1);
  const e1 = [
    [4, 4, 3, 4], [4, 3, 3, 5], [5, 4, 3, 4], [4, 5, 3, 3], [3, 4, 3, 4], [4, 5, 3, 3],
  ];
  const e2 = [
    [4, 5, 3, 3], [5, 3, 2, 5], [4, 4, 3, 2], [4, 4, 4, 3], [4, 3, 3, 4], [4, 5, 3, 3],
  ];
  judged.forEach((c, i) => {
    for (let k = 0; k < 4; k++) {
      db.scores.push({ evaluator_id: 1, candidate_id: k + 1, criterion_id: c.id, score: e1[i]?.[k] ?? 3, comment: "" });
      // The nurse manager has not scored training and vendor stability yet.
      if (i < 4) db.scores.push({ evaluator_id: 2, candidate_id: k + 1, criterion_id: c.id, score: e2[i]?.[k] ?? 3, comment: "" });
    }
  });
  // Cost models for three of the four monitors; Aurelia's is not in yet (the ranking says so).
  const cm = (c: Candidate, m: Omit<CostModel, "unit_price" | "quantity" | "hours_per_year" | "tariff_per_kwh" | "staffing_annual">) => {
    db.costModels[c.id] = {
      ...m,
      unit_price: c.unit_price.amount,
      quantity: c.quantity,
      hours_per_year: "8760",
      tariff_per_kwh: "0.14",
      staffing_annual: "0",
    };
  };
  const [, c2, c3, c4] = db.candidates;
  if (c2) cm(c2, { discount_pct: "5", trade_in_credit: "0", installation: "38000", it_integration: "30000", training: "9000", warranty_years: 3, service_annual: "64000", service_escalation: "0.03", cost_per_use: "3.80", annual_uses: "12000", power_watts: "60", software_annual: "12000", expected_life_years: 8, disposal: "3000", residual_value: "12000" });
  if (c3) cm(c3, { discount_pct: "8", trade_in_credit: "0", installation: "45000", it_integration: "18000", training: "12000", warranty_years: 2, service_annual: "84000", service_escalation: "0.04", cost_per_use: "3.10", annual_uses: "12000", power_watts: "55", software_annual: "0", expected_life_years: 10, disposal: "3000", residual_value: "25000" });
  if (c4) cm(c4, { discount_pct: "3", trade_in_credit: "16000", installation: "40000", it_integration: "42000", training: "8000", warranty_years: 1, service_annual: "58000", service_escalation: "0.035", cost_per_use: "4.20", annual_uses: "12000", power_watts: "70", software_annual: "18000", expected_life_years: 7, disposal: "2500", residual_value: "8000" });
  seedCompat(db);
  return db;
}

function addTemplate(db: Db, requestId: number): void {
  TEMPLATE.forEach((t, pi) => {
    const cat: Category = { id: db.nextId++, request_id: requestId, name: t.category, position: pi };
    db.categories.push(cat);
    t.criteria.forEach((c, ci) => {
      db.criteria.push({ ...c, anchors: [...c.anchors], id: db.nextId++, category_id: cat.id, position: ci });
    });
  });
}

function critRequest(db: Db, c: Criterion): number {
  return db.categories.find((k) => k.id === c.category_id)?.request_id ?? -1;
}


function num(a: Args | undefined, k: string): number {
  const v = a?.[k];
  if (typeof v !== "number") fail("parse", `missing argument ${k}`);
  return v;
}

function requestOr404(id: number): CapitalRequest {
  return db.requests.find((r) => r.id === id) ?? fail("not_found", `Request ${id} not found`);
}

function validateRequest(i: RequestInput): void {
  if (!i.title.trim()) fail("validation", "Title is required", "input.title");
  if (!db.departments.some((d) => d.id === i.department_id)) fail("validation", "Choose a department", "input.department_id");
  if (!Number.isInteger(i.quantity) || i.quantity < 1) fail("validation", "Quantity must be at least 1", "input.quantity");
  if (!Number.isInteger(i.fiscal_year) || i.fiscal_year < 2000 || i.fiscal_year > 2100) fail("validation", "Fiscal year must be between 2000 and 2100", "input.fiscal_year");
  if (!/^[A-Z]{3}$/.test(i.currency)) fail("validation", "Currency must be a three-letter ISO 4217 code", "input.currency");
  if (db.requests.some((r) => r.title === i.title.trim() && r.fiscal_year === i.fiscal_year && r.department_id === i.department_id)) {
    fail("conflict", "A request with this title already exists for this department and year", "input.title");
  }
}

function validateCandidate(i: CandidateInput): void {
  if (!i.manufacturer.trim()) fail("validation", "Manufacturer is required", "input.manufacturer");
  if (!i.model.trim()) fail("validation", "Model is required", "input.model");
  if (i.fda_product_code !== null && !/^[A-Z]{3}$/.test(i.fda_product_code)) fail("validation", "FDA product codes are three letters", "input.fda_product_code");
  toCents(i.unit_price);
  if (!Number.isInteger(i.quantity) || i.quantity < 1) fail("validation", "Quantity must be at least 1", "input.quantity");
}

function validateCriterion(i: CriterionInput): void {
  if (!i.name.trim()) fail("validation", "Name is required", "input.name");
  if (!(i.weight >= 0)) fail("validation", "Weight must be zero or more", "input.weight");
  if (i.kind === "judged" && i.anchors.length !== 5) fail("validation", "A judged criterion needs 5 anchors", "input.anchors");
  if (i.kind === "measured" && !i.unit.trim()) fail("validation", "A measured criterion needs a unit", "input.unit");
  if (i.source === "lifecycle_cost" && (i.kind !== "measured" || i.direction !== "cost")) {
    fail("validation", "a criterion computed from lifecycle cost is measured, and lower is better (cost)", "input.source");
  }
  if (["ehr_score", "network_score", "security_score"].includes(i.source) && (i.kind !== "measured" || i.direction !== "benefit")) {
    fail("validation", "a compatibility score is measured (0-100 points), and higher is better (benefit)", "input.source");
  }
}

function summarise(scores: number[]): ScoreSummary {
  const n = scores.length;
  const sorted = [...scores].sort((a, b) => a - b);
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const mid = Math.floor(n / 2);
  const median = n % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const min = sorted[0] ?? 0;
  const max = sorted[n - 1] ?? 0;
  const std_dev = n > 1 ? Math.sqrt(scores.reduce((a, s) => a + (s - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, median, min, max, std_dev, disagreement: max - min >= 2 };
}

function treeOf(requestId: number): CategoryCriteria[] {
  return db.categories
    .filter((c) => c.request_id === requestId)
    .sort((a, b) => a.position - b.position)
    .map((category) => ({
      category,
      criteria: db.criteria.filter((c) => c.category_id === category.id).sort((a, b) => a.position - b.position),
    }));
}

function quoted(c: Candidate): bigint {
  return toCents(c.unit_price.amount) * BigInt(c.quantity);
}

// ---- lifecycle cost (a plain-number imitation of the Rust engine, for the preview only) ----
const DEC = /^-?\d+(\.\d+)?$/;
function dec(field: string, v: unknown, opts: { negative?: boolean; max?: number } = {}): number {
  const t = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  if (!DEC.test(t)) fail("validation", `'${t}' is not a decimal number`, `model.${field}`);
  const n = Number(t);
  if (n < 0 && !opts.negative) fail("validation", `${t} is negative; amounts must be zero or more`, `model.${field}`);
  if (opts.max !== undefined && n > opts.max) fail("validation", `${t} is above the plausible maximum ${opts.max}`, `model.${field}`);
  return n;
}

function effectiveAssumptions(requestId: number): Assumptions {
  const base = db.portfolioAssumptions;
  const o = db.overrides[requestId];
  const req = requestOr404(requestId);
  const a: Assumptions = {
    discount_rate: o?.discount_rate ?? base.discount_rate,
    inflation: o?.inflation ?? base.inflation,
    currency: req.currency,
    fiscal_year_start_month: o?.fiscal_year_start_month ?? base.fiscal_year_start_month,
  };
  const pd = o?.purchase_date ?? base.purchase_date;
  if (pd) a.purchase_date = pd;
  return a;
}

function checkRate(field: string, v: string | null | undefined, lo: number, hi: number, what: string): void {
  if (v === null || v === undefined) return;
  if (!DEC.test(v.trim())) fail("validation", `'${v}' is not a decimal number`, field);
  const n = Number(v);
  if (n <= lo || n > hi) fail("validation", `${v} is outside ${what}; rates are fractions (0.05 = 5 %)`, field);
}

function validateOverrides(o: AssumptionOverrides, prefix: string): void {
  checkRate(`${prefix}.discount_rate`, o.discount_rate, -1, 1, "-100 % (exclusive) to 100 %");
  checkRate(`${prefix}.inflation`, o.inflation, -0.5, 0.5, "-50 % to 50 %");
  const m = o.fiscal_year_start_month;
  if (m !== null && m !== undefined && !(Number.isInteger(m) && m >= 1 && m <= 12)) {
    fail("validation", `${m} is not a month (1 to 12)`, `${prefix}.fiscal_year_start_month`);
  }
  const d = o.purchase_date;
  if (d !== null && d !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)))) {
    fail("validation", `'${d}' is not a date (YYYY-MM-DD)`, `${prefix}.purchase_date`);
  }
}

const s10 = (n: number): string => (Math.abs(n) < 5e-11 ? "0" : n.toFixed(10));

function mockLifecycle(m: CostModel, a: Assumptions): LifecycleCost {
  const unit = dec("unit_price", m.unit_price);
  const qty = m.quantity;
  if (!Number.isInteger(qty) || qty < 1 || qty > 100000) fail("validation", `${qty} is not a plausible quantity (1 to 100,000)`, "model.quantity");
  const disc = dec("discount_pct", m.discount_pct);
  if (disc > 100) fail("validation", `${m.discount_pct} is not a percentage between 0 and 100`, "model.discount_pct");
  const trade = dec("trade_in_credit", m.trade_in_credit);
  const inst = dec("installation", m.installation);
  const it = dec("it_integration", m.it_integration);
  const train = dec("training", m.training);
  const service = dec("service_annual", m.service_annual);
  const esc = dec("service_escalation", m.service_escalation, { negative: true });
  if (esc <= -0.5 || esc > 0.5) fail("validation", `${m.service_escalation} is outside -50 % to 50 %; rates are fractions (0.05 = 5 %)`, "model.service_escalation");
  const perUse = dec("cost_per_use", m.cost_per_use);
  const uses = dec("annual_uses", m.annual_uses, { max: 1e9 });
  const watts = dec("power_watts", m.power_watts, { max: 1e6 });
  const hours = dec("hours_per_year", m.hours_per_year, { max: 8784 });
  const tariff = dec("tariff_per_kwh", m.tariff_per_kwh);
  const software = dec("software_annual", m.software_annual);
  const staffing = dec("staffing_annual", m.staffing_annual);
  const disposal = dec("disposal", m.disposal);
  const residual = dec("residual_value", m.residual_value);
  const n = m.expected_life_years;
  if (!Number.isInteger(n) || n < 1 || n > 40) fail("validation", `${n} is not an expected life between 1 and 40 years`, "model.expected_life_years");
  if (!Number.isInteger(m.warranty_years) || m.warranty_years < 0) fail("validation", `${m.warranty_years} is not a number of years`, "model.warranty_years");
  if (m.warranty_years > n) fail("validation", `${m.warranty_years} years of warranty exceed the expected life of ${n} years`, "model.warranty_years");
  const gross = unit * qty * (1 - disc / 100);
  if (trade > gross) fail("validation", `${m.trade_in_credit} exceeds the purchase price after discount (${gross.toFixed(2)})`, "model.trade_in_credit");
  validateOverrides({ discount_rate: a.discount_rate, inflation: a.inflation, fiscal_year_start_month: a.fiscal_year_start_month, purchase_date: a.purchase_date ?? null }, "assumptions");

  const r = Number(a.discount_rate);
  const inf = Number(a.inflation);
  const kwh = (watts * hours * qty) / 1000;
  const schedule: ScheduleYear[] = [];
  let cum = 0;
  let cumPv = 0;
  let infl = 1;
  let escal = 1;
  let discount = 1;
  const pd = a.purchase_date ? new Date(`${a.purchase_date}T00:00:00Z`) : null;
  const start = a.fiscal_year_start_month;
  for (let t = 0; t <= n; t++) {
    const y = { purchase: 0, installation: 0, it_integration: 0, training: 0, service: 0, consumables: 0, energy: 0, software: 0, staffing: 0, disposal: 0, residual: 0 };
    if (t === 0) {
      y.purchase = gross - trade;
      y.installation = inst;
      y.it_integration = it;
      y.training = train;
    } else {
      if (t > 1) {
        infl *= 1 + inf;
        escal *= 1 + esc;
      }
      discount *= 1 + r;
      if (t > m.warranty_years) y.service = service * escal;
      y.consumables = perUse * uses * infl;
      y.energy = kwh * tariff * infl;
      y.software = software * infl;
      y.staffing = staffing * infl;
      if (t === n) {
        y.disposal = disposal;
        y.residual = -residual;
      }
    }
    const total = Object.values(y).reduce((acc, v) => acc + v, 0);
    const pv = total / discount;
    cum += total;
    cumPv += pv;
    let fy: number | null = null;
    if (pd) {
      const month = pd.getUTCMonth() + 1;
      const year = pd.getUTCFullYear() + t;
      fy = start > 1 && month >= start ? year + 1 : year;
    }
    schedule.push({
      year: t,
      fiscal_year: fy,
      purchase: s10(y.purchase),
      installation: s10(y.installation),
      it_integration: s10(y.it_integration),
      training: s10(y.training),
      service: s10(y.service),
      consumables: s10(y.consumables),
      energy: s10(y.energy),
      software: s10(y.software),
      staffing: s10(y.staffing),
      disposal: s10(y.disposal),
      residual: s10(y.residual),
      total: s10(total),
      present_value: s10(pv),
      cumulative: s10(cum),
      cumulative_present_value: s10(cumPv),
    });
  }
  const eac = r === 0 ? cumPv / n : (cumPv * r) / (1 - 1 / (1 + r) ** n);
  const capital = Number(schedule[0]?.total ?? "0");
  const fiscal: FiscalYearCost[] = [];
  for (const y of schedule) {
    if (y.fiscal_year === null) continue;
    const tot = Number(y.total);
    const f = fiscal.find((x) => x.fiscal_year === y.fiscal_year);
    const cap = y.year === 0 ? tot : 0;
    const op = y.year === 0 ? 0 : tot;
    if (f) {
      f.capital = s10(Number(f.capital) + cap);
      f.operating = s10(Number(f.operating) + op);
      f.total = s10(Number(f.total) + tot);
    } else fiscal.push({ fiscal_year: y.fiscal_year, capital: s10(cap), operating: s10(op), total: s10(tot) });
  }
  return {
    currency: a.currency,
    expected_life_years: n,
    discount_rate: a.discount_rate,
    schedule,
    nominal_total: s10(cum),
    npv: s10(cumPv),
    eac: s10(eac),
    cost_per_use: uses > 0 ? s10(eac / uses) : null,
    capital: s10(capital),
    operating: s10(cum - capital),
    fiscal_years: fiscal,
  };
}

function requestLifecycle(requestId: number): RequestLifecycle {
  const assumptions = effectiveAssumptions(requestId);
  const compat = compatReport(requestId);
  const candidates: CandidateLifecycle[] = db.candidates
    .filter((c) => c.request_id === requestId)
    .map((c) => {
      const label = `${c.manufacturer} ${c.model}`;
      const remediation = compat.candidates.find((x) => x.candidate_id === c.id)?.remediation_total ?? "0.00";
      const m = db.costModels[c.id];
      if (!m) return { candidate_id: c.id, label, lifecycle: null, problem: "no cost model yet", remediation };
      try {
        // The quote is the source of unit price and quantity; remediation goes into IT integration.
        const it = fromCents(toCents(m.it_integration) + toCents(remediation));
        const lifecycle = mockLifecycle({ ...m, it_integration: it, unit_price: c.unit_price.amount, quantity: c.quantity }, assumptions);
        return { candidate_id: c.id, label, lifecycle, problem: null, remediation };
      } catch (e) {
        return { candidate_id: c.id, label, lifecycle: null, problem: `cost model: ${(e as ErrorPayload).message}`, remediation };
      }
    });
  const lives = candidates.flatMap((c) => (c.lifecycle ? [c.lifecycle.expected_life_years] : []));
  return { request_id: requestId, assumptions, candidates, unequal_lives: lives.some((l) => l !== lives[0]) };
}

function rank(requestId: number): RequestRanking {
  const req = requestOr404(requestId);
  const tree = treeOf(requestId);
  const crits = tree.flatMap((t) => t.criteria.map((c) => ({ c, cat: t.category.name })));
  const total = crits.reduce((a, x) => a + x.c.weight, 0);
  const cands = db.candidates.filter((c) => c.request_id === requestId);
  const missing: MissingScore[] = [];
  const label = (c: Candidate) => `${c.manufacturer} ${c.model}`;
  const lifecycle = new Map(requestLifecycle(requestId).candidates.map((c) => [c.candidate_id, c]));
  const compat = compatReport(requestId);
  const compatOf = (id: number) => compat.candidates.find((x) => x.candidate_id === id);
  const AREA_OF: Partial<Record<Criterion["source"], Area>> = { ehr_score: "ehr", network_score: "network", security_score: "security" };
  const cellsBy = new Map<number, RankingCell[]>();
  for (const cand of cands) cellsBy.set(cand.id, []);
  for (const { c } of crits) {
    const w = total > 0 ? c.weight / total : 0;
    const raw = cands.map((cand) => {
      if (c.kind === "judged") {
        const s = db.scores.filter((x) => x.candidate_id === cand.id && x.criterion_id === c.id).map((x) => x.score);
        return s.length ? { value: summarise(s).mean, summary: summarise(s) } : { value: null, summary: null };
      }
      if (c.source === "lifecycle_cost") {
        const lc = lifecycle.get(cand.id)?.lifecycle;
        return { value: lc ? Number(lc.eac) : null, summary: null };
      }
      const area = AREA_OF[c.source];
      if (area) {
        const score = compatOf(cand.id)?.scores.find((s) => s.area === area)?.score ?? null;
        return { value: score, summary: null };
      }
      const m = db.measurements.find((x) => x.candidate_id === cand.id && x.criterion_id === c.id);
      return { value: m ? Number(m.value) : null, summary: null };
    });
    const present = raw.map((r) => r.value).filter((v): v is number => v !== null);
    const lo = Math.min(...present);
    const hi = Math.max(...present);
    raw.forEach((r, k) => {
      const cand = cands[k];
      if (!cand) return;
      let normalized: number | null = null;
      if (r.value !== null) {
        if (c.kind === "judged") normalized = (r.value - 1) / 4;
        else if (hi === lo) normalized = 1;
        else normalized = (r.value - lo) / (hi - lo);
        if (c.direction === "cost") normalized = 1 - normalized;
      } else {
        const reason =
          c.kind === "judged"
            ? "no evaluator has scored it"
            : c.source === "lifecycle_cost"
              ? (lifecycle.get(cand.id)?.problem ?? "no cost model yet")
              : AREA_OF[c.source]
                ? "no compatibility profile or MDS2 form yet"
                : "no value entered";
        missing.push({ candidate_id: cand.id, criterion_id: c.id, candidate: label(cand), criterion: c.name, reason });
      }
      cellsBy.get(cand.id)?.push({
        criterion_id: c.id,
        value: r.value,
        normalized,
        contribution: normalized === null ? null : normalized * w,
        summary: r.summary,
      });
    });
  }
  const ranked: RankedCandidate[] = cands.map((cand) => {
    const cells = cellsBy.get(cand.id) ?? [];
    const complete = cells.every((x) => x.contribution !== null);
    return {
      candidate_id: cand.id,
      label: label(cand),
      vendor: cand.vendor,
      rank: null,
      score: complete ? cells.reduce((a, x) => a + (x.contribution ?? 0), 0) : null,
      tied: false,
      quoted_total: { amount: fromCents(quoted(cand)), currency: req.currency },
      cells,
      blocking_gaps: compatOf(cand.id)?.blocking ?? 0,
      disqualified: compatOf(cand.id)?.disqualified ?? false,
    };
  });
  if (req.method === "topsis") {
    // TOPSIS over the complete candidates' raw values; no additive contributions.
    const complete = ranked.filter((r) => r.score !== null);
    const values = complete.map((r) => r.cells.map((x) => x.value ?? 0));
    const weights = crits.map(({ c }) => (total > 0 ? c.weight / total : 0));
    const closeness = topsis(values, weights, crits.map(({ c }) => c.direction));
    complete.forEach((r, i) => {
      r.score = closeness[i] ?? 0;
    });
    for (const r of ranked) for (const cell of r.cells) cell.contribution = null;
  }
  // Disqualified candidates last, unranked, with their values for reference.
  for (const r of ranked) {
    if (!r.disqualified) continue;
    r.score = null;
    for (const cell of r.cells) {
      cell.normalized = null;
      cell.contribution = null;
    }
  }
  ranked.sort((a, b) => Number(a.disqualified) - Number(b.disqualified) || (b.score ?? -1) - (a.score ?? -1));
  ranked.forEach((r, i) => {
    if (r.score === null) return;
    const first = ranked.findIndex((x) => x.score !== null && Math.abs(x.score - (r.score ?? 0)) < 1e-9);
    r.rank = first === i ? i + 1 : (ranked[first]?.rank ?? i + 1);
    r.tied = ranked.filter((x) => x.score !== null && Math.abs(x.score - (r.score ?? 0)) < 1e-9).length > 1;
  });
  const judgedCount = crits.filter((x) => x.c.kind === "judged").length;
  const critIds = new Set(crits.map((x) => x.c.id));
  const candIds = new Set(cands.map((c) => c.id));
  const coverage = db.evaluators
    .map((e) => ({
      evaluator_id: e.id,
      name: e.name,
      scored: db.scores.filter((s) => s.evaluator_id === e.id && critIds.has(s.criterion_id) && candIds.has(s.candidate_id)).length,
      expected: judgedCount * cands.length,
    }))
    .filter((c) => c.scored > 0);
  return {
    request_id: requestId,
    title: req.title,
    currency: req.currency,
    method: req.method,
    criteria: crits.map(({ c, cat }) => ({
      id: c.id,
      category: cat,
      name: c.name,
      kind: c.kind,
      direction: c.direction,
      unit: c.unit,
      weight: total > 0 ? c.weight / total : 0,
    })),
    candidates: ranked,
    missing,
    coverage,
  };
}

// ---- analysis fakes: AHP, agreement, sensitivity (plain numbers; the real ones are in Rust) ----

/** TOPSIS closeness with vector normalisation. */
function topsis(values: number[][], weights: number[], dirs: Direction[]): number[] {
  const m = weights.length;
  const norms = Array.from({ length: m }, (_, k) => Math.sqrt(values.reduce((a, row) => a + (row[k] ?? 0) ** 2, 0)) || 1);
  const v = values.map((row) => row.map((x, k) => ((weights[k] ?? 0) * x) / (norms[k] ?? 1)));
  const best = Array.from({ length: m }, (_, k) => {
    const col = v.map((r) => r[k] ?? 0);
    return dirs[k] === "cost" ? Math.min(...col) : Math.max(...col);
  });
  const worst = Array.from({ length: m }, (_, k) => {
    const col = v.map((r) => r[k] ?? 0);
    return dirs[k] === "cost" ? Math.max(...col) : Math.min(...col);
  });
  return v.map((row) => {
    const dPlus = Math.sqrt(row.reduce((a, x, k) => a + (x - (best[k] ?? 0)) ** 2, 0));
    const dMinus = Math.sqrt(row.reduce((a, x, k) => a + (x - (worst[k] ?? 0)) ** 2, 0));
    return dPlus + dMinus > 0 ? dMinus / (dPlus + dMinus) : 0.5;
  });
}

const RI_TABLES: Record<RandomIndex, { name: string; table: number[] }> = {
  saaty1980: { name: "Saaty (1980)", table: [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.54, 1.56, 1.57, 1.59] },
  saaty2005: { name: "Saaty (2005)", table: [0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59] },
  alonso_lamata2006: {
    name: "Alonso and Lamata (2006)",
    table: [0, 0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838],
  },
};

function judgementValue(j: Judgement, at: string): number {
  let v: number;
  if (typeof j === "number") v = j;
  else {
    const [a, b] = j.split("/");
    v = b === undefined ? Number(a) : Number(a) / Number(b);
  }
  if (!Number.isFinite(v) || v <= 0) fail("validation", `'${String(j)}' is not a positive judgement`, at);
  if (v < 1 / 9 - 1e-9 || v > 9 + 1e-9) fail("validation", `${v} is outside Saaty's scale (1/9 to 9)`, at);
  return v;
}

function mockAhp(input: AhpInput): AhpResult {
  const n = input.labels.length;
  if (n < 2) fail("validation", "at least two elements are needed to compare", "input.labels");
  const raw = input.matrix ?? fail("validation", "a pairwise comparison matrix is required", "input.matrix");
  const m = raw.map((row, i) => row.map((j, k) => judgementValue(j, `input.matrix[${i}][${k}]`)));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) (m[j] ?? [])[i] = 1 / (m[i]?.[j] ?? 1);
  const at = (i: number, j: number) => m[i]?.[j] ?? 1;
  let w: number[];
  if (input.weighting === "geometric_mean") {
    const g = m.map((row) => Math.exp(row.reduce((a, v) => a + Math.log(v), 0) / n));
    const sum = g.reduce((a, b) => a + b, 0);
    w = g.map((x) => x / sum);
  } else {
    w = Array.from({ length: n }, () => 1 / n);
    for (let it = 0; it < 500; it++) {
      const next = w.map((_, i) => w.reduce((a, wj, j) => a + at(i, j) * wj, 0));
      const sum = next.reduce((a, b) => a + b, 0);
      w = next.map((x) => x / sum);
    }
  }
  const lambda = w.reduce((a, wi, i) => a + w.reduce((b, wj, j) => b + at(i, j) * wj, 0) / wi, 0) / n;
  const ci = Math.max(0, (lambda - n) / (n - 1));
  const ri = RI_TABLES[input.random_index];
  const riN = ri.table[n - 1] ?? null;
  const cr = riN !== null && riN > 0 ? ci / riN : null;
  const worst: Inconsistency[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const implied = (w[i] ?? 0) / (w[j] ?? 1);
      worst.push({
        row: i,
        column: j,
        row_label: input.labels[i] ?? "",
        column_label: input.labels[j] ?? "",
        given: at(i, j),
        implied,
        deviation: Math.abs(Math.log(at(i, j) / implied)),
      });
    }
  }
  worst.sort((a, b) => b.deviation - a.deviation);
  return {
    labels: input.labels,
    weighting: input.weighting,
    weights: w,
    lambda_max: lambda,
    ci,
    cr,
    random_index: input.random_index,
    random_index_name: ri.name,
    ri: riN,
    ri_table: ri.table,
    inconsistent: cr !== null && cr > 0.1,
    matrix: m,
    worst_judgements: worst.slice(0, 3),
  };
}

function mockAgreement(requestId: number): Agreement {
  requestOr404(requestId);
  const tree = treeOf(requestId);
  const cands = db.candidates.filter((c) => c.request_id === requestId);
  const cells: AgreementCell[] = [];
  for (const cand of cands) {
    for (const crit of tree.flatMap((t) => t.criteria).filter((c) => c.kind === "judged")) {
      const marks = db.scores
        .filter((s) => s.candidate_id === cand.id && s.criterion_id === crit.id)
        .map((s) => ({
          evaluator_id: s.evaluator_id,
          evaluator: db.evaluators.find((e) => e.id === s.evaluator_id)?.name ?? `evaluator ${s.evaluator_id}`,
          score: s.score,
          comment: s.comment,
        }));
      if (marks.length < 2) continue;
      cells.push({
        candidate_id: cand.id,
        criterion_id: crit.id,
        candidate: `${cand.manufacturer} ${cand.model}`,
        criterion: crit.name,
        summary: summarise(marks.map((x) => x.score)),
        marks,
      });
    }
  }
  cells.sort((a, b) => b.summary.max - b.summary.min - (a.summary.max - a.summary.min) || b.summary.std_dev - a.summary.std_dev);
  const n = cells.length;
  return {
    request_id: requestId,
    cells,
    disagreements: cells.filter((c) => c.summary.disagreement).length,
    agreement_share: n ? cells.filter((c) => c.summary.max - c.summary.min <= 1).length / n : null,
    mean_std_dev: n ? cells.reduce((a, c) => a + c.summary.std_dev, 0) / n : null,
  };
}

/** Deterministic PRNG (mulberry32) so a seed gives the same answer. */
function prng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}
/** Marsaglia and Tsang's gamma sampler. */
function gammaSample(alpha: number, r: () => number): number {
  if (alpha < 1) return gammaSample(alpha + 1, r) * (1 - r()) ** (1 / alpha);
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(r);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - r();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function rescale(w: number[], k: number, t: number): number[] {
  const rest = 1 - (w[k] ?? 0);
  return w.map((x, j) => (j === k ? t : rest > 1e-12 ? (x / rest) * (1 - t) : (1 - t) / (w.length - 1)));
}
function argmax(s: number[]): number {
  let b = 0;
  s.forEach((x, i) => {
    if (x > (s[b] ?? -Infinity)) b = i;
  });
  return b;
}
function pctText(x: number): string {
  const p = x * 100;
  if (p > 0 && p < 1) return "under 1 %";
  if (p > 99 && p < 100) return "over 99 %";
  return `${p.toFixed(0)} %`;
}

let sensitivityCancelled = false;

async function mockSensitivity(requestId: number, options: SensitivityOptions, onProgress: (p: SamplingProgress) => void): Promise<SensitivityResult> {
  const ranking = rank(requestId);
  if (!Number.isInteger(options.samples) || options.samples < 1 || options.samples > 10_000_000) {
    fail("validation", `${options.samples} is not a sample count between 1 and 10000000`, "options.samples");
  }
  if (options.sampling.kind === "around" && !(options.sampling.concentration > 0)) {
    fail("validation", "must be a positive number", "options.sampling.concentration");
  }
  const alts = ranking.candidates.filter((c) => c.score !== null);
  if (alts.length < 2) fail("validation", "at least two alternatives with every value are needed to analyse sensitivity", "alternatives");
  if (ranking.criteria.length < 2) fail("validation", "at least two criteria are needed to analyse sensitivity", "criteria");
  const weights = ranking.criteria.map((c) => c.weight);
  const dirs = ranking.criteria.map((c) => c.direction);
  const normalized = alts.map((a) => a.cells.map((x) => x.normalized ?? 0));
  const raw = alts.map((a) => a.cells.map((x) => x.value ?? 0));
  const scoreAll = (w: number[], noise?: number[][]): number[] =>
    ranking.method === "topsis"
      ? topsis(raw, w, dirs)
      : normalized.map((row, i) => row.reduce((a, v, k) => a + (w[k] ?? 0) * (v + (noise?.[i]?.[k] ?? 0)), 0));
  const ids = alts.map((a) => String(a.candidate_id));
  const names = alts.map((a) => a.label);
  const n = alts.length;
  const current = scoreAll(weights);
  const leaderNow = argmax(current);

  const steps = options.sweep_steps;
  const oneWay: CriterionSweep[] = ranking.criteria.map((c, k) => {
    const points: SweepPoint[] = [];
    const leaders: number[] = [];
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      const sc = scoreAll(rescale(weights, k, t));
      const best = argmax(sc);
      const prev = leaders[leaders.length - 1];
      leaders.push(prev !== undefined && (sc[prev] ?? 0) >= (sc[best] ?? 0) - 1e-12 ? prev : best);
      points.push({ weight: t, scores: sc });
    }
    const breakEven: BreakEven[] = [];
    for (let s = 0; s < steps; s++) {
      const a = leaders[s] ?? 0;
      const b = leaders[s + 1] ?? 0;
      if (a === b) continue;
      let lo = s / steps;
      let hi = (s + 1) / steps;
      for (let i = 0; i < 50; i++) {
        const mid = (lo + hi) / 2;
        if (argmax(scoreAll(rescale(weights, k, mid))) === a) lo = mid;
        else hi = mid;
      }
      breakEven.push({ weight: (lo + hi) / 2, leader_below: ids[a] ?? "", leader_above: ids[b] ?? "" });
    }
    const wk = weights[k] ?? 0;
    const lowW = Math.max(0, wk - options.tornado_delta);
    const highW = Math.min(1, wk + options.tornado_delta);
    return {
      criterion: String(c.id),
      name: c.name,
      current_weight: wk,
      points,
      break_even: breakEven,
      tornado_low_weight: lowW,
      tornado_high_weight: highW,
      leader_score_low: scoreAll(rescale(weights, k, lowW))[leaderNow] ?? 0,
      leader_score_high: scoreAll(rescale(weights, k, highW))[leaderNow] ?? 0,
    };
  });

  // Rank acceptability by sampling weights, in chunks with progress.
  const rng = prng(options.seed);
  const m = weights.length;
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const central = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  const total = options.samples;
  const chunk = Math.max(1, Math.ceil(total / 8));
  sensitivityCancelled = false;
  for (let done = 0; done < total; ) {
    const count = Math.min(chunk, total - done);
    for (let c = 0; c < count; c++) {
      const w =
        options.sampling.kind === "uniform"
          ? weights.map(() => -Math.log(1 - rng()))
          : weights.map((x) => gammaSample(Math.max(1e-3, (options.sampling.kind === "around" ? options.sampling.concentration : 1) * x), rng));
      const sum = w.reduce((a, b) => a + b, 0);
      for (let k = 0; k < m; k++) w[k] = (w[k] ?? 0) / sum;
      const sc = scoreAll(w);
      for (let i = 0; i < n; i++) {
        const r = sc.filter((x, j) => x > (sc[i] ?? 0) || (x === sc[i] && j < i)).length;
        (counts[i] ?? [])[r] = (counts[i]?.[r] ?? 0) + 1;
        if (r === 0) for (let k = 0; k < m; k++) (central[i] ?? [])[k] = (central[i]?.[k] ?? 0) + (w[k] ?? 0);
      }
    }
    done += count;
    await new Promise((r) => setTimeout(r, 120));
    if (sensitivityCancelled) fail("cancelled", "The sensitivity analysis was cancelled");
    onProgress({ done, total });
  }
  const sd = alts.map((a) => a.cells.map((x) => ((options.value_sd[String(a.candidate_id)] ?? {})[String(x.criterion_id)] ?? 0) / 4));
  const acceptability: Acceptability[] = alts.map((a, i) => {
    const firsts = counts[i]?.[0] ?? 0;
    const cw = firsts > 0 ? (central[i] ?? []).map((x) => x / firsts) : null;
    let confidence: number | null = null;
    if (cw) {
      const r2 = prng(options.seed + 7);
      let wins = 0;
      const draws = 400;
      for (let d = 0; d < draws; d++) {
        const noise = sd.map((row) => row.map((s) => s * normal(r2)));
        if (argmax(scoreAll(cw, noise)) === i) wins++;
      }
      confidence = wins / draws;
    }
    return { alternative: ids[i] ?? "", name: a.label, ranks: (counts[i] ?? []).map((x) => x / total), central_weights: cw, confidence };
  });

  // The robustness statement, as the engine words it.
  const lead = names[0] ?? "";
  let statement = `${lead} ranks first under the committee's weights and in ${pctText(acceptability[0]?.ranks[0] ?? 0)} of ${total.toLocaleString("en-US")} sampled weightings`;
  let nearest: { sw: CriterionSweep; b: BreakEven } | null = null;
  for (const sw of oneWay) {
    for (const b of sw.break_even) {
      if (b.leader_below !== ids[0] && b.leader_above !== ids[0]) continue;
      if (!nearest || Math.abs(b.weight - sw.current_weight) < Math.abs(nearest.b.weight - nearest.sw.current_weight)) nearest = { sw, b };
    }
  }
  if (nearest) {
    const rivalId = nearest.b.leader_below === ids[0] ? nearest.b.leader_above : nearest.b.leader_below;
    const rival = names[ids.indexOf(rivalId)] ?? rivalId;
    const dir = nearest.b.weight > nearest.sw.current_weight ? "rises above" : "falls below";
    statement += `; it loses first place to ${rival} if the weight of ${nearest.sw.name} ${dir} ${(nearest.b.weight * 100).toFixed(0)} % (now ${(nearest.sw.current_weight * 100).toFixed(0)} %).`;
  } else {
    statement += "; no change of a single criterion's weight between 0 and 100 % moves it from first place.";
  }
  const runner = acceptability[1];
  if (runner && (runner.ranks[0] ?? 0) > 0) statement += ` ${names[1] ?? ""} is first in ${pctText(runner.ranks[0] ?? 0)} of the samples.`;

  return {
    method: ranking.method,
    normalization: ranking.method === "topsis" ? "vector" : "min_max",
    criteria: ranking.criteria.map((c) => String(c.id)),
    criterion_names: ranking.criteria.map((c) => c.name),
    weights,
    alternatives: ids,
    names,
    one_way: oneWay,
    acceptability,
    samples: total,
    seed: options.seed,
    sampling: options.sampling,
    statement,
  };
}

// ---- compatibility: site and device profiles, MDS2 forms, rule table (a plain imitation of the Rust engine) ----

const EMPTY_SITE: SiteProfile = {
  ehr_product: "", ehr_version: "", interface_engine: "", middleware: "", hl7v2_versions: [], fhir_release: null,
  fhir_resources: [], ihe_profiles: [], wifi_bands: [], wifi_security: [], eap_methods: [], psk_forbidden: false,
  vlan_segmentation: false, addressing: null, min_tls: null, directory: null, sso_required: false, mfa_required: false,
  encryption_at_rest_required: false, patch_window_days: null, supported_os_required: false, sbom_required: false,
};

const EMPTY_DEVICE: DeviceProfile = {
  hl7v2_versions: [], fhir_releases: [], fhir_resources: [], ihe_profiles: [], middleware: [], wired: null, wifi_bands: [],
  wifi_security: [], eap_methods: [], vlan: null, addressing: [], max_tls: null, directory: [], sso: null, mfa: null,
  encryption_at_rest: null, sbom: null, vendor_patches: null, patch_validation_days: null, os: "", os_end_of_support: null,
  end_of_support: null,
};

/** Riverside's IT baseline: 802.1X on a segmented clinical network, no pre-shared keys. */
const SITE: SiteProfile = {
  ...EMPTY_SITE,
  ehr_product: "Epic",
  ehr_version: "November 2025",
  interface_engine: "Rhapsody",
  middleware: "Capsule",
  hl7v2_versions: ["2.5.1", "2.6"],
  fhir_release: "R4",
  fhir_resources: ["Observation", "Device"],
  ihe_profiles: ["DEC", "PCIM"],
  wifi_bands: ["5 GHz"],
  wifi_security: ["WPA2-Enterprise", "WPA3-Enterprise"],
  eap_methods: ["EAP-TLS", "PEAP-MSCHAPv2"],
  psk_forbidden: true,
  vlan_segmentation: true,
  addressing: "DHCP",
  min_tls: "1.2",
  directory: "Active Directory",
  encryption_at_rest_required: true,
  patch_window_days: 60,
  supported_os_required: true,
};

const BASE_DEVICE: DeviceProfile = {
  hl7v2_versions: ["2.6"],
  fhir_releases: ["R4"],
  fhir_resources: ["Observation", "Device"],
  ihe_profiles: ["DEC", "PCIM"],
  middleware: ["Capsule"],
  wired: true,
  wifi_bands: ["2.4 GHz", "5 GHz"],
  wifi_security: ["WPA2-Enterprise"],
  eap_methods: ["EAP-TLS", "PEAP-MSCHAPv2"],
  vlan: true,
  addressing: ["DHCP", "static"],
  max_tls: "1.2",
  directory: ["Active Directory"],
  sso: false,
  mfa: false,
  encryption_at_rest: true,
  sbom: true,
  vendor_patches: true,
  patch_validation_days: 30,
  os: "Embedded Linux (Yocto, kernel 6.1 LTS)",
  os_end_of_support: "2036-12-31",
  end_of_support: "2036-06-30",
};

/** Stated profiles by manufacturer (none for some, as in real life). */
const DEVICE_PROFILES: Record<string, DeviceProfile> = {
  "Aurelia Devices": {
    ...BASE_DEVICE,
    hl7v2_versions: ["2.5.1"],
    fhir_releases: [],
    fhir_resources: [],
    middleware: [],
    ihe_profiles: ["DEC"],
    wifi_security: ["WPA2-PSK", "WPA2-Enterprise"],
    eap_methods: ["PEAP-MSCHAPv2"],
    encryption_at_rest: false,
    sbom: false,
    patch_validation_days: 90,
    os_end_of_support: "2034-06-30",
    end_of_support: "2033-12-31",
  },
  "Corvane Medical": {
    ...BASE_DEVICE,
    hl7v2_versions: ["2.5.1", "2.6"],
    ihe_profiles: ["DEC", "ACM", "PCIM"],
    fhir_resources: ["Observation"],
    wifi_security: ["WPA2-Enterprise", "WPA3-Enterprise"],
    max_tls: "1.3",
    sso: true,
    mfa: true,
  },
  // A partial profile: only what the vendor's sales sheet says.
  "Halden Systems": {
    ...EMPTY_DEVICE,
    wired: true,
    wifi_bands: ["2.4 GHz"],
    wifi_security: ["WPA2-PSK"],
    os: "Windows 10 Enterprise 2019 LTSC",
    os_end_of_support: "2029-01-09",
  },
};

/** Answers where a vendor's form departs from "Yes". */
const FORM_OVERRIDES: Record<string, { document: string; answers: Record<string, string> }> = {
  "Aurelia Devices": {
    document: "AD-SX4-2025-11",
    answers: { "STCF-1": "No", "STCF-1.1": "N/A", "STCF-1.2": "N/A", "SBOM-1": "No", "DOC-8": "No", "PAUT-8": "No", "TXCF-2": "Yes, TLS 1.2", "PAUT-2": "Yes, Active Directory" },
  },
  "Corvane Medical": {
    document: "CM-VV700-2026-02",
    answers: { "PAUT-8": "Yes, badge tap plus PIN", "PAUT-9": "Yes, Imprivata", "PAUT-2": "Yes, Active Directory" },
  },
  "Halden Systems": {
    document: "HS-PM9-MDS2-01",
    answers: { "PAUT-2": "Yes, Active Directory (LDAPS)", "PAUT-8": "No", "SBOM-1": "No", "AUDT-2": "No", "SAHD-8": "No, see note 4", "CSUP-2.4": "No" },
  },
};

const COMMON_ANSWERS: Record<string, string> = {
  "DOC-11": "No", "DOC-11.1": "N/A", "DOC-11.2": "N/A", "DOC-11.3": "N/A", "DOC-11.4": "N/A",
  "PLOK-1": "No", "AUTH-3": "No", "SAHD-12": "No", "CONN-6": "No", "EMRG-1": "No",
};

function parseAnswer(text: string): Mds2Answer["answer"] {
  const t = text.trim().toLowerCase();
  if (t.startsWith("yes")) return "yes";
  if (t.startsWith("no")) return "no";
  if (t.startsWith("n/a")) return "n/a";
  return null;
}

function answerNote(text: string): string {
  return text.replace(/^\s*(yes|no|n\/a)\s*[,:(–-]?\s*/i, "").replace(/\)$/, "").trim();
}

/** A vendor's filled form, as the importer would read it. */
function fabricateForm(manufacturer: string, model: string, fileName: string, document: string, overrides: Record<string, string>): Mds2Form {
  const answers: Mds2Answer[] = MDS2_QUESTIONS.map(([id]) => {
    const text: Record<string, string> = {
      "DOC-1": manufacturer,
      "DOC-2": "Bedside patient monitor",
      "DOC-3": model,
      "DOC-4": document,
      "DOC-5": "productsecurity@example.com",
      "DOC-6": "Clinical network, VLAN-segmented",
      "DOC-7": "2026-02-01",
    };
    if (id in text) return { question_id: id, answer: null, note: text[id] ?? "" };
    const raw = overrides[id] ?? COMMON_ANSWERS[id] ?? "Yes";
    return { question_id: id, answer: parseAnswer(raw), note: answerNote(raw) };
  });
  return { manufacturer, model, document_id: document, release_date: "2026-02-01", file_name: fileName, answers };
}

function rule(key: string, area: Area, title: string, check: Check, severity: Severity, points: number, cost: string | null = null, remediation = ""): CompatRule {
  return { key, area, title, ...check, severity, points, remediation_cost: cost, remediation, enabled: true } as CompatRule;
}

function defaultRules(): CompatRule[] {
  const req = (requirement: SiteFlag, capability: Capability, mds2: string | null, always_scored: boolean): Check => ({ check: "required", requirement, capability, mds2, always_scored });
  const q = (question: string): Check => ({ check: "mds2", question, expect: "yes" });
  return [
    rule("ehr.hl7v2", "ehr", "HL7 v2 version", { check: "any_of", field: "hl7v2_versions", mds2: null }, "major", 3, "15000", "interface-engine mapping for another HL7 v2 version"),
    rule("ehr.ihe_profiles", "ehr", "IHE Devices profiles", { check: "all_of", field: "ihe_profiles" }, "major", 3, "25000", "middleware interface licence for the missing profiles"),
    rule("ehr.middleware", "ehr", "Validated with the site's middleware", { check: "any_of", field: "middleware", mds2: null }, "major", 2, "20000", "middleware driver and validation"),
    rule("ehr.fhir_release", "ehr", "FHIR release", { check: "any_of", field: "fhir_release", mds2: null }, "minor", 1),
    rule("ehr.fhir_resources", "ehr", "FHIR resources", { check: "all_of", field: "fhir_resources" }, "minor", 1),
    rule("network.eap_method", "network", "802.1X EAP method", { check: "any_of", field: "eap_methods", mds2: null }, "blocking", 3),
    rule("network.no_psk", "network", "No pre-shared keys", req("psk_forbidden", "enterprise_wifi", null, false), "blocking", 3),
    rule("network.wifi_security", "network", "Wi-Fi security mode", { check: "any_of", field: "wifi_security", mds2: null }, "major", 2),
    rule("network.wifi_band", "network", "Wi-Fi band", { check: "any_of", field: "wifi_bands", mds2: null }, "major", 2, "30000", "access points for the device's band in the unit"),
    rule("network.vlan", "network", "VLAN segmentation", req("vlan_segmentation", "vlan", null, false), "major", 2, "8000", "firewall and network access control rules"),
    rule("network.addressing", "network", "Addressing", { check: "any_of", field: "addressing", mds2: null }, "minor", 1),
    rule("network.tls", "network", "TLS version", { check: "min_tls" }, "major", 2),
    rule("security.directory", "security", "Directory accounts", { check: "any_of", field: "directory", mds2: "PAUT-2" }, "major", 2),
    rule("security.mfa", "security", "Multi-factor authentication", req("mfa_required", "mfa", "PAUT-8", true), "major", 2),
    rule("security.sso", "security", "Single sign-on", req("sso_required", "sso", "PAUT-9", false), "minor", 1),
    rule("security.encryption_at_rest", "security", "Encryption at rest", req("encryption_at_rest_required", "encryption_at_rest", "STCF-1", true), "blocking", 3),
    rule("security.sbom", "security", "Software bill of materials", req("sbom_required", "sbom", "SBOM-1", true), "major", 2),
    rule("security.supported_os", "security", "Supported operating system", req("supported_os_required", "supported_os", null, true), "blocking", 3),
    rule("security.patch_window", "security", "Vendor patches within the patch window", { check: "patch_window" }, "major", 2),
    rule("security.support_through_life", "security", "Supported through the expected life", { check: "support_through_life" }, "major", 2),
    rule("security.vulnerability_process", "security", "Manufacturer assesses vulnerabilities and updates", q("CSUP-11"), "minor", 2),
    rule("security.disclosure", "security", "Coordinated vulnerability disclosure", q("DOC-8"), "minor", 1),
    rule("security.encryption_in_transit", "security", "Encryption in transit", q("TXCF-2"), "minor", 2),
    rule("security.audit_log", "security", "Audit log", q("AUDT-2"), "minor", 1),
    rule("security.unique_ids", "security", "Unique user IDs and passwords", q("PAUT-1"), "minor", 1),
    rule("security.ports_disabled", "security", "Unused ports and protocols disabled", q("SAHD-8"), "minor", 1),
    rule("security.support_dates", "security", "Support dates published", q("RDMP-3"), "minor", 1),
  ];
}

function seedCompat(d: Db): void {
  d.siteProfiles = { portfolio: { ...SITE } };
  d.deviceProfiles = {};
  d.mds2Forms = {};
  d.compatRules = defaultRules();
  d.disqualify = {};
  for (const c of d.candidates) {
    const p = DEVICE_PROFILES[c.manufacturer];
    if (p) d.deviceProfiles[c.id] = structuredClone(p);
    const f = FORM_OVERRIDES[c.manufacturer];
    if (f) d.mds2Forms[c.id] = fabricateForm(c.manufacturer, c.model, `${c.manufacturer} ${c.model} MDS2.xlsx`, f.document, f.answers);
  }
}

const QUESTION_TEXT = new Map(MDS2_QUESTIONS.map(([id, , text]) => [id, text]));
const ENTERPRISE = (s: WifiSecurity) => s === "WPA2-Enterprise" || s === "WPA3-Enterprise";
const TLS_ORDER: TlsVersion[] = ["1.0", "1.1", "1.2", "1.3"];
const SEV_ORDER: Severity[] = ["blocking", "major", "minor"];
const STATUS_ORDER: Status[] = ["gap", "unconfirmed", "advisory", "pass", "not_applicable"];
const ANSWER_LABEL: Record<Answer, string> = { yes: "Yes", no: "No", "n/a": "N/A" };

function joinWords(items: string[], last: string): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1] ?? ""}`;
}
const sameValue = (a: string, b: string) => a.trim().replace(/^[vV]/, "").toLowerCase() === b.trim().replace(/^[vV]/, "").toLowerCase();
const nameMatches = (a: string, b: string) => {
  const s = a.trim().toLowerCase();
  const d = b.trim().toLowerCase();
  return s !== "" && d !== "" && (s.includes(d) || d.includes(s));
};

type Verdict = { v: "na" } | { v: "pass"; source: string } | { v: "fail"; device: string; source: string } | { v: "unknown"; source: string };

const CAPABILITY_WORDS: Record<Capability, string> = {
  enterprise_wifi: "802.1X enterprise Wi-Fi (no pre-shared keys)",
  vlan: "VLAN segmentation",
  sso: "single sign-on",
  mfa: "multi-factor authentication",
  encryption_at_rest: "encryption of data at rest",
  sbom: "a software bill of materials (SBOM)",
  vendor_patches: "vendor-validated security patches",
  supported_os: "a supported operating system",
};

function candidateCompat(site: SiteProfile, cand: Candidate, rules: CompatRule[], disqualify: boolean, inService: string): CandidateCompatibility {
  const stored = db.deviceProfiles[cand.id];
  const dev: DeviceProfile = stored ?? EMPTY_DEVICE;
  const form = db.mds2Forms[cand.id] ?? null;
  const hasProfile = stored !== undefined && JSON.stringify(stored) !== JSON.stringify(EMPTY_DEVICE);
  const known = hasProfile || form !== null;
  const life = db.costModels[cand.id]?.expected_life_years ?? null;
  const usesWifi = dev.wifi_bands.length > 0 || dev.wifi_security.length > 0;

  const answer = (q: string): { a: Answer; note: string } | null => {
    const e = form?.answers.find((x) => x.question_id === q);
    return e && e.answer ? { a: e.answer, note: e.note } : null;
  };
  const answerSource = (q: string, a: Answer, note: string) => (note ? `MDS2 ${q}: ${ANSWER_LABEL[a]}, ${note}` : `MDS2 ${q}: ${ANSWER_LABEL[a]}`);

  const lists = (field: ListField): [string[], string[], string, string] => {
    switch (field) {
      case "hl7v2_versions": return [site.hl7v2_versions, dev.hl7v2_versions, field, "HL7 v2"];
      case "fhir_release": return [site.fhir_release ? [site.fhir_release] : [], dev.fhir_releases, "fhir_releases", "FHIR"];
      case "fhir_resources": return [site.fhir_resources, dev.fhir_resources, field, "the FHIR resources"];
      case "ihe_profiles": return [site.ihe_profiles, dev.ihe_profiles, field, "the IHE profiles"];
      case "middleware": return [site.middleware.trim() ? [site.middleware.trim()] : [], dev.middleware, field, "validation with"];
      case "wifi_bands": return [site.wifi_bands, dev.wifi_bands, field, "Wi-Fi on"];
      case "wifi_security": return [site.wifi_security, dev.wifi_security, field, "Wi-Fi security"];
      case "eap_methods": return [site.eap_methods, dev.eap_methods, field, "802.1X"];
      case "addressing": return [site.addressing ? [site.addressing] : [], dev.addressing, field, "addressing by"];
      case "directory": return [site.directory ? [site.directory] : [], dev.directory, field, "user accounts from"];
    }
  };
  const matches = (field: ListField, s: string, d: string) => (field === "middleware" ? nameMatches(s, d) : sameValue(s, d));

  const anyOf = (field: ListField, q: string | null): [string, Verdict] => {
    const [s, d, name, noun] = lists(field);
    const req = `${noun} ${joinWords(s, "or")}`;
    const wifiIrrelevant = (field === "wifi_bands" || field === "wifi_security") && !usesWifi && dev.wired === true;
    if (s.length === 0 || wifiIrrelevant) return [req, { v: "na" }];
    const source = `device profile: ${name}`;
    if (d.length === 0) {
      if (field === "eap_methods" && dev.wifi_security.length > 0 && !dev.wifi_security.some(ENTERPRISE)) {
        return [req, { v: "fail", device: `the device supports ${joinWords(dev.wifi_security, "and")} only`, source: "device profile: wifi_security" }];
      }
      if (q) {
        const a = answer(q);
        if (a?.a === "no") return [req, { v: "fail", device: `the MDS2 form answers No to ${q}`, source: answerSource(q, "no", a.note) }];
        if (a?.a === "yes") {
          const named = a.note === "" || s.some((x) => nameMatches(x, a.note));
          return [req, named ? { v: "pass", source: answerSource(q, "yes", a.note) } : { v: "fail", device: `the MDS2 form names ${a.note} only (${q})`, source: answerSource(q, "yes", a.note) }];
        }
        return [req, { v: "unknown", source: `${source}; MDS2 ${q}` }];
      }
      return [req, { v: "unknown", source }];
    }
    if (s.some((x) => d.some((y) => matches(field, x, y)))) return [req, { v: "pass", source }];
    return [req, { v: "fail", device: `the device supports ${joinWords(d, "and")} only`, source }];
  };

  const allOf = (field: ListField): [string, Verdict] => {
    const [s, d, name, noun] = lists(field);
    const req = `${noun} ${joinWords(s, "and")}`;
    if (s.length === 0) return [req, { v: "na" }];
    const source = `device profile: ${name}`;
    if (d.length === 0) return [req, { v: "unknown", source }];
    const missing = s.filter((x) => !d.some((y) => matches(field, x, y)));
    if (missing.length === 0) return [req, { v: "pass", source }];
    return [req, { v: "fail", device: `the device lacks ${joinWords(missing, "and")} (it supports ${joinWords(d, "and")})`, source }];
  };

  const capability = (cap: Capability, q: string | null): Verdict => {
    let field: string;
    let stated: boolean | null;
    switch (cap) {
      case "enterprise_wifi":
        if (!usesWifi) return dev.wired === true ? { v: "na" } : { v: "unknown", source: "device profile: wifi_security" };
        field = "wifi_security";
        stated = dev.wifi_security.length === 0 ? null : dev.wifi_security.some(ENTERPRISE);
        break;
      case "supported_os":
        field = "os_end_of_support";
        stated = dev.os_end_of_support === null ? null : dev.os_end_of_support > inService;
        break;
      default:
        field = cap;
        stated = dev[cap];
    }
    const negative =
      cap === "enterprise_wifi"
        ? `the device supports ${joinWords(dev.wifi_security, "and")} only`
        : cap === "supported_os"
          ? `the device's operating system${dev.os ? ` (${dev.os})` : ""} is out of support from ${dev.os_end_of_support ?? ""}`
          : `the device does not offer ${CAPABILITY_WORDS[cap]}`;
    if (stated === true) return { v: "pass", source: `device profile: ${field}` };
    if (stated === false) return { v: "fail", device: negative, source: `device profile: ${field}` };
    const a = q ? answer(q) : null;
    if (q && a && (a.a === "yes" || a.a === "n/a")) return { v: "pass", source: answerSource(q, a.a, a.note) };
    if (q && a && a.a === "no") return { v: "fail", device: `the MDS2 form answers No to ${q}`, source: answerSource(q, "no", a.note) };
    return { v: "unknown", source: q ? `device profile: ${field}; MDS2 ${q}` : `device profile: ${field}` };
  };

  const flag = (f: SiteFlag): boolean => site[f];

  const verdict = (r: CompatRule): [string, Verdict, boolean] => {
    switch (r.check) {
      case "any_of": {
        const [req, v] = anyOf(r.field, r.mds2);
        return [req, v, false];
      }
      case "all_of": {
        const [req, v] = allOf(r.field);
        return [req, v, false];
      }
      case "required": {
        const required = flag(r.requirement);
        const phrase = CAPABILITY_WORDS[r.capability];
        if (!required && !r.always_scored) return [phrase, { v: "na" }, false];
        return [phrase, capability(r.capability, r.mds2), !required];
      }
      case "min_tls": {
        const min = site.min_tls;
        const req = min ? `TLS ${min} or later` : "";
        if (!min) return [req, { v: "na" }, false];
        const max = dev.max_tls;
        if (max) {
          return [req, TLS_ORDER.indexOf(max) >= TLS_ORDER.indexOf(min) ? { v: "pass", source: "device profile: max_tls" } : { v: "fail", device: `the device speaks TLS ${max} at most`, source: "device profile: max_tls" }, false];
        }
        const a = answer("CONN-7");
        if (a?.a === "no") return [req, { v: "fail", device: "the device does not support TLS", source: answerSource("CONN-7", "no", a.note) }, false];
        return [req, { v: "unknown", source: "device profile: max_tls; MDS2 CONN-7" }, false];
      }
      case "patch_window": {
        const w = site.patch_window_days;
        const req = w !== null ? `security patches validated within ${w} days` : "";
        if (w === null) return [req, { v: "na" }, false];
        if (dev.vendor_patches === false) return [req, { v: "fail", device: "the vendor does not supply security patches", source: "device profile: vendor_patches" }, false];
        const d = dev.patch_validation_days;
        if (d === null) return [req, { v: "unknown", source: "device profile: patch_validation_days" }, false];
        return [req, d <= w ? { v: "pass", source: "device profile: patch_validation_days" } : { v: "fail", device: `the vendor validates patches in ${d} days`, source: "device profile: patch_validation_days" }, false];
      }
      case "support_through_life": {
        const advisory = !site.supported_os_required;
        if (life === null) return ["support through the expected life", { v: "unknown", source: "cost model: expected_life_years" }, advisory];
        const endOfLife = `${Number(inService.slice(0, 4)) + life}-${inService.slice(5, 7)}-01`;
        const req = `support until the end of its ${life}-year life (${endOfLife})`;
        const ends = ([[dev.end_of_support, "end_of_support"], [dev.os_end_of_support, "os_end_of_support"]] as const)
          .filter((x): x is readonly [string, "end_of_support" | "os_end_of_support"] => x[0] !== null)
          .sort((x, y) => (x[0] < y[0] ? -1 : 1));
        const first = ends[0];
        if (!first) return [req, { v: "unknown", source: "device profile: end_of_support, os_end_of_support" }, advisory];
        if (first[0] >= endOfLife) return [req, { v: "pass", source: `device profile: ${first[1]}` }, advisory];
        const what = first[1] === "end_of_support" ? "the manufacturer's support" : "the operating system's support";
        return [req, { v: "fail", device: `${what} ends on ${first[0]}, before the end of its expected life`, source: `device profile: ${first[1]}` }, advisory];
      }
      case "mds2": {
        const text = QUESTION_TEXT.get(r.question) ?? r.question;
        const req = `${r.question} answered ${ANSWER_LABEL[r.expect]} (${text})`;
        const a = answer(r.question);
        if (!a) return [req, { v: "unknown", source: `MDS2 ${r.question}` }, true];
        if (a.a === "n/a") return [req, { v: "na" }, true];
        if (a.a === r.expect) return [req, { v: "pass", source: answerSource(r.question, a.a, a.note) }, true];
        return [req, { v: "fail", device: `the MDS2 form answers ${ANSWER_LABEL[a.a]} to ${r.question}: ${text}`, source: answerSource(r.question, a.a, a.note) }, true];
      }
    }
  };

  let findings: Finding[] = rules
    .filter((r) => r.enabled)
    .map((r) => {
      const [req, v, advisory] = verdict(r);
      let status: Status;
      let message: string;
      let source: string;
      switch (v.v) {
        case "na":
          [status, message, source] = ["not_applicable", "the site requires nothing here", "site profile"];
          break;
        case "pass":
          [status, message, source] = ["pass", `meets it: ${req}`, v.source];
          break;
        case "fail":
          [status, message, source] = advisory
            ? ["advisory", `not required by the site, but ${v.device}`, v.source]
            : ["gap", `the site requires ${req}; ${v.device}`, v.source];
          break;
        case "unknown":
          [status, message, source] = advisory
            ? ["unconfirmed", `not stated: ${req}`, v.source]
            : ["unconfirmed", `the site requires ${req}; neither the device profile nor the MDS2 form says: confirm with the vendor`, v.source];
          break;
      }
      const severity: Severity | null =
        status === "gap" ? r.severity : status === "unconfirmed" && !advisory ? (r.severity === "blocking" ? "major" : r.severity) : null;
      return {
        rule: r.key,
        title: r.title,
        area: r.area,
        status,
        severity,
        message,
        source,
        remediation_cost: status === "gap" ? r.remediation_cost : null,
        remediation: status === "gap" ? r.remediation : "",
        points: r.points,
      };
    });
  if (!form) {
    const missing = findings.filter((f) => f.status === "unconfirmed" && f.severity === null);
    findings = findings.filter((f) => !(f.status === "unconfirmed" && f.severity === null));
    if (missing.length) {
      findings.push({
        rule: "mds2",
        title: "MDS2 form",
        area: "security",
        status: "advisory",
        severity: null,
        message: `no MDS2 form: ${missing.length} good-practice checks (${missing.map((f) => f.title).join(", ")}) could not be made; ask the vendor for its HN 1-2019 form`,
        source: "MDS2",
        remediation_cost: null,
        remediation: "",
        points: missing.reduce((a, f) => a + f.points, 0),
      });
    }
  }
  const scores: AreaScore[] = (["ehr", "network", "security"] as Area[]).map((area) => {
    const applicable = findings.filter((f) => f.area === area && f.status !== "not_applicable");
    const possible = applicable.reduce((a, f) => a + f.points, 0);
    const earned = applicable.filter((f) => f.status === "pass").reduce((a, f) => a + f.points, 0);
    const blocked = findings.some((f) => f.area === area && f.status === "gap" && f.severity === "blocking");
    return { area, score: known ? (blocked ? 0 : possible === 0 ? 100 : (100 * earned) / possible) : null, earned, possible };
  });
  const sevKey = (s: Severity | null) => (s === null ? -1 : SEV_ORDER.indexOf(s));
  findings.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || sevKey(a.severity) - sevKey(b.severity));
  const count = (s: Severity) => findings.filter((f) => f.status === "gap" && f.severity === s).length;
  let remediation = 0n;
  for (const f of findings) if (f.status === "gap" && f.remediation_cost) remediation += toCents(f.remediation_cost);
  const blocking = count("blocking");
  return {
    candidate_id: cand.id,
    label: `${cand.manufacturer} ${cand.model}`,
    has_profile: hasProfile,
    has_mds2: form !== null,
    scores,
    blocking,
    major: count("major"),
    minor: count("minor"),
    unconfirmed: findings.filter((f) => f.status === "unconfirmed").length,
    remediation_total: fromCents(remediation),
    disqualified: disqualify && blocking > 0,
    findings,
  };
}

function siteFor(requestId: number): ScopedSiteProfile {
  const req = requestOr404(requestId);
  const facilityId = db.departments.find((d) => d.id === req.department_id)?.facility_id ?? null;
  const own = facilityId !== null ? db.siteProfiles[String(facilityId)] : undefined;
  if (own && facilityId !== null) return { facility_id: facilityId, scope: db.facilities.find((f) => f.id === facilityId)?.name ?? "", profile: own, saved: true };
  const p = db.siteProfiles.portfolio;
  return { facility_id: null, scope: "portfolio", profile: p ?? EMPTY_SITE, saved: p !== undefined };
}

function compatReport(requestId: number): CompatibilityReport {
  const site = siteFor(requestId);
  const disqualify = db.disqualify[requestId] ?? false;
  const inService = effectiveAssumptions(requestId).purchase_date ?? new Date().toISOString().slice(0, 10);
  return {
    request_id: requestId,
    site_scope: site.scope,
    site: site.profile,
    disqualify_blocking: disqualify,
    rules: db.compatRules.filter((r) => r.enabled).length,
    candidates: db.candidates
      .filter((c) => c.request_id === requestId)
      .map((c) => candidateCompat(site.profile, c, db.compatRules, disqualify, inService)),
  };
}

function scopedSite(facilityId: number | null): ScopedSiteProfile {
  if (facilityId === null) {
    const p = db.siteProfiles.portfolio;
    return { facility_id: null, scope: "portfolio", profile: p ?? { ...EMPTY_SITE }, saved: p !== undefined };
  }
  const f = db.facilities.find((x) => x.id === facilityId) ?? fail("not_found", `facility ${facilityId} not found`);
  const p = db.siteProfiles[String(facilityId)];
  return { facility_id: facilityId, scope: f.name, profile: p ?? { ...EMPTY_SITE }, saved: p !== undefined };
}

function checkList(field: string, items: string[], hl7 = false): void {
  items.forEach((item, i) => {
    if (!item.trim()) fail("validation", "is empty", `${field}[${i}]`);
    if (items.slice(0, i).some((o) => o.trim().toLowerCase() === item.trim().toLowerCase())) fail("validation", `'${item.trim()}' is listed twice`, `${field}[${i}]`);
    if (hl7 && !/^2(\.\d+)+$/.test(item.trim())) fail("validation", `'${item}' is not an HL7 v2 version (e.g. 2.5.1, 2.6)`, `${field}[${i}]`);
  });
}

function checkDays(field: string, d: number | null): void {
  if (d !== null && (!Number.isInteger(d) || d < 0)) fail("validation", `invalid value: ${d}, expected u32`, `profile.${field}`);
  if (d !== null && d > 3650) fail("validation", `${d} days is implausible; at most 3650`, field);
}

function validateSite(p: SiteProfile): void {
  for (const f of ["ehr_product", "ehr_version", "interface_engine", "middleware"] as const) {
    if (p[f].length > 120) fail("validation", `is ${p[f].length} characters long; at most 120`, f);
  }
  checkList("hl7v2_versions", p.hl7v2_versions, true);
  checkList("fhir_resources", p.fhir_resources);
  checkDays("patch_window_days", p.patch_window_days);
  if (p.psk_forbidden && p.wifi_security.length > 0 && !p.wifi_security.some(ENTERPRISE)) {
    fail("validation", "pre-shared keys are forbidden but every accepted Wi-Fi mode uses one; accept WPA2- or WPA3-Enterprise", "wifi_security");
  }
}

function validateDevice(p: DeviceProfile): void {
  checkList("hl7v2_versions", p.hl7v2_versions, true);
  checkList("fhir_resources", p.fhir_resources);
  checkList("middleware", p.middleware);
  checkDays("patch_validation_days", p.patch_validation_days);
  if (p.os.length > 120) fail("validation", `is ${p.os.length} characters long; at most 120`, "os");
  for (const f of ["os_end_of_support", "end_of_support"] as const) {
    const d = p[f];
    if (d !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)))) fail("validation", `'${d}' is not a date (YYYY-MM-DD)`, `profile.${f}`);
  }
  if (p.eap_methods.length > 0 && p.wifi_security.length > 0 && !p.wifi_security.some(ENTERPRISE) && p.wired === false) {
    fail("validation", "802.1X EAP methods are listed but the device has no wired port and only pre-shared-key Wi-Fi", "eap_methods");
  }
}

function validateRules(rules: CompatRule[]): void {
  rules.forEach((r, i) => {
    const at = (f: string) => `rules[${i}].rule '${r.key}'.${f}`;
    if (!r.title.trim() || r.title.length > 120) fail("validation", "a rule needs a title of 1 to 120 characters", at("title"));
    if (!Number.isInteger(r.points) || r.points < 0) fail("validation", `invalid value: ${r.points}, expected u32`, `rules.[${i}].points`);
    if (r.points > 100) fail("validation", `${r.points} points is implausible; at most 100`, at("points"));
    if (r.remediation_cost !== null && !/^\d+(\.\d{1,2})?$/.test(r.remediation_cost)) fail("validation", `'${r.remediation_cost}' is not an amount`, at("remediation_cost"));
    if (rules.slice(0, i).some((o) => o.key === r.key)) fail("validation", `'${r.key}' is used by two rules`, `rules[${i}].key`);
  });
}

function mds2Preview(candidateId: number, path: string): Mds2Preview {
  const cand = db.candidates.find((c) => c.id === candidateId) ?? fail("not_found", `candidate ${candidateId} not found`);
  const fileName = path.split(/[\\/]/).pop() ?? path;
  const ext = (fileName.split(".").pop() ?? "").toLowerCase();
  if (/empty/i.test(fileName)) fail("parse", `${fileName}: the file is empty`);
  if (["pdf", "png", "jpg", "docx", "zip"].includes(ext)) {
    fail("parse", `${fileName}: is a binary file, not an MDS2 form: use the vendor's Excel workbook (.xlsx) or a CSV/text export of it`);
  }
  if (/invoice|quote/i.test(fileName)) {
    fail("parse", `${fileName}: no MDS2 question ids found (expected ids such as DOC-1, AUTH-1.1 or STCF-1 in the first columns); is this a filled HN 1-2019 form?`);
  }
  // A file named after another device is that device's form (the mismatch the preview warns about).
  const other = db.candidates.find((c) => c.id !== cand.id && fileName.toLowerCase().includes(c.manufacturer.toLowerCase().split(" ")[0] ?? "\u0000"));
  const dev = other ?? cand;
  const overrides = FORM_OVERRIDES[dev.manufacturer]?.answers ?? { "PAUT-8": "Yes, smart card", "PAUT-9": "No", "SBOM-1": "Yes, CycloneDX on request", "DOC-8": "Yes" };
  const form = fabricateForm(dev.manufacturer, dev.model, fileName, FORM_OVERRIDES[dev.manufacturer]?.document ?? "LH-OR5-HN1-2019", overrides);
  const messy = /messy|scan|draft/i.test(fileName);
  const conflicts: Mds2Conflict[] = messy ? [{ question_id: "AUTH-1.1", answers: ["Yes (line 78)", "No (line 212)"] }] : [];
  if (messy) {
    form.answers = form.answers.filter((a) => !["AUDT-5.2", "RMOT-1.3", "SAHD-16"].includes(a.question_id));
    const auth = form.answers.find((a) => a.question_id === "AUTH-1.1");
    if (auth) auth.answer = null;
  }
  const format = ext === "xlsx" || ext === "xls" || ext === "ods" ? ext : ext === "txt" ? "text" : "csv";
  const place = (n: number) => (format === "csv" || format === "text" ? `line ${n}` : `sheet 'MDS2', cell A${n}`);
  const corrections: Mds2Issue[] = messy
    ? [
        { place: place(176), text: "SHAD-15", message: "read as SAHD-15 (section misspelt)" },
        { place: place(98), text: "csup – 02.3.", message: "read as CSUP-2.3" },
      ]
    : [{ place: place(44), text: "AUDT 2.8.1", message: "read as AUDT-2.8.1" }];
  const unreadable: Mds2Issue[] = messy
    ? [
        { place: place(131), text: "AUDT-5.2 | Maybe, see roadmap", message: "'Maybe, see roadmap' is not an answer (Yes, No or N/A)" },
        { place: place(204), text: "RMOT-1.3 | TBD", message: "'TBD' is not an answer (Yes, No or N/A)" },
      ]
    : [];
  const sections: SectionTally[] = [];
  for (const [id, section] of MDS2_QUESTIONS) {
    let t = sections.find((s) => s.section === section);
    if (!t) {
      t = { section, questions: 0, yes: 0, no: 0, not_applicable: 0, text: 0 };
      sections.push(t);
    }
    t.questions += 1;
    const a = form.answers.find((x) => x.question_id === id);
    if (!a) continue;
    if (a.answer === "yes") t.yes += 1;
    else if (a.answer === "no") t.no += 1;
    else if (a.answer === "n/a") t.not_applicable += 1;
    else if (a.note) t.text += 1;
  }
  const warnings: string[] = [];
  if (!sameValue(form.manufacturer, cand.manufacturer)) warnings.push(`the form is from '${form.manufacturer}' but the candidate's manufacturer is '${cand.manufacturer}'`);
  if (!sameValue(form.model, cand.model)) warnings.push(`the form describes model '${form.model}' but the candidate is '${cand.model}'`);
  const existing = db.mds2Forms[cand.id];
  return {
    candidate_id: cand.id,
    candidate: `${cand.manufacturer} ${cand.model}`,
    parse: {
      file_name: fileName,
      format,
      form,
      recognised: form.answers.length + conflicts.length,
      reference_questions: MDS2_QUESTIONS.length,
      sections,
      corrections,
      unreadable,
      conflicts,
    },
    device_warnings: warnings,
    replaces: existing ? existing.file_name : null,
    needs_confirmation: unreadable.length > 0 || conflicts.length > 0 || warnings.length > 0,
  };
}

function squash(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, " ");
}

function compareForms(requestId: number): Mds2Comparison {
  const cands = db.candidates.filter((c) => c.request_id === requestId);
  const forms = cands.map((c) => db.mds2Forms[c.id] ?? null);
  const rows: Mds2CompareRow[] = MDS2_QUESTIONS.map(([id, section, text]) => {
    const cells: (Mds2Cell | null)[] = forms.map((f) => {
      const a = f?.answers.find((x) => x.question_id === id);
      return a ? { answer: a.answer, note: a.note } : null;
    });
    const keys = cells.filter((_, i) => forms[i] !== null).map((c) => (c === null ? null : c.answer ?? squash(c.note)));
    const differs = keys.some((k, i) => i > 0 && k !== keys[i - 1]);
    return { question_id: id, section, question: text, cells, differs };
  });
  return {
    columns: cands.map((c, i) => ({ candidate_id: c.id, label: `${c.manufacturer} ${c.model}`, has_form: forms[i] !== null, file_name: forms[i]?.file_name ?? "" })),
    rows,
    differing: rows.filter((r) => r.differs).length,
  };
}

function compatHandle(cmd: string, a: Args | undefined): { done: true; value: unknown } | { done: false } {
  const ok = (value: unknown) => ({ done: true as const, value });
  const facility = (): number | null => {
    const v = a?.facilityId;
    return typeof v === "number" ? v : null;
  };
  switch (cmd) {
    case "list_facilities":
      return ok(db.facilities);
    case "site_profiles": {
      const out = [scopedSite(null)];
      for (const f of db.facilities) if (db.siteProfiles[String(f.id)]) out.push(scopedSite(f.id));
      return ok(out);
    }
    case "get_site_profile":
      return ok(scopedSite(facility()));
    case "set_site_profile": {
      const id = facility();
      if (id !== null) scopedSite(id);
      const profile = { ...EMPTY_SITE, ...(a?.profile as SiteProfile) };
      validateSite(profile);
      db.siteProfiles[id === null ? "portfolio" : String(id)] = profile;
      return ok(scopedSite(id));
    }
    case "delete_site_profile": {
      const id = num(a, "facilityId");
      delete db.siteProfiles[String(id)];
      return ok(scopedSite(id));
    }
    case "get_device_profile": {
      const id = num(a, "candidateId");
      if (!db.candidates.some((c) => c.id === id)) fail("not_found", `candidate ${id} not found`);
      return ok(db.deviceProfiles[id] ?? null);
    }
    case "set_device_profile": {
      const id = num(a, "candidateId");
      if (!db.candidates.some((c) => c.id === id)) fail("not_found", `candidate ${id} not found`);
      const profile = { ...EMPTY_DEVICE, ...(a?.profile as DeviceProfile) };
      validateDevice(profile);
      db.deviceProfiles[id] = profile;
      return ok(null);
    }
    case "get_mds2_form":
      return ok(db.mds2Forms[num(a, "candidateId")] ?? null);
    case "preview_mds2_import":
      return ok(mds2Preview(num(a, "candidateId"), String(a?.path ?? "")));
    case "import_mds2": {
      const p = mds2Preview(num(a, "candidateId"), String((a?.parse as { file_name?: string } | undefined)?.file_name ?? ""));
      if (p.needs_confirmation && a?.confirmed !== true) {
        const reasons = [...p.device_warnings, ...p.parse.conflicts.map((c) => `${c.question_id} is answered differently: ${c.answers.join(" vs ")}`)];
        fail("conflict", `${p.parse.file_name}: ${reasons.join("; ")}. Nothing was saved; confirm to import anyway`, "mds2");
      }
      db.mds2Forms[p.candidate_id] = p.parse.form;
      return ok(p);
    }
    case "delete_mds2_form":
      delete db.mds2Forms[num(a, "candidateId")];
      return ok(null);
    case "compare_mds2":
      return ok(compareForms(num(a, "requestId")));
    case "request_compatibility":
      return ok(compatReport(num(a, "requestId")));
    case "get_compat_rules":
      return ok(db.compatRules);
    case "set_compat_rules": {
      const rules = a?.rules as CompatRule[];
      validateRules(rules);
      db.compatRules = structuredClone(rules);
      return ok(db.compatRules);
    }
    case "reset_compat_rules":
      db.compatRules = defaultRules();
      return ok(db.compatRules);
    case "get_disqualify_blocking":
      return ok(db.disqualify[requestOr404(num(a, "requestId")).id] ?? false);
    case "set_disqualify_blocking":
      db.disqualify[requestOr404(num(a, "requestId")).id] = a?.on === true;
      return ok(null);
    default:
      return { done: false };
  }
}

// Seeded after every constant above exists (the compatibility data uses them).
let db = seed();

function summaries(): RequestSummary[] {
  return db.requests.map((request) => {
    const dept = db.departments.find((d) => d.id === request.department_id);
    const fac = db.facilities.find((f) => f.id === dept?.facility_id);
    const cands = db.candidates.filter((c) => c.request_id === request.id);
    let lowest: bigint | null = null;
    for (const c of cands) {
      const q = quoted(c);
      if (lowest === null || q < lowest) lowest = q;
    }
    return {
      request,
      department: dept?.name ?? "",
      facility: fac?.name ?? "",
      candidates: cands.length,
      lowest_quote: lowest === null ? null : { amount: fromCents(lowest), currency: request.currency },
    };
  });
}

function handle(cmd: string, a: Args | undefined): unknown {
  switch (cmd) {
    case "portfolio_info":
      return db.info;
    case "export_request_data":
    case "export_capital_summary":
      return String(a?.path ?? "");
    case "export_request_brief":
      return { path: String(a?.path ?? ""), content_hash: "0aa1a5bcb118", recommendation: null };
    case "portfolio_open":
    case "portfolio_create": {
      const path = String(a?.path ?? "");
      if (!path.endsWith(".caliper")) fail("not_a_portfolio", `${path} is not a Caliper portfolio`);
      const name = path.split("/").pop()?.replace(/\.caliper$/, "") ?? path;
      if (cmd === "portfolio_create") {
        db = seed();
        db.requests = [];
        db.candidates = [];
        db.categories = [];
        db.criteria = [];
        db.scores = [];
        db.measurements = [];
        db.costModels = {};
        db.overrides = {};
      }
      db.info = { path, name, schema_version: BigInt(1) };
      return db.info;
    }
    case "portfolio_open_demo":
      db = seed();
      return db.info;
    case "list_departments":
      return db.departments;
    case "list_requests":
      return summaries();
    case "get_request":
      return requestOr404(num(a, "id"));
    case "create_request": {
      const input = a?.input as RequestInput;
      validateRequest(input);
      const r: CapitalRequest = { ...input, title: input.title.trim(), id: db.nextId++ };
      db.requests.push(r);
      addTemplate(db, r.id);
      return r;
    }
    case "update_request": {
      const r = requestOr404(num(a, "id"));
      const input = a?.input as RequestInput;
      if (!input.title.trim()) fail("validation", "Title is required", "input.title");
      Object.assign(r, input);
      return r;
    }
    case "delete_request": {
      const id = num(a, "id");
      requestOr404(id);
      db.requests = db.requests.filter((r) => r.id !== id);
      return null;
    }
    case "list_candidates":
      return db.candidates.filter((c) => c.request_id === num(a, "requestId"));
    case "add_candidate": {
      const req = requestOr404(num(a, "requestId"));
      const input = a?.input as CandidateInput;
      validateCandidate(input);
      const c: Candidate = { ...input, id: db.nextId++, request_id: req.id, unit_price: { amount: fromCents(toCents(input.unit_price)), currency: req.currency } };
      db.candidates.push(c);
      return c;
    }
    case "update_candidate": {
      const c = db.candidates.find((x) => x.id === num(a, "id")) ?? fail("not_found", "Candidate not found");
      const input = a?.input as CandidateInput;
      validateCandidate(input);
      Object.assign(c, input, { unit_price: { amount: fromCents(toCents(input.unit_price)), currency: c.unit_price.currency } });
      return c;
    }
    case "delete_candidate": {
      const id = num(a, "id");
      db.candidates = db.candidates.filter((c) => c.id !== id);
      db.scores = db.scores.filter((s) => s.candidate_id !== id);
      db.measurements = db.measurements.filter((s) => s.candidate_id !== id);
      delete db.costModels[id];
      return null;
    }
    case "criteria_tree":
      return treeOf(num(a, "requestId"));
    case "set_weight": {
      const c = db.criteria.find((x) => x.id === num(a, "criterionId")) ?? fail("not_found", "Criterion not found");
      const w = num(a, "weight");
      if (!(w >= 0)) fail("validation", "Weight must be zero or more", "weight");
      c.weight = w;
      return c;
    }
    case "add_criterion": {
      const input = a?.input as CriterionInput;
      validateCriterion(input);
      const pos = db.criteria.filter((c) => c.category_id === input.category_id).length;
      const c: Criterion = { ...input, id: db.nextId++, position: pos };
      db.criteria.push(c);
      return c;
    }
    case "update_criterion": {
      const c = db.criteria.find((x) => x.id === num(a, "id")) ?? fail("not_found", "Criterion not found");
      const input = a?.input as CriterionInput;
      validateCriterion(input);
      Object.assign(c, input);
      return c;
    }
    case "delete_criterion": {
      const id = num(a, "id");
      db.criteria = db.criteria.filter((c) => c.id !== id);
      db.scores = db.scores.filter((s) => s.criterion_id !== id);
      db.measurements = db.measurements.filter((s) => s.criterion_id !== id);
      return null;
    }
    case "list_evaluators":
      return db.evaluators;
    case "add_evaluator": {
      const name = String(a?.name ?? "").trim();
      if (!name) fail("validation", "Name is required", "name");
      if (db.evaluators.some((e) => e.name === name)) fail("conflict", "An evaluator with this name exists", "name");
      const e: Evaluator = { id: db.nextId++, name, role: String(a?.role ?? "") };
      db.evaluators.push(e);
      return e;
    }
    case "list_scores": {
      const ids = new Set(db.candidates.filter((c) => c.request_id === num(a, "requestId")).map((c) => c.id));
      return db.scores.filter((s) => ids.has(s.candidate_id));
    }
    case "set_score": {
      const evaluatorId = num(a, "evaluatorId");
      const candidateId = num(a, "candidateId");
      const criterionId = num(a, "criterionId");
      const score = a?.score as number | null;
      if (score !== null && !(Number.isInteger(score) && score >= 1 && score <= 5)) fail("validation", "Scores are 1 to 5", "score");
      db.scores = db.scores.filter((s) => !(s.evaluator_id === evaluatorId && s.candidate_id === candidateId && s.criterion_id === criterionId));
      if (score !== null) db.scores.push({ evaluator_id: evaluatorId, candidate_id: candidateId, criterion_id: criterionId, score, comment: String(a?.comment ?? "") });
      return null;
    }
    case "list_measurements": {
      const ids = new Set(db.candidates.filter((c) => c.request_id === num(a, "requestId")).map((c) => c.id));
      return db.measurements.filter((s) => ids.has(s.candidate_id));
    }
    case "set_measurement": {
      const candidateId = num(a, "candidateId");
      const criterionId = num(a, "criterionId");
      const value = a?.value as string | null;
      if (value !== null && !/^-?\d+(\.\d+)?$/.test(value.trim())) fail("validation", "Enter a decimal number, e.g. 1250.50", "value");
      db.measurements = db.measurements.filter((s) => !(s.candidate_id === candidateId && s.criterion_id === criterionId));
      if (value !== null) db.measurements.push({ candidate_id: candidateId, criterion_id: criterionId, value: value.trim() });
      return null;
    }
    case "rank_request":
      return rank(num(a, "requestId"));
    case "get_cost_model": {
      const id = num(a, "candidateId");
      if (!db.candidates.some((c) => c.id === id)) fail("not_found", `Candidate ${id} not found`);
      return db.costModels[id] ?? null;
    }
    case "set_cost_model": {
      const id = num(a, "candidateId");
      const c = db.candidates.find((x) => x.id === id) ?? fail("not_found", `Candidate ${id} not found`);
      const model = a?.model as CostModel;
      const stored = { ...model, unit_price: c.unit_price.amount, quantity: c.quantity };
      mockLifecycle(stored, effectiveAssumptions(c.request_id));
      db.costModels[id] = stored;
      return null;
    }
    case "delete_cost_model":
      delete db.costModels[num(a, "candidateId")];
      return null;
    case "preview_lifecycle": {
      const requestId = num(a, "requestId");
      const model = a?.model as CostModel;
      const candidateId = a?.candidateId;
      const remediation =
        typeof candidateId === "number"
          ? (compatReport(requestId).candidates.find((x) => x.candidate_id === candidateId)?.remediation_total ?? "0")
          : "0";
      const it = fromCents(toCents(model.it_integration) + toCents(remediation));
      return mockLifecycle({ ...model, it_integration: it }, effectiveAssumptions(requestId));
    }
    case "request_lifecycle_costs":
      return requestLifecycle(num(a, "requestId"));
    case "get_assumption_overrides": {
      const id = requestOr404(num(a, "requestId")).id;
      return db.overrides[id] ?? { discount_rate: null, inflation: null, fiscal_year_start_month: null, purchase_date: null };
    }
    case "set_assumption_overrides": {
      const id = requestOr404(num(a, "requestId")).id;
      const o = a?.overrides as AssumptionOverrides;
      validateOverrides(o, "overrides");
      db.overrides[id] = { ...o };
      return null;
    }
    case "get_portfolio_assumptions":
      return db.portfolioAssumptions;
    case "set_portfolio_assumptions": {
      const next = a?.assumptions as Assumptions;
      validateOverrides({ discount_rate: next.discount_rate, inflation: next.inflation, fiscal_year_start_month: next.fiscal_year_start_month, purchase_date: next.purchase_date ?? null }, "assumptions");
      db.portfolioAssumptions = { ...next };
      return null;
    }
    case "ahp_weights":
      return mockAhp(a?.input as AhpInput);
    case "apply_weights": {
      const pairs = a?.weights as [number, number][];
      for (const [id, w] of pairs) {
        if (!db.criteria.some((c) => c.id === id)) fail("not_found", `Criterion ${id} not found`);
        if (!(w >= 0)) fail("validation", "Weight must be zero or more", "weights");
      }
      for (const [id, w] of pairs) {
        const c = db.criteria.find((x) => x.id === id);
        if (c) c.weight = w;
      }
      return null;
    }
    case "evaluator_agreement":
      return mockAgreement(num(a, "requestId"));
    case "cancel_sensitivity":
      sensitivityCancelled = true;
      return null;
    default: {
      const out = compatHandle(cmd, a);
      if (out.done) return out.value;
      fail("not_found", `unknown command ${cmd}`);
    }
  }
}

/** The mock transport: a short delay, then a deep copy so the UI cannot mutate the store. */
export async function mockInvoke(cmd: string, args?: Args): Promise<unknown> {
  await new Promise((r) => setTimeout(r, 15));
  const out =
    cmd === "run_sensitivity"
      ? await mockSensitivity(
          num(args, "requestId"),
          args?.options as SensitivityOptions,
          (args?.onProgress as { onmessage: (p: SamplingProgress) => void }).onmessage,
        )
      : handle(cmd, args);
  return out === null || out === undefined
    ? null
    : JSON.parse(JSON.stringify(out, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v)));
}
