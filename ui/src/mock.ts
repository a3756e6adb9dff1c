// In-memory fake of the Tauri commands, for developing and screenshotting the UI in a plain
// browser. main.tsx imports it dynamically only when window.__TAURI_INTERNALS__ is absent,
// so the desktop app never loads it. Fictional vendors and devices throughout.
import type {
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
  ScheduleYear,
  ScoreSummary,
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
    method: "weighted_sum",
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
    default:
      fail("not_found", `unknown command ${cmd}`);
  }
}

/** The mock transport: a short delay, then a deep copy so the UI cannot mutate the store. */
export async function mockInvoke(cmd: string, args?: Args): Promise<unknown> {
  await new Promise((r) => setTimeout(r, 15));
  const out = handle(cmd, args);
  return out === null || out === undefined
    ? null
    : JSON.parse(JSON.stringify(out, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v)));
}
