import type { PortfolioInfo } from "../bindings";
import { hrefOf, type Section, SECTIONS } from "./route";

/**
 * The persistent navigation: the open portfolio and its sections (SECTIONS). Group purchasing
 * reads other hospitals' files and does not use the open portfolio.
 */
export function SideNav({ info, current }: { info: PortfolioInfo; current: Section }) {
  return (
    <nav className="sidenav" aria-label="Portfolio">
      <div className="sidenav-portfolio" title={info.path}>
        <span className="sidenav-label">Portfolio</span>
        <span className="portfolio-name" data-testid="nav-portfolio-name">
          {info.name}
        </span>
      </div>
      {SECTIONS.map((s) => (
        <a
          key={s.page}
          href={hrefOf({ page: s.page })}
          className={s.page === current ? "navlink navlink-active" : "navlink"}
          aria-current={s.page === current ? "page" : undefined}
          data-testid={s.testId}
          title={s.title}
        >
          {s.label}
        </a>
      ))}
    </nav>
  );
}
