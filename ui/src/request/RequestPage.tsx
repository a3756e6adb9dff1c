import { useCallback, useEffect, useRef, useState } from "react";
import { api, errorPayload } from "../api";
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
import { CandidatesTab } from "./CandidatesTab";
import { CompatibilityTab } from "../compat/CompatibilityTab";
import { StatusBadge } from "../components/display";
import { CriteriaTab } from "./CriteriaTab";
import { methodLabel, typeLabel } from "../components/format";
import { LifecycleTab } from "../lifecycle/LifecycleTab";
import { RankingTab } from "./RankingTab";
import { RequestForm } from "./RequestForm";
import { navigate, type Tab, TABS } from "../app/route";
import { ExportBrief } from "./ExportBrief";
import { ScoringTab } from "./ScoringTab";
import { SensitivityTab } from "../analysis/SensitivityTab";
import { ConfirmDialog } from "../components/dialogs";
import { useReport } from "../components/report";

export interface RequestData {
  request: CapitalRequest;
  candidates: Candidate[];
  tree: CategoryCriteria[];
  ranking: RequestRanking | null;
  scores: EvaluatorScore[];
  measurements: Measurement[];
  evaluators: Evaluator[];
  departments: Department[];
}

export type Part = "request" | "candidates" | "tree" | "ranking" | "scores" | "measurements" | "evaluators";
export type Refresh = (parts: Part[]) => Promise<void>;

async function loadPart(id: number, part: Part): Promise<Partial<RequestData>> {
  switch (part) {
    case "request":
      return { request: await api.getRequest(id) };
    case "candidates":
      return { candidates: await api.listCandidates(id) };
    case "tree":
      return { tree: await api.criteriaTree(id) };
    case "ranking":
      return { ranking: await api.rankRequest(id) };
    case "scores":
      return { scores: await api.listScores(id) };
    case "measurements":
      return { measurements: await api.listMeasurements(id) };
    case "evaluators":
      return { evaluators: await api.listEvaluators() };
  }
}

export function RequestPage({ id, tab, editCost }: { id: number; tab: Tab | null; editCost: number | null }) {
  const report = useReport();
  const [data, setData] = useState<RequestData | null>(null);
  const [fatal, setFatal] = useState<ErrorPayload | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const parts = await Promise.all(
          (["request", "candidates", "tree", "ranking", "scores", "measurements", "evaluators"] as Part[]).map((p) =>
            loadPart(id, p),
          ),
        );
        const departments = await api.listDepartments();
        if (live) setData(Object.assign({ departments }, ...parts) as RequestData);
      } catch (e) {
        if (live) setFatal(errorPayload(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [id]);

  const refresh: Refresh = useCallback(
    async (parts) => {
      try {
        const loaded = await Promise.all(parts.map((p) => loadPart(id, p)));
        setData((d) => (d ? (Object.assign({}, d, ...loaded) as RequestData) : d));
      } catch (e) {
        report(errorPayload(e));
      }
    },
    [id, report],
  );

  const current: Tab = tab ?? (data && data.candidates.length > 0 ? "ranking" : "candidates");
  const goTab = useCallback((t: Tab) => navigate({ page: "request", id, tab: t }, true), [id]);

  // Pin the default tab once the request loads, so adding the first candidate does not jump to Ranking.
  const loaded = data !== null;
  useEffect(() => {
    if (loaded && tab === null) goTab(current);
  }, [loaded, tab, current, goTab]);

  // Alt+1..7 switches tabs (by key code, so it also works where Alt+digit types a symbol).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const m = /^Digit([1-9])$/.exec(e.code);
      if (!m) return;
      const t = TABS[Number(m[1]) - 1];
      if (!t) return;
      e.preventDefault();
      goTab(t.id);
      tabRefs.current[t.id]?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [goTab]);

  if (fatal) {
    return (
      <section>
        <p>
          <a href="#/">← All requests</a>
        </p>
        <div className="empty">
          <h3>{fatal.kind === "not_found" ? "This request no longer exists" : "The request could not be loaded"}</h3>
          <p>{fatal.message}</p>
        </div>
      </section>
    );
  }
  if (!data) return <p className="muted">Loading…</p>;

  const r = data.request;
  const dept = data.departments.find((d) => d.id === r.department_id);

  return (
    <section>
      <nav className="crumbs">
        <a href="#/">← All requests</a>
        <span className="muted"> (Esc)</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>
            {r.title} <StatusBadge status={r.status} />
          </h1>
          <p className="muted">
            {dept?.name ?? "Unknown department"} · FY{r.fiscal_year} · {typeLabel(r.request_type)} · quantity{" "}
            {r.quantity} · amounts in {r.currency} · ranked by {methodLabel(r.method)}
          </p>
          {r.justification && !editing && <p className="justification">{r.justification}</p>}
        </div>
        {!editing && (
          <div className="row-actions">
            <ExportBrief requestId={r.id} title={r.title} />
            <button type="button" onClick={() => setEditing(true)}>
              Edit request
            </button>
            <button type="button" className="danger-quiet" onClick={() => setConfirmDelete(true)}>
              Delete request
            </button>
          </div>
        )}
      </div>
      {editing && (
        <RequestForm
          initial={{ ...r }}
          departments={data.departments}
          submitLabel="Save request"
          showStatus
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            await api.updateRequest(r.id, input);
            setEditing(false);
            await refresh(["request", "ranking"]);
          }}
        />
      )}

      <div className="tabs" role="tablist" aria-label="Request sections">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            data-testid={`tab-${t.id}`}
            aria-selected={current === t.id}
            aria-controls="tabpanel"
            className={current === t.id ? "tab tab-active" : "tab"}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            onClick={() => goTab(t.id)}
            title={`Alt+${i + 1}`}
          >
            {t.label}
            {t.id === "candidates" && <span className="tab-count">{data.candidates.length}</span>}
          </button>
        ))}
      </div>
      <div id="tabpanel" role="tabpanel" aria-labelledby={`tab-${current}`} className="tabpanel">
        {current === "candidates" && <CandidatesTab data={data} refresh={refresh} />}
        {current === "weights" && <CriteriaTab data={data} refresh={refresh} />}
        {current === "scoring" && <ScoringTab data={data} refresh={refresh} setData={setData} />}
        {current === "lifecycle" && <LifecycleTab data={data} refresh={refresh} editCost={editCost} />}
        {current === "compatibility" && <CompatibilityTab data={data} refresh={refresh} />}
        {current === "ranking" && <RankingTab data={data} goTab={goTab} />}
        {current === "sensitivity" && <SensitivityTab data={data} goTab={goTab} />}
      </div>

      {confirmDelete && (
        <ConfirmDialog
          title="Delete request"
          message={`Delete “${r.title}” with its ${data.candidates.length} candidate${data.candidates.length === 1 ? "" : "s"} and ${data.scores.length} score${data.scores.length === 1 ? "" : "s"}? This cannot be undone.`}
          confirmLabel="Delete request"
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            setConfirmDelete(false);
            try {
              await api.deleteRequest(r.id);
              navigate({ page: "home" });
            } catch (e) {
              report(errorPayload(e));
            }
          }}
        />
      )}
    </section>
  );
}
