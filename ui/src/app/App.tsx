import { useCallback, useEffect, useState } from "react";
import { api, errorPayload, pickPortfolioToCreate, pickPortfolioToOpen } from "../api";
import type { ErrorPayload, PortfolioInfo } from "../bindings";
import { RequestList } from "../request/RequestList";
import { RequestPage } from "../request/RequestPage";
import { SiteProfilePage } from "../compat/SiteProfilePage";
import { navigate, parseHash, type Route } from "./route";
import { ErrorBanner, ReportContext } from "../components/report";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { q, useQueryErrorsReported } from "./query";

export function App() {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  const client = useQueryClient();
  const infoQuery = useQuery(q.portfolioInfo());
  const info = infoQuery.data ?? null;
  const infoLoaded = !infoQuery.isPending;
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [infoErrorDismissed, setInfoErrorDismissed] = useState(false);
  // Bumped when another portfolio opens, so every screen reloads from scratch.
  const [generation, setGeneration] = useState(0);

  const report = useCallback((e: ErrorPayload) => setError(e), []);
  useQueryErrorsReported(report);

  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  // No portfolio open yet is the normal first run, not an error worth a banner.
  const infoError = infoQuery.error ? errorPayload(infoQuery.error) : null;
  const shownError = error ?? (infoError && infoError.kind !== "not_found" && !infoErrorDismissed ? infoError : null);

  // Escape leaves a request for the home; inside a text field it only leaves the field.
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

  const switchTo = async (get: () => Promise<PortfolioInfo>) => {
    try {
      const next = await get();
      // Another portfolio: nothing loaded from the previous one is valid any more.
      client.removeQueries();
      client.setQueryData(q.portfolioInfo().queryKey, next);
      setError(null);
      setGeneration((g) => g + 1);
      navigate({ page: "home" });
    } catch (e) {
      setError(errorPayload(e));
    }
  };

  const onOpen = async () => {
    try {
      const path = await pickPortfolioToOpen();
      if (path) await switchTo(() => api.portfolioOpen(path));
    } catch (e) {
      setError(errorPayload(e));
    }
  };
  const onNew = async () => {
    try {
      const path = await pickPortfolioToCreate();
      if (path) await switchTo(() => api.portfolioCreate(path));
    } catch (e) {
      setError(errorPayload(e));
    }
  };
  const onDemo = () => switchTo(() => api.portfolioOpenDemo());

  return (
    <ReportContext.Provider value={report}>
      <header className="appbar">
        <a className="brand" href="#/" title="Portfolio home">
          Caliper
        </a>
        <div className="portfolio" title={info?.path ?? ""}>
          {info ? (
            <>
              <span className="portfolio-name">{info.name}</span>
              <span className="portfolio-path">{info.path}</span>
            </>
          ) : (
            <span className="portfolio-path">No portfolio open</span>
          )}
        </div>
        <div className="appbar-actions">
          <button type="button" onClick={() => void onOpen()}>
            Open…
          </button>
          <button type="button" onClick={() => void onNew()}>
            New…
          </button>
          <button type="button" onClick={() => void onDemo()} title="Re-create the demo portfolio and open it">
            Demo
          </button>
        </div>
      </header>
      {shownError && (
        <ErrorBanner
          error={shownError}
          onDismiss={() => {
            setError(null);
            setInfoErrorDismissed(true);
          }}
        />
      )}
      <main className="content">
        {!infoLoaded ? null : !info ? (
          <div className="welcome">
            <h1>No portfolio open</h1>
            <p>
              A portfolio is one <code>.caliper</code> file holding your capital requests, candidates,
              criteria and scores.
            </p>
            <div className="row-actions">
              <button type="button" className="primary" onClick={() => void onOpen()}>
                Open portfolio…
              </button>
              <button type="button" onClick={() => void onNew()}>
                New portfolio…
              </button>
              <button type="button" onClick={() => void onDemo()}>
                Open the demo
              </button>
            </div>
          </div>
        ) : route.page === "home" ? (
          <RequestList key={generation} />
        ) : route.page === "site-profile" ? (
          <SiteProfilePage key={generation} />
        ) : (
          <RequestPage key={`${generation}-${route.id}`} id={route.id} tab={route.tab} editCost={route.editCost ?? null} />
        )}
      </main>
    </ReportContext.Provider>
  );
}
