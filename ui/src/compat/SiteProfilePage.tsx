import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorPayload } from "../api";
import type { ErrorPayload, Facility, ScopedSiteProfile, SiteProfile } from "../bindings";
import {
  DIRECTORIES,
  EAP_METHODS,
  emptySiteProfile,
  FHIR_RELEASES,
  IHE_PROFILES,
  IHE_TITLES,
  joinList,
  parseDays,
  profileFieldError,
  splitList,
  TLS_VERSIONS,
  WIFI_BANDS,
  WIFI_SECURITY,
} from "./compat";
import { CheckGroup, ConfirmDialog, ErrorBanner, Field, useReport } from "../components/components";
import { CompatRulesEditor } from "./CompatRules";
import { navigate } from "../app/route";

interface Draft {
  p: SiteProfile;
  hl7: string;
  resources: string;
  days: string;
}

function draftOf(p: SiteProfile): Draft {
  return {
    p,
    hl7: joinList(p.hl7v2_versions),
    resources: joinList(p.fhir_resources),
    days: p.patch_window_days === null ? "" : String(p.patch_window_days),
  };
}

type Errors = Partial<Record<keyof SiteProfile, string>>;

function profileOf(d: Draft): { profile: SiteProfile | null; errors: Errors } {
  const days = parseDays(d.days);
  if ("error" in days) return { profile: null, errors: { patch_window_days: days.error } };
  return {
    profile: {
      ...d.p,
      ehr_product: d.p.ehr_product.trim(),
      ehr_version: d.p.ehr_version.trim(),
      interface_engine: d.p.interface_engine.trim(),
      middleware: d.p.middleware.trim(),
      hl7v2_versions: splitList(d.hl7),
      fhir_resources: splitList(d.resources),
      patch_window_days: days.value,
    },
    errors: {},
  };
}

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
            <div className="profile-sections">
              <fieldset className="profile-section">
                <legend>EHR and interfaces</legend>
                <div className="field-row">
                  <Field label="EHR product" error={errors.ehr_product}>
                    <input value={p.ehr_product} onChange={(e) => set("ehr_product", e.target.value)} placeholder="e.g. Epic" data-testid="site-ehr_product" />
                  </Field>
                  <Field label="EHR version" error={errors.ehr_version}>
                    <input value={p.ehr_version} onChange={(e) => set("ehr_version", e.target.value)} />
                  </Field>
                </div>
                <div className="field-row">
                  <Field label="Interface engine" error={errors.interface_engine}>
                    <input value={p.interface_engine} onChange={(e) => set("interface_engine", e.target.value)} placeholder="e.g. Rhapsody" />
                  </Field>
                  <Field label="Device-integration middleware" error={errors.middleware}>
                    <input value={p.middleware} onChange={(e) => set("middleware", e.target.value)} placeholder="e.g. Capsule" />
                  </Field>
                </div>
                <Field label="HL7 v2 versions accepted" error={errors.hl7v2_versions} hint="Comma-separated, e.g. 2.5.1, 2.6">
                  <input value={editable ? draft.hl7 : joinList(p.hl7v2_versions)} onChange={(e) => setText("hl7", "hl7v2_versions", e.target.value)} data-testid="site-hl7v2_versions" />
                </Field>
                <div className="field-row">
                  <Field label="FHIR release" error={errors.fhir_release}>
                    <select
                      value={p.fhir_release ?? ""}
                      onChange={(e) => set("fhir_release", e.target.value === "" ? null : (e.target.value as SiteProfile["fhir_release"]))}
                    >
                      <option value="">None</option>
                      {FHIR_RELEASES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label="FHIR resources" error={errors.fhir_resources} hint="Comma-separated, e.g. Observation, Device">
                    <input value={editable ? draft.resources : joinList(p.fhir_resources)} onChange={(e) => setText("resources", "fhir_resources", e.target.value)} />
                  </Field>
                </div>
                <CheckGroup
                  legend="Required IHE Devices profiles"
                  options={IHE_PROFILES}
                  values={p.ihe_profiles}
                  titles={IHE_TITLES}
                  onChange={(v) => set("ihe_profiles", v)}
                  error={errors.ihe_profiles}
                  testIdPrefix="site-ihe-"
                />
              </fieldset>

              <fieldset className="profile-section">
                <legend>Network</legend>
                <CheckGroup
                  legend="Wi-Fi bands offered"
                  options={WIFI_BANDS}
                  values={p.wifi_bands}
                  onChange={(v) => set("wifi_bands", v)}
                  error={errors.wifi_bands}
                  testIdPrefix="site-band-"
                />
                <CheckGroup
                  legend="Wi-Fi security accepted"
                  options={WIFI_SECURITY}
                  values={p.wifi_security}
                  onChange={(v) => set("wifi_security", v)}
                  error={errors.wifi_security}
                  testIdPrefix="site-wifi-"
                />
                <CheckGroup
                  legend="802.1X EAP methods accepted"
                  options={EAP_METHODS}
                  values={p.eap_methods}
                  onChange={(v) => set("eap_methods", v)}
                  error={errors.eap_methods}
                  hint="A device must support one of them."
                  testIdPrefix="site-eap-"
                />
                <div className="check-stack">
                  <label className="check">
                    <input type="checkbox" checked={p.psk_forbidden} onChange={(e) => set("psk_forbidden", e.target.checked)} data-testid="site-psk_forbidden" />
                    Pre-shared keys forbidden (WPA2-PSK, WPA3-SAE)
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={p.vlan_segmentation} onChange={(e) => set("vlan_segmentation", e.target.checked)} data-testid="site-vlan_segmentation" />
                    VLAN segmentation required
                  </label>
                </div>
                <div className="field-row">
                  <Field label="Addressing" error={errors.addressing}>
                    <select value={p.addressing ?? ""} onChange={(e) => set("addressing", e.target.value === "" ? null : (e.target.value as SiteProfile["addressing"]))}>
                      <option value="">Any</option>
                      <option value="DHCP">DHCP</option>
                      <option value="static">Static</option>
                    </select>
                  </Field>
                  <Field label="Minimum TLS" error={errors.min_tls}>
                    <select value={p.min_tls ?? ""} onChange={(e) => set("min_tls", e.target.value === "" ? null : (e.target.value as SiteProfile["min_tls"]))}>
                      <option value="">None</option>
                      {TLS_VERSIONS.map((v) => (
                        <option key={v} value={v}>
                          TLS {v}
                        </option>
                      ))}
                    </select>
                  </Field>
                </div>
              </fieldset>

              <fieldset className="profile-section">
                <legend>Identity</legend>
                <Field label="Directory for user accounts" error={errors.directory}>
                  <select value={p.directory ?? ""} onChange={(e) => set("directory", e.target.value === "" ? null : (e.target.value as SiteProfile["directory"]))}>
                    <option value="">None required</option>
                    {DIRECTORIES.map((d) => (
                      <option key={d} value={d}>
                        {d}
                      </option>
                    ))}
                  </select>
                </Field>
                <div className="check-stack">
                  <label className="check">
                    <input type="checkbox" checked={p.sso_required} onChange={(e) => set("sso_required", e.target.checked)} />
                    Single sign-on required
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={p.mfa_required} onChange={(e) => set("mfa_required", e.target.checked)} />
                    Multi-factor authentication required
                  </label>
                </div>
              </fieldset>

              <fieldset className="profile-section">
                <legend>Security baseline</legend>
                <div className="check-stack">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={p.encryption_at_rest_required}
                      onChange={(e) => set("encryption_at_rest_required", e.target.checked)}
                    />
                    Encryption of data at rest required
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={p.supported_os_required} onChange={(e) => set("supported_os_required", e.target.checked)} />
                    Operating system supported by its maker required
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={p.sbom_required} onChange={(e) => set("sbom_required", e.target.checked)} />
                    Software bill of materials (SBOM) required
                  </label>
                </div>
                <Field label="Patch window" error={errors.patch_window_days} hint="Days within which the vendor must validate a security patch; empty for none">
                  <span className="input-suffix">
                    <input
                      className="num days-input"
                      inputMode="numeric"
                      value={editable ? draft.days : p.patch_window_days === null ? "" : String(p.patch_window_days)}
                      onChange={(e) => setText("days", "patch_window_days", e.target.value)}
                      data-testid="site-patch_window_days"
                    />
                    <span className="unit">days</span>
                  </span>
                </Field>
              </fieldset>
            </div>
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
