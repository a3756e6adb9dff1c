// In-memory fake of the Tauri commands, for developing and screenshotting the UI in a plain
// browser. main.tsx imports it dynamically only when window.__TAURI_INTERNALS__ is absent,
// so the desktop app never loads it. Fictional vendors and devices throughout.
import type {
  Acceptability,
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
        description: "HL7 v2 results, IHE DEC and PCIM through the site middleware.",
        direction: "benefit",
        kind: "judged",
        unit: "",
        anchors: LIKERT(
          "No validated interface to the site EHR",
          "HL7 v2 results via middleware; manual association",
          "IHE DEC + PCIM validated with the site EHR",
        ),
        weight: 10,
        source: "entered",
      },
      {
        name: "Compatibility gaps",
        description: "Mismatches against the site IT profile (802.1X, VLAN, TLS).",
        direction: "cost",
        kind: "measured",
        unit: "gaps",
        anchors: [],
        weight: 6,
        source: "entered",
      },
      {
        name: "Cybersecurity posture (MDS2)",
        description: "Score from the MDS2 rule table, 0-100.",
        direction: "benefit",
        kind: "measured",
        unit: "points",
        anchors: [],
        weight: 8,
        source: "entered",
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
    nextId: 100,
  };
  for (const r of db.requests) addTemplate(db, r.id);
  // Scores: [criterion position in judged list][candidate] per evaluator.
  const judged = db.criteria.filter((c) => c.kind === "judged" && critRequest(db, c) === 1);
  const e1 = [
    [4, 4, 3, 4], [4, 3, 3, 5], [5, 4, 3, 4], [4, 5, 2, 3], [4, 5, 3, 3], [3, 4, 3, 4], [4, 5, 3, 3],
  ];
  const e2 = [
    [4, 5, 3, 3], [5, 3, 2, 5], [4, 4, 3, 2], [4, 4, 3, 3], [4, 4, 4, 3], [4, 3, 3, 4], [4, 5, 3, 3],
  ];
  judged.forEach((c, i) => {
    for (let k = 0; k < 4; k++) {
      db.scores.push({ evaluator_id: 1, candidate_id: k + 1, criterion_id: c.id, score: e1[i]?.[k] ?? 3, comment: "" });
      // The nurse manager has not scored training and vendor stability yet.
      if (i < 5) db.scores.push({ evaluator_id: 2, candidate_id: k + 1, criterion_id: c.id, score: e2[i]?.[k] ?? 3, comment: "" });
    }
  });
  const measured = db.criteria.filter((c) => c.kind === "measured" && critRequest(db, c) === 1);
  const values: Record<string, (string | null)[]> = {
    gaps: ["1", "0", "3", "2"],
    points: ["78", "85", "61", null],
  };
  for (const c of measured) {
    (values[c.unit] ?? []).forEach((v, k) => {
      if (v !== null) db.measurements.push({ candidate_id: k + 1, criterion_id: c.id, value: v });
    });
  }
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

let db = seed();

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
  const candidates: CandidateLifecycle[] = db.candidates
    .filter((c) => c.request_id === requestId)
    .map((c) => {
      const label = `${c.manufacturer} ${c.model}`;
      const m = db.costModels[c.id];
      if (!m) return { candidate_id: c.id, label, lifecycle: null, problem: "no cost model yet" };
      try {
        // The quote is the source of unit price and quantity.
        const lifecycle = mockLifecycle({ ...m, unit_price: c.unit_price.amount, quantity: c.quantity }, assumptions);
        return { candidate_id: c.id, label, lifecycle, problem: null };
      } catch (e) {
        return { candidate_id: c.id, label, lifecycle: null, problem: `cost model: ${(e as ErrorPayload).message}` };
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
  ranked.sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
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
    case "preview_lifecycle":
      return mockLifecycle(a?.model as CostModel, effectiveAssumptions(num(a, "requestId")));
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
    default:
      fail("not_found", `unknown command ${cmd}`);
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
