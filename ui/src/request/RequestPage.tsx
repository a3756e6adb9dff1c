import { useCallback, useEffect, useRef, useState } from "react";
import { api, errorPayload } from "../api";
import { affects, useApiMutation } from "../app/query";
import { navigate, type Tab, TABS } from "../app/route";
import { SensitivityTab } from "../analysis/SensitivityTab";
import { CompatibilityTab } from "../compat/CompatibilityTab";
import { DecisionTab } from "../decision/DecisionTab";
import { ConfirmDialog } from "../components/dialogs";
import { StatusBadge } from "../components/display";
import { methodLabel, typeLabel } from "../components/format";
import { useReport } from "../components/report";
import { LifecycleTab } from "../lifecycle/LifecycleTab";
import { CandidatesTab } from "./CandidatesTab";
import { CriteriaTab } from "./CriteriaTab";
import { ExportBrief } from "./ExportBrief";
import { RankingTab } from "./RankingTab";
import { RequestForm } from "./RequestForm";
import { ScoringTab } from "./ScoringTab";
import { type RequestData, useRequestData } from "./useRequestData";
import { ReplacedAssets } from "../inventory/ReplacedAssets";

export function RequestPage({ id, tab, editCost }: { id: number; tab: Tab | null; editCost: number | null }) {
  const { data, error: fatal } = useRequestData(id);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const current: Tab = tab ?? (data && data.candidates.length > 0 ? "ranking" : "candidates");
  const goTab = useCallback((t: Tab) => navigate({ page: "request", id, tab: t }, true), [id]);

  // Pin the default tab once the request loads, so adding the first candidate does not jump to Ranking.
  const loaded = data !== null;
  useEffect(() => {
    if (loaded && tab === null) goTab(current);
  }, [loaded, tab, current, goTab]);

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

  return (
    <section>
      <nav className="crumbs">
        <a href="#/">← All requests</a>
        <span className="muted"> (Esc)</span>
      </nav>
      <RequestHeader data={data} onDelete={() => setConfirmDelete(true)} />
      <RequestTabs current={current} candidates={data.candidates.length} goTab={goTab} />
      <div id="tabpanel" role="tabpanel" aria-labelledby={`tab-${current}`} className="tabpanel">
        {current === "candidates" && <CandidatesTab data={data} />}
        {current === "weights" && <CriteriaTab data={data} />}
        {current === "scoring" && <ScoringTab data={data} />}
        {current === "lifecycle" && <LifecycleTab data={data} editCost={editCost} />}
        {current === "compatibility" && <CompatibilityTab data={data} />}
        {current === "ranking" && <RankingTab data={data} goTab={goTab} />}
        {current === "sensitivity" && <SensitivityTab data={data} goTab={goTab} />}
        {current === "decision" && <DecisionTab data={data} />}
      </div>
      {confirmDelete && <DeleteRequestDialog data={data} onClose={() => setConfirmDelete(false)} />}
    </section>
  );
}

/** The request's title, facts and justification, its actions, and its form while editing. */
function RequestHeader({ data, onDelete }: { data: RequestData; onDelete: () => void }) {
  const [editing, setEditing] = useState(false);
  const update = useApiMutation(api.updateRequest, affects.request);
  const r = data.request;
  const dept = data.departments.find((d) => d.id === r.department_id);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {r.title} <StatusBadge status={r.status} />
          </h1>
          <p className="muted">
            {dept?.name ?? "Unknown department"} · FY{r.fiscal_year} · {typeLabel(r.request_type)} · quantity {r.quantity} · amounts in{" "}
            {r.currency} · ranked by {methodLabel(r.method)}
          </p>
          {r.justification && !editing && <p className="justification">{r.justification}</p>}
          <ReplacedAssets requestId={r.id} />
        </div>
        {!editing && (
          <div className="row-actions">
            <ExportBrief requestId={r.id} title={r.title} />
            <button type="button" onClick={() => setEditing(true)}>
              Edit request
            </button>
            <button type="button" className="danger-quiet" onClick={onDelete}>
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
            await update.mutateAsync([r.id, input]);
            setEditing(false);
          }}
        />
      )}
    </>
  );
}

/** The tab bar; Alt+1..8 switches tabs (by key code, so it also works where Alt+digit types a symbol). */
function RequestTabs({ current, candidates, goTab }: { current: Tab; candidates: number; goTab: (t: Tab) => void }) {
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
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
  return (
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
          {t.id === "candidates" && <span className="tab-count">{candidates}</span>}
        </button>
      ))}
    </div>
  );
}

function DeleteRequestDialog({ data, onClose }: { data: RequestData; onClose: () => void }) {
  const report = useReport();
  const remove = useApiMutation(api.deleteRequest, affects.requests);
  const r = data.request;
  const n = data.candidates.length;
  const s = data.scores.length;
  return (
    <ConfirmDialog
      title="Delete request"
      message={`Delete “${r.title}” with its ${n} candidate${n === 1 ? "" : "s"} and ${s} score${s === 1 ? "" : "s"}? This cannot be undone.`}
      confirmLabel="Delete request"
      onCancel={onClose}
      onConfirm={async () => {
        onClose();
        try {
          await remove.mutateAsync([r.id]);
          navigate({ page: "home" });
        } catch (e) {
          report(errorPayload(e));
        }
      }}
    />
  );
}
