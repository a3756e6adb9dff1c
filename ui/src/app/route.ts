// Hash routes: #/ (home), #/site-profile, #/request/<id>[/<tab>], #/request/<id>/lifecycle/edit/<candidateId>.
export type Tab = "candidates" | "weights" | "scoring" | "lifecycle" | "compatibility" | "ranking" | "sensitivity";
export const TABS: { id: Tab; label: string }[] = [
  { id: "candidates", label: "Candidates" },
  { id: "weights", label: "Criteria & weights" },
  { id: "scoring", label: "Scoring" },
  { id: "lifecycle", label: "Lifecycle cost" },
  { id: "compatibility", label: "Compatibility" },
  { id: "ranking", label: "Ranking" },
  { id: "sensitivity", label: "Sensitivity" },
];

/** `editCost` is the candidate whose cost model is open in the lifecycle tab's editor. */
export type Route =
  | { page: "home" }
  | { page: "site-profile" }
  | { page: "request"; id: number; tab: Tab | null; editCost?: number | null };

export function parseHash(hash: string): Route {
  const m = /^#\/request\/(\d+)(?:\/([a-z]+)(?:\/edit\/(\d+))?)?\/?$/.exec(hash);
  if (m) {
    const tab = TABS.find((t) => t.id === m[2])?.id ?? null;
    const editCost = tab === "lifecycle" && m[3] ? Number(m[3]) : null;
    return { page: "request", id: Number(m[1]), tab, editCost };
  }
  if (/^#\/site-profile\/?$/.test(hash)) return { page: "site-profile" };
  return { page: "home" };
}

export function hrefOf(r: Route): string {
  if (r.page === "home") return "#/";
  if (r.page === "site-profile") return "#/site-profile";
  if (!r.tab) return `#/request/${r.id}`;
  const edit = r.tab === "lifecycle" && r.editCost != null ? `/edit/${r.editCost}` : "";
  return `#/request/${r.id}/${r.tab}${edit}`;
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
