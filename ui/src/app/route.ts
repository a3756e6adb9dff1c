// Hash routes: #/ (home: the requests), #/site-profile, #/capital-plan, #/capital-summary, #/inventory, #/group,
// #/request/<id>[/<tab>],
// #/request/<id>/lifecycle/edit/<candidateId>.
export type Tab = "candidates" | "weights" | "scoring" | "lifecycle" | "compatibility" | "ranking" | "sensitivity" | "decision";
export const TABS: { id: Tab; label: string }[] = [
  { id: "candidates", label: "Candidates" },
  { id: "weights", label: "Criteria & weights" },
  { id: "scoring", label: "Scoring" },
  { id: "lifecycle", label: "Lifecycle cost" },
  { id: "compatibility", label: "Compatibility" },
  { id: "ranking", label: "Ranking" },
  { id: "sensitivity", label: "Sensitivity" },
  { id: "decision", label: "Decision" },
];

/** `editCost` is the candidate whose cost model is open in the lifecycle tab's editor. */
export type Route =
  | { page: "home" }
  | { page: "site-profile" }
  | { page: "capital-plan" }
  | { page: "capital-summary" }
  | { page: "inventory" }
  | { page: "group" }
  | { page: "request"; id: number; tab: Tab | null; editCost?: number | null };

export function parseHash(hash: string): Route {
  const m = /^#\/request\/(\d+)(?:\/([a-z]+)(?:\/edit\/(\d+))?)?\/?$/.exec(hash);
  if (m) {
    const tab = TABS.find((t) => t.id === m[2])?.id ?? null;
    const editCost = tab === "lifecycle" && m[3] ? Number(m[3]) : null;
    return { page: "request", id: Number(m[1]), tab, editCost };
  }
  if (/^#\/site-profile\/?$/.test(hash)) return { page: "site-profile" };
  if (/^#\/capital-summary\/?$/.test(hash)) return { page: "capital-summary" };
  if (/^#\/capital-plan\/?$/.test(hash)) return { page: "capital-plan" };
  if (/^#\/inventory\/?$/.test(hash)) return { page: "inventory" };
  if (/^#\/group\/?$/.test(hash)) return { page: "group" };
  return { page: "home" };
}

export function hrefOf(r: Route): string {
  if (r.page === "home") return "#/";
  if (r.page === "site-profile") return "#/site-profile";
  if (r.page === "capital-summary") return "#/capital-summary";
  if (r.page === "capital-plan") return "#/capital-plan";
  if (r.page === "inventory") return "#/inventory";
  if (r.page === "group") return "#/group";
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

/** The side navigation's sections, in order; a request belongs to Requests. */
export type Section = "home" | "site-profile" | "capital-plan" | "capital-summary" | "inventory" | "group";
export const SECTIONS: { page: Section; label: string; testId: string; title?: string }[] = [
  { page: "home", label: "Requests", testId: "nav-requests" },
  {
    page: "site-profile",
    label: "Site IT profile",
    testId: "site-profile-link",
    title: "The hospital's EHR, network and security baseline, and the compatibility rules",
  },
  {
    page: "capital-plan",
    label: "Capital plan",
    testId: "nav-capital-plan",
    title: "Budgets per fiscal year, request priorities, the optimal plan and its scenarios",
  },
  {
    page: "inventory",
    label: "Inventory",
    testId: "nav-inventory",
    title: "The installed base: assets, work orders, what to replace next and the replacement forecast",
  },
  {
    page: "group",
    label: "Group purchasing",
    testId: "nav-group",
    title: "Several member hospitals' files side by side, read-only: price benchmark, standardisation, demand and the negotiation brief",
  },
];

export function sectionOf(r: Route): Section {
  if (r.page === "capital-summary") return "capital-plan";
  return r.page === "request" ? "home" : r.page;
}
