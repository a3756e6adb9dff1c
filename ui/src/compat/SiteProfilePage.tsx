import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { q } from "../app/query";
import { navigate } from "../app/route";
import type { ScopedSiteProfile } from "../bindings";
import { ConfirmDialog } from "../components/dialogs";
import { CompatRulesEditor } from "./CompatRules";
import { type Pending, SiteProfileForm } from "./SiteProfileForm";

/** "" for the portfolio, else the facility id: the value of the scope selector. */
type ScopeKey = string;
const scopeOf = (k: ScopeKey): number | null => (k === "" ? null : Number(k));

export function SiteProfilePage() {
  const [scope, setScope] = useState<ScopeKey>("");
  const { data: current } = useQuery(q.siteProfile(scopeOf(scope)));
  const [profileDirty, setProfileDirty] = useState(false);
  const [rulesDirty, setRulesDirty] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const dirty = profileDirty || rulesDirty;

  /** Runs `go` now, or after the user agrees to lose the unsaved changes it would lose. */
  const guard = (go: () => void, what: string, loses: boolean) => {
    if (!loses) go();
    else setPending({ message: `You have unsaved changes. ${what} without saving them?`, go });
  };
  useEscapeGuard(dirty, setPending);

  return (
    <section>
      <nav className="crumbs">
        <a
          href="#/"
          onClick={(e) => {
            if (!dirty) return;
            e.preventDefault();
            guard(() => navigate({ page: "home" }), "Leave the site IT profile", dirty);
          }}
        >
          ← All requests
        </a>
        <span className="muted"> (Esc)</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>Site IT profile</h1>
          <p className="muted">
            The hospital’s EHR, network and security baseline that every candidate device is checked against. A facility can have its own;
            otherwise it follows the portfolio’s.
          </p>
        </div>
      </div>

      <ScopeBar
        scope={scope}
        current={current}
        onScope={(next) => guard(() => setScope(next), "Switch to another profile", profileDirty)}
      />
      {current ? (
        <SiteProfileForm key={scope} current={current} onDirtyChange={setProfileDirty} setPending={setPending} />
      ) : (
        <p className="muted">Loading the profile…</p>
      )}

      <CompatRulesEditor onDirtyChange={setRulesDirty} />

      {pending && (
        <ConfirmDialog
          title={pending.title ?? "Unsaved changes"}
          message={pending.message}
          confirmLabel={pending.label ?? "Discard changes"}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const go = pending.go;
            setPending(null);
            go();
          }}
        />
      )}
    </section>
  );
}

/** Escape leaves for the home page (the app does that); with unsaved changes, ask first. */
function useEscapeGuard(dirty: boolean, setPending: (p: Pending) => void) {
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !dirtyRef.current || document.querySelector(".modal-backdrop")) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
      e.preventDefault();
      setPending({ message: "You have unsaved changes. Leave the site IT profile without saving them?", go: () => navigate({ page: "home" }) });
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [setPending]);
}

/** Whose profile is shown: the portfolio's or a facility's (its own, or the portfolio's it follows). */
function ScopeBar({ scope, current, onScope }: { scope: ScopeKey; current: ScopedSiteProfile | undefined; onScope: (next: ScopeKey) => void }) {
  const { data: facilities } = useQuery(q.facilities());
  const { data: profiles } = useQuery(q.siteProfiles());
  const own = new Set((profiles ?? []).flatMap((p) => (p.facility_id !== null && p.saved ? [p.facility_id] : [])));
  return (
    <div className="scope-bar">
      <label className="inline-label">
        Profile of
        <select value={scope} data-testid="site-scope" onChange={(e) => onScope(e.target.value)}>
          <option value="">Portfolio (all facilities)</option>
          {(facilities ?? []).map((f) => (
            <option key={f.id} value={String(f.id)}>
              {f.name}
              {own.has(f.id) ? " (own profile)" : " (follows the portfolio)"}
            </option>
          ))}
        </select>
      </label>
      {current && (
        <span className="subtle">
          {current.facility_id === null
            ? current.saved
              ? "Used by every facility without its own profile."
              : "Not saved yet: an empty profile requires nothing, so every check is not applicable."
            : current.saved
              ? `Requests of ${current.scope} are checked against this profile.`
              : ""}
        </span>
      )}
    </div>
  );
}
