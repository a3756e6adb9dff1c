import type { ReactNode } from "react";
import type { PortfolioInfo } from "../bindings";

/** The bar over every page: the brand, the open portfolio's file, and opening or creating another. */
export function AppBar({
  info,
  onOpen,
  onNew,
  onDemo,
  onBackups,
}: {
  info: PortfolioInfo | null;
  onOpen: () => void;
  onNew: () => void;
  onDemo: () => void;
  onBackups: () => void;
}) {
  return (
    <header className="appbar">
      <a className="brand" href="#/" title="Portfolio home">
        Caliper
      </a>
      <div className="portfolio" title={[info?.path ?? "", ...(info?.warnings ?? [])].join("\n")}>
        {info ? <span className="portfolio-path">{info.path}</span> : <span className="portfolio-path">No portfolio open</span>}
      </div>
      <div className="appbar-actions">
        <button type="button" onClick={onOpen}>
          Open…
        </button>
        <button type="button" onClick={onNew}>
          New…
        </button>
        <button type="button" onClick={onDemo} title="Re-create the demo portfolio and open it">
          Demo
        </button>
        {info?.path && (
          <button type="button" onClick={onBackups} title="Back up the portfolio, or restore a backup" data-testid="backups-open">
            Backups…
          </button>
        )}
      </div>
    </header>
  );
}

/** The first run, or after a portfolio could not be opened: what a portfolio is, and how to get one. */
export function Welcome({
  onOpen,
  onNew,
  onDemo,
  children,
}: {
  onOpen: () => void;
  onNew: () => void;
  onDemo: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="welcome">
      <h1>No portfolio open</h1>
      <p>
        A portfolio is one <code>.caliper</code> file holding your capital requests, candidates, criteria and scores.
      </p>
      <div className="row-actions">
        <button type="button" className="primary" onClick={onOpen}>
          Open portfolio…
        </button>
        <button type="button" onClick={onNew}>
          New portfolio…
        </button>
        <button type="button" onClick={onDemo}>
          Open the demo
        </button>
      </div>
      {children}
    </div>
  );
}
