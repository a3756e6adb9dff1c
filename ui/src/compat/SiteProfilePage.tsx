import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, Facility, ScopedSiteProfile, SiteProfile } from "../bindings";
import { emptySiteProfile, profileFieldError } from "./compat";
import { CompatRulesEditor } from "./CompatRules";
import { navigate } from "../app/route";
import { ConfirmDialog } from "../components/dialogs";
import { ErrorBanner, useReport } from "../components/report";
import { type Draft, draftOf, type Errors, profileOf } from "./siteProfileDraft";
import { SiteProfileSections } from "./SiteProfileSections";

/** "" for the portfolio, else the facility id: the value of the scope selector. */
type ScopeKey = string;
const scopeOf = (k: ScopeKey): number | null => (k === "" ? null : Number(k));

export function SiteProfilePage() {
  const report = useReport();
  const [facilities, setFacilities] = useState<Facility[] | null>(null);
  const [own, setOwn] = useState<Set<number>>(new Set());
  const [scope, setScope] = useState<ScopeKey>("");
  const [current, setCurrent] = useState<ScopedSiteProfile | null>(null);
  /** The profile in use for a facility without its own (the portfolio's), shown read-only. */
  const [inherited, setInherited] = useState<SiteProfile | null>(null);
  const [creating, setCreating] = useState(false);
  const [initial, setInitial] = useState<Draft | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [rulesDirty, setRulesDirty] = useState(false);
  const [pending, setPending] = useState<{ message: string; go: () => void; title?: string; label?: string } | null>(null);

  const loadList = useCallback(async () => {
    const [f, profiles] = await Promise.all([api.listFacilities(), api.siteProfiles()]);
    setFacilities(f);
    setOwn(new Set(profiles.flatMap((p) => (p.facility_id !== null && p.saved ? [p.facility_id] : []))));
  }, []);

  const loadScope = useCallback(async (key: ScopeKey) => {
    const id = scopeOf(key);
    const sp = await api.getSiteProfile(id);
    setCurrent(sp);
    setCreating(false);
    setErrors({});
    setBanner(null);
    setSaved(false);
    const d = draftOf(sp.profile);
    setInitial(d);
    setDraft(d);
    setInherited(id !== null && !sp.saved ? (await api.getSiteProfile(null)).profile : null);
  }, []);

  useEffect(() => {
    loadList().catch((e: unknown) => report(errorPayload(e)));
  }, [loadList, report]);
  useEffect(() => {
    loadScope(scope).catch((e: unknown) => report(errorPayload(e)));
  }, [scope, loadScope, report]);

  const editable = current !== null && (current.facility_id === null || current.saved || creating);
  const profileDirty = editable && draft !== null && initial !== null && (creating || JSON.stringify(draft) !== JSON.stringify(initial));
  const dirty = profileDirty || rulesDirty;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  /** Runs `go` now, or after the user agrees to lose the unsaved changes it would lose. */
  const guard = (go: () => void, what: string, loses: boolean) => {
    if (!loses) go();
    else setPending({ message: `You have unsaved changes. ${what} without saving them?`, go });
  };

  // Escape leaves for the home page (the app does that); with unsaved changes, ask first.
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
  }, []);

  const set = <K extends keyof SiteProfile>(k: K, v: SiteProfile[K]) => {
    setDraft((d) => (d ? { ...d, p: { ...d.p, [k]: v } } : d));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
    setSaved(false);
  };
  const setText = (k: "hl7" | "resources" | "days", field: keyof SiteProfile, v: string) => {
    setDraft((d) => (d ? { ...d, [k]: v } : d));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
    setSaved(false);
  };

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!draft || !current || !editable || busy) return;
    const parsed = profileOf(draft);
    setErrors(parsed.errors);
    if (!parsed.profile) return;
    setBusy(true);
    setBanner(null);
    try {
      const sp = await api.setSiteProfile(current.facility_id, parsed.profile);
      setCurrent(sp);
      setCreating(false);
      setInherited(null);
      const d = draftOf(sp.profile);
      setInitial(d);
      setDraft(d);
      setSaved(true);
      await loadList();
    } catch (err) {
      const p = errorPayload(err);
      const at = profileFieldError(p);
      if (at && at.field in emptySiteProfile()) setErrors({ [at.field]: at.message });
      else setBanner(p);
    } finally {
      setBusy(false);
    }
  };

  const facilityName = current?.facility_id != null ? current.scope : null;
  const shown: SiteProfile | null = editable ? (draft?.p ?? null) : inherited;
  const p = shown;

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
            The hospital’s EHR, network and security baseline that every candidate device is checked against. A facility
            can have its own; otherwise it follows the portfolio’s.
          </p>
        </div>
      </div>

      <div className="scope-bar">
        <label className="inline-label">
          Profile of
          <select
            value={scope}
            data-testid="site-scope"
            onChange={(e) => {
              const next = e.target.value;
              guard(() => setScope(next), "Switch to another profile", profileDirty);
            }}
          >
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

      {current && current.facility_id !== null && !current.saved && !creating && (
        <div className="info-note follow-note" data-testid="site-follows-portfolio">
          <span>
            <strong>{facilityName}</strong> follows the portfolio’s profile, shown below. Give it its own when its network or
            EHR differs.
          </span>
          <button
            type="button"
            className="primary"
            data-testid="site-profile-own"
            onClick={() => {
              const base = draftOf(inherited ?? emptySiteProfile());
              setDraft(base);
              setCreating(true);
              setSaved(false);
            }}
          >
            Give this facility its own profile
          </button>
        </div>
      )}
      {creating && (
        <div className="notice">
          A new profile for <strong>{facilityName}</strong>, starting from the portfolio’s. It takes effect when you save it.{" "}
          <button
            type="button"
            className="small"
            onClick={() => {
              setCreating(false);
              setDraft(initial);
              setErrors({});
            }}
          >
            Cancel
          </button>
        </div>
      )}
      {banner && <ErrorBanner error={banner} onDismiss={() => setBanner(null)} />}

      {!current || !p || !draft ? (
        <p className="muted">Loading the profile…</p>
      ) : (
        <form
          className="form-card site-form"
          onSubmit={(e) => void save(e)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
          noValidate
          data-testid="site-profile-form"
        >
          <fieldset className="site-fieldset" disabled={!editable}>
            <SiteProfileSections p={p} draft={draft} editable={editable} errors={errors} set={set} setText={setText} />
          </fieldset>
          {editable && (
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy || !profileDirty} data-testid="site-profile-save">
                {busy ? "Saving…" : creating ? `Save ${facilityName}’s profile` : "Save profile"}
              </button>
              <button
                type="button"
                disabled={busy || !profileDirty || creating}
                onClick={() => {
                  setDraft(initial);
                  setErrors({});
                }}
              >
                Revert
              </button>
              {saved && !profileDirty && (
                <span className="saved-note" data-testid="site-profile-saved" role="status">
                  Saved
                </span>
              )}
              {profileDirty && <span className="dirty-note">Unsaved changes</span>}
              {current?.facility_id != null && current.saved && !creating && (
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  data-testid="site-profile-remove"
                  onClick={() =>
                    setPending({
                      title: "Remove this facility’s profile",
                      label: "Remove its profile",
                      message: `Remove ${facilityName}’s own profile? Its requests will be checked against the portfolio’s profile again.`,
                      go: () => {
                        const id = current.facility_id;
                        if (id === null) return;
                        api
                          .deleteSiteProfile(id)
                          .then(() => Promise.all([loadList(), loadScope(scope)]))
                          .catch((e: unknown) => report(errorPayload(e)));
                      },
                    })
                  }
                >
                  Follow the portfolio’s profile
                </button>
              )}
              <span className="subtle push-right">Ctrl+Enter saves</span>
            </div>
          )}
        </form>
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
