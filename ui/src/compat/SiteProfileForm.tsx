import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { api, errorPayload } from "../api";
import { affects, q, useApiMutation } from "../app/query";
import type { ErrorPayload, ScopedSiteProfile, SiteProfile } from "../bindings";
import { ErrorBanner, useReport } from "../components/report";
import { emptySiteProfile, profileFieldError } from "./compat";
import { type Draft, draftOf, type Errors, profileOf } from "./siteProfileDraft";
import { SiteProfileSections } from "./SiteProfileSections";

/** A question to confirm before `go` runs. */
export interface Pending {
  message: string;
  go: () => void;
  title?: string;
  label?: string;
}

/**
 * The profile of one scope. A facility that follows the portfolio's profile shows it read-only
 * until the user gives the facility its own.
 */
export function SiteProfileForm({
  current,
  onDirtyChange,
  setPending,
}: {
  current: ScopedSiteProfile;
  onDirtyChange: (dirty: boolean) => void;
  setPending: (p: Pending) => void;
}) {
  const follows = current.facility_id !== null && !current.saved;
  /** The profile in use for a facility without its own (the portfolio's), shown read-only. */
  const { data: portfolio } = useQuery({ ...q.siteProfile(null), enabled: follows });
  const inherited = follows ? (portfolio?.profile ?? null) : null;
  const initial = useMemo(() => draftOf(current.profile), [current]);
  const [edited, setEdited] = useState<Draft | null>(null);
  const draft = edited ?? initial;
  const [creating, setCreating] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const { save, busy, banner, setBanner } = useSaveSiteProfile(current, draft, setErrors, () => {
    setEdited(null);
    setCreating(false);
    setSaved(true);
  });

  const editable = current.facility_id === null || current.saved || creating;
  const profileDirty = editable && (creating || JSON.stringify(draft) !== JSON.stringify(initial));
  useEffect(() => onDirtyChange(profileDirty), [profileDirty, onDirtyChange]);

  const set = <K extends keyof SiteProfile>(k: K, v: SiteProfile[K]) => {
    setEdited((d) => ({ ...(d ?? initial), p: { ...(d ?? initial).p, [k]: v } }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
    setSaved(false);
  };
  const setText = (k: "hl7" | "charsets" | "segments" | "resources" | "days", field: keyof SiteProfile, v: string) => {
    setEdited((d) => ({ ...(d ?? initial), [k]: v }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
    setSaved(false);
  };
  const revert = () => {
    setEdited(null);
    setErrors({});
  };

  const facilityName = current.facility_id != null ? current.scope : null;
  const p: SiteProfile | null = editable ? draft.p : inherited;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (editable) void save();
  };

  return (
    <>
      <ScopeNotices
        current={current}
        creating={creating}
        onCreate={() => {
          setEdited(draftOf(inherited ?? emptySiteProfile()));
          setCreating(true);
          setSaved(false);
        }}
        onCancelCreate={() => {
          setCreating(false);
          revert();
        }}
      />
      {banner && <ErrorBanner error={banner} onDismiss={() => setBanner(null)} />}

      {!p ? (
        <p className="muted">Loading the profile…</p>
      ) : (
        <form
          className="form-card site-form"
          onSubmit={submit}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit(e);
          }}
          noValidate
          data-testid="site-profile-form"
        >
          <fieldset className="site-fieldset" disabled={!editable}>
            <SiteProfileSections p={p} draft={draft} editable={editable} errors={errors} set={set} setText={setText} />
          </fieldset>
          {editable && (
            <SiteProfileActions
              current={current}
              busy={busy}
              dirty={profileDirty}
              creating={creating}
              saved={saved}
              onRevert={revert}
              onFollow={(removeOwn) =>
                setPending({
                  title: "Remove this facility’s profile",
                  label: "Remove its profile",
                  message: `Remove ${facilityName}’s own profile? Its requests will be checked against the portfolio’s profile again.`,
                  go: () =>
                    void removeOwn().then(() => {
                      revert();
                      setSaved(false);
                      setBanner(null);
                    }),
                })
              }
            />
          )}
        </form>
      )}
    </>
  );
}

/** Saving the draft: field errors go next to their fields, other errors to the banner. */
function useSaveSiteProfile(current: ScopedSiteProfile, draft: Draft, setErrors: (e: Errors) => void, onSaved: () => void) {
  const mutation = useApiMutation(api.setSiteProfile, affects.siteProfile);
  const [banner, setBanner] = useState<ErrorPayload | null>(null);
  const save = async () => {
    if (mutation.isPending) return;
    const parsed = profileOf(draft);
    setErrors(parsed.errors);
    if (!parsed.profile) return;
    setBanner(null);
    try {
      await mutation.mutateAsync([current.facility_id, parsed.profile]);
      onSaved();
    } catch (err) {
      const p = errorPayload(err);
      const at = profileFieldError(p);
      if (at && at.field in emptySiteProfile()) setErrors({ [at.field]: at.message });
      else setBanner(p);
    }
  };
  return { save, busy: mutation.isPending, banner, setBanner };
}

function ScopeNotices({
  current,
  creating,
  onCreate,
  onCancelCreate,
}: {
  current: ScopedSiteProfile;
  creating: boolean;
  onCreate: () => void;
  onCancelCreate: () => void;
}) {
  const facilityName = current.facility_id != null ? current.scope : null;
  return (
    <>
      {current.facility_id !== null && !current.saved && !creating && (
        <div className="info-note follow-note" data-testid="site-follows-portfolio">
          <span>
            <strong>{facilityName}</strong> follows the portfolio’s profile, shown below. Give it its own when its network or EHR differs.
          </span>
          <button type="button" className="primary" data-testid="site-profile-own" onClick={onCreate}>
            Give this facility its own profile
          </button>
        </div>
      )}
      {creating && (
        <div className="notice">
          A new profile for <strong>{facilityName}</strong>, starting from the portfolio’s. It takes effect when you save it.{" "}
          <button type="button" className="small" onClick={onCancelCreate}>
            Cancel
          </button>
        </div>
      )}
    </>
  );
}

function SiteProfileActions({
  current,
  busy,
  dirty,
  creating,
  saved,
  onRevert,
  onFollow,
}: {
  current: ScopedSiteProfile;
  busy: boolean;
  dirty: boolean;
  creating: boolean;
  saved: boolean;
  onRevert: () => void;
  /** Asks before `removeOwn` removes the facility's own profile. */
  onFollow: (removeOwn: () => Promise<void>) => void;
}) {
  const report = useReport();
  const remove = useApiMutation(api.deleteSiteProfile, affects.siteProfile);
  const facilityName = current.facility_id != null ? current.scope : null;
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={busy || !dirty} data-testid="site-profile-save">
        {busy ? "Saving…" : creating ? `Save ${facilityName}’s profile` : "Save profile"}
      </button>
      <button type="button" disabled={busy || !dirty || creating} onClick={onRevert}>
        Revert
      </button>
      {saved && !dirty && (
        <span className="saved-note" data-testid="site-profile-saved" role="status">
          Saved
        </span>
      )}
      {dirty && <span className="dirty-note">Unsaved changes</span>}
      {current.facility_id != null && current.saved && !creating && (
        <button
          type="button"
          className="danger"
          disabled={busy}
          data-testid="site-profile-remove"
          onClick={() => {
            const id = current.facility_id;
            if (id === null) return;
            onFollow(() =>
              remove.mutateAsync([id]).then(
                () => undefined,
                (e: unknown) => report(errorPayload(e)),
              ),
            );
          }}
        >
          Follow the portfolio’s profile
        </button>
      )}
      <span className="subtle push-right">Ctrl+Enter saves</span>
    </div>
  );
}
