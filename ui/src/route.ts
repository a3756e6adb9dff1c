// Hash routes: #/ (home), #/request/<id>[/<tab>].
export type Tab = "candidates" | "weights" | "scoring" | "ranking";
export const TABS: { id: Tab; label: string }[] = [
  { id: "candidates", label: "Candidates" },
  { id: "weights", label: "Criteria & weights" },
  { id: "scoring", label: "Scoring" },
  { id: "ranking", label: "Ranking" },
];

export type Route = { page: "home" } | { page: "request"; id: number; tab: Tab | null };

export function parseHash(hash: string): Route {
  const m = /^#\/request\/(\d+)(?:\/([a-z]+))?\/?$/.exec(hash);
  if (m) {
    const tab = TABS.find((t) => t.id === m[2])?.id ?? null;
    return { page: "request", id: Number(m[1]), tab };
  }
  return { page: "home" };
}

export function hrefOf(r: Route): string {
  if (r.page === "home") return "#/";
  return r.tab ? `#/request/${r.id}/${r.tab}` : `#/request/${r.id}`;
}

export function navigate(r: Route, replace = false): void {
  const h = hrefOf(r);
  if (window.location.hash === h) return;
  if (replace) {
    window.history.replaceState(null, "", h);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    window.location.hash = h;
  }
}
