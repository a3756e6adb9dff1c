import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { api, errorPayload, pickPortfolioToCreate, pickPortfolioToOpen, setWindowTitle } from "../api";
import type { ErrorPayload, PortfolioInfo } from "../bindings";
import { PlanPage } from "../capital/PlanPage";
import { GroupPage } from "../group/GroupPage";
import { InventoryPage } from "../inventory/InventoryPage";
import { SiteProfilePage } from "../compat/SiteProfilePage";
import { ConfirmDialog } from "../components/dialogs";
import { ErrorBanner, NoticeBanner, ReportContext } from "../components/report";
import { RequestList } from "../request/RequestList";
import { RequestPage } from "../request/RequestPage";
import { AppBar, Welcome } from "./AppBar";
import { BackupsDialog } from "./BackupsDialog";
import { useOutsideChanges } from "./changes";
import { type Command, requestExport, useAppCommands } from "./commands";
import { q, useQueryErrorsReported } from "./query";
import { HelpDialog, RecentPortfolios } from "./Recent";
import { navigate, parseHash, type Route, sectionOf } from "./route";
import { SideNav } from "./SideNav";

export function App() {
  const route = useRoute();
  const infoQuery = useQuery(q.portfolioInfo());
  const info = infoQuery.data ?? null;
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [infoErrorDismissed, setInfoErrorDismissed] = useState(false);
  const report = useCallback((e: ErrorPayload) => setError(e), []);
  useQueryErrorsReported(report);
  useEscapeLeavesForHome();
  const outside = useOutsideChanges();
  const { generation, onOpen, onOpenPath, onNew, onDemo: openDemo, onRestored } = usePortfolioSwitch(setError);
  // Re-creating the demo replaces its file: when it was opened before, it may hold changes.
  const recent = useQuery(q.recentPortfolios());
  const [confirmDemo, setConfirmDemo] = useState(false);
  const onDemo = () => ((recent.data ?? []).some((r) => /[\\/]demo\.caliper$/.test(r.path)) ? setConfirmDemo(true) : openDemo());
  const [showBackups, setShowBackups] = useState(false);
  const [showHelp, setShowHelp] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // An in-memory portfolio (the file given at start could not be opened) is no portfolio to work in.
  const open = info && info.path !== "" ? info : null;
  const title = open ? `Caliper — ${open.name}` : "Caliper";
  useEffect(() => setWindowTitle(title), [title]);
  const commands: Record<Command, () => void> = {
    new: onNew,
    open: onOpen,
    demo: onDemo,
    backups: () => (open ? setShowBackups(true) : setNotice("Open a portfolio to back it up or restore a backup.")),
    documentation: () => setShowHelp(true),
    "export-brief": () => {
      if (!requestExport("brief")) setNotice("Open a request to export its brief.");
    },
    "export-workbook": () => {
      if (!requestExport("workbook")) setNotice("Open a request to export its workbook.");
    },
  };
  useAppCommands({ run: (c) => commands[c](), openRecent: onOpenPath });

  // No portfolio open yet is the normal first run, not an error worth a banner.
  const infoError = infoQuery.error ? errorPayload(infoQuery.error) : null;
  const shownError = error ?? (infoError && infoError.kind !== "not_found" && !infoErrorDismissed ? infoError : null);

  return (
    <ReportContext.Provider value={report}>
      <AppBar info={info} onOpen={onOpen} onNew={onNew} onDemo={onDemo} onBackups={() => setShowBackups(true)} />
      {showBackups && (
        <BackupsDialog
          onClose={() => setShowBackups(false)}
          onRestored={(next, label) => {
            setShowBackups(false);
            setNotice(`Restored ${label}. The state before the restore was saved as a backup.`);
            onRestored(next);
          }}
        />
      )}
      {showHelp && <HelpDialog onClose={() => setShowHelp(false)} />}
      {confirmDemo && (
        <ConfirmDialog
          title="Re-create the demo"
          message="Replace the demo portfolio with a fresh copy and open it? Changes made to the demo are lost."
          confirmLabel="Re-create the demo"
          onCancel={() => setConfirmDemo(false)}
          onConfirm={() => {
            setConfirmDemo(false);
            openDemo();
          }}
        />
      )}
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {info?.warnings.map((w) => (
        <div key={w} className="banner banner-info" role="status">
          <span>{w}</span>
        </div>
      ))}
      {shownError && (
        <ErrorBanner
          error={shownError}
          onDismiss={() => {
            setError(null);
            setInfoErrorDismissed(true);
          }}
        />
      )}
      {outside.notice && <NoticeBanner notice={outside.notice} onDismiss={outside.dismiss} />}
      {infoQuery.isPending ? null : !open ? (
        <main className="content">
          <Welcome onOpen={onOpen} onNew={onNew} onDemo={onDemo}>
            <RecentPortfolios current={null} onOpen={onOpenPath} />
          </Welcome>
        </main>
      ) : (
        <div className="layout">
          <SideNav info={open} current={sectionOf(route)} />
          <main className="content">
            <Page key={generation} route={route} />
            {route.page === "home" && <RecentPortfolios current={open.path} onOpen={onOpenPath} />}
          </main>
        </div>
      )}
    </ReportContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "home":
      return <RequestList />;
    case "site-profile":
      return <SiteProfilePage />;
    // The plan and its brief replace the fiscal-year summary.
    case "capital-summary":
    case "capital-plan":
      return <PlanPage />;
    case "inventory":
      return <InventoryPage />;
    case "group":
      return <GroupPage />;
    case "request":
      return <RequestPage key={route.id} id={route.id} tab={route.tab} editCost={route.editCost ?? null} />;
  }
}

/** The route of the window's hash, followed as it changes. */
function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  return route;
}

/** Escape leaves a page for the home; inside a text field it only leaves the field. */
function useEscapeLeavesForHome() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      if (document.querySelector(".modal-backdrop")) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) {
        t.blur();
        return;
      }
      if (parseHash(window.location.hash).page !== "home") navigate({ page: "home" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/**
 * Opening, creating or re-creating the demo portfolio. Nothing loaded from the previous
 * portfolio stays: its queries are dropped and `generation` remounts every page.
 */
function usePortfolioSwitch(setError: (e: ErrorPayload | null) => void) {
  const client = useQueryClient();
  // Bumped when another portfolio opens, so every screen reloads from scratch.
  const [generation, setGeneration] = useState(0);
  const switchTo = async (get: () => Promise<PortfolioInfo>) => {
    try {
      const next = await get();
      client.removeQueries();
      client.setQueryData(q.portfolioInfo().queryKey, next);
      setError(null);
      setGeneration((g) => g + 1);
      navigate({ page: "home" });
    } catch (e) {
      setError(errorPayload(e));
    }
  };
  const pickThen = async (pick: () => Promise<string | null>, open: (path: string) => Promise<PortfolioInfo>) => {
    try {
      const path = await pick();
      if (path) await switchTo(() => open(path));
    } catch (e) {
      setError(errorPayload(e));
    }
  };
  return {
    generation,
    onRestored: (next: PortfolioInfo) => void switchTo(() => Promise.resolve(next)),
    onOpen: () => void pickThen(pickPortfolioToOpen, api.portfolioOpen),
    onOpenPath: (path: string) => void switchTo(() => api.portfolioOpen(path)),
    onNew: () => void pickThen(pickPortfolioToCreate, api.portfolioCreate),
    onDemo: () => void switchTo(() => api.portfolioOpenDemo()),
  };
}
