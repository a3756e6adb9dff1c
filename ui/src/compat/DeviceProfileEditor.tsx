import { type FormEvent, useEffect, useMemo, useState } from "react";
import { api, errorPayload } from "../api";
import type { DeviceProfile, ErrorPayload } from "../bindings";
import { emptyDeviceProfile, profileFieldError } from "./compat";
import { ConfirmDialog, Modal } from "../components/dialogs";
import { ErrorBanner } from "../components/report";
import { type Draft, draftOf, type Errors, profileOf } from "./deviceProfileDraft";
import { DeviceProfileSections } from "./DeviceProfileSections";
import { affects, q, useApiMutation } from "../app/query";
import { useQuery } from "@tanstack/react-query";

export function DeviceProfileEditor({
  candidateId,
  label,
  onClose,
}: {
  candidateId: number;
  label: string;
  onClose: () => void;
}) {
  const { initial, draft, update, exists, loadError } = useDeviceProfileDraft(candidateId);
  const saveProfile = useApiMutation(api.setDeviceProfile, affects.deviceProfile);
  const [errors, setErrors] = useState<Errors>({});
  const [saveError, setBanner] = useState<ErrorPayload | null>(null);
  const [loadErrorDismissed, setLoadErrorDismissed] = useState(false);
  const banner = saveError ?? (loadError && !loadErrorDismissed ? loadError : null);
  const busy = saveProfile.isPending;
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  // Once loaded, start in the first field (unless the user has already moved on).
  const loaded = draft !== null;
  useEffect(() => {
    if (!loaded) return;
    const box = document.querySelector<HTMLElement>("[data-testid='device-profile-editor']");
    if (document.activeElement === box || document.activeElement === document.body) {
      document.querySelector<HTMLElement>("[data-testid='device-field-hl7v2_versions']")?.focus();
    }
  }, [loaded]);

  const dirty = draft !== null && initial !== null && JSON.stringify(draft) !== JSON.stringify(initial);
  const close = () => (dirty ? setConfirmDiscard(true) : onClose());

  const set = <K extends keyof DeviceProfile>(k: K, v: DeviceProfile[K]) => {
    update((d) => ({ ...d, p: { ...d.p, [k]: v } }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const setText = (k: "hl7" | "resources" | "middleware" | "days", field: keyof DeviceProfile, v: string) => {
    update((d) => ({ ...d, [k]: v }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!draft || busy) return;
    const parsed = profileOf(draft);
    setErrors(parsed.errors);
    if (!parsed.profile) return;
    setBanner(null);
    try {
      await saveProfile.mutateAsync([candidateId, parsed.profile]);
      onClose();
    } catch (err) {
      const p = errorPayload(err);
      const at = profileFieldError(p);
      if (at && at.field in emptyDeviceProfile()) setErrors({ [at.field]: at.message });
      else setBanner(p);
    }
  };

  const p = draft?.p;
  return (
    <>
      <Modal
        title={`${exists ? "Edit" : "Add"} device profile: ${label}`}
        onClose={close}
        testId="device-profile-editor"
        initialFocus="[data-testid='device-field-hl7v2_versions']"
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <p className="muted">
          What the vendor states the device supports, in the site profile’s terms. Leave a point <em>Not stated</em> (or a
          list empty) when the vendor has not said: where a rule names an MDS2 question, the form’s answer is used instead;
          otherwise the point shows as unconfirmed.
        </p>
        {banner && <ErrorBanner error={banner} onDismiss={() => {
              setBanner(null);
              setLoadErrorDismissed(true);
            }} />}
        {!draft || !p ? (
          <p className="muted">Loading the profile…</p>
        ) : (
          <form onSubmit={(e) => void save(e)} noValidate>
            <DeviceProfileSections draft={draft} errors={errors} set={set} setText={setText} />
            <div className="modal-actions">
              <span className="subtle push-left">Ctrl+Enter saves · Esc closes</span>
              <button type="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={busy} data-testid="device-profile-save">
                {busy ? "Saving…" : "Save profile"}
              </button>
            </div>
          </form>
        )}
      </Modal>
      {confirmDiscard && (
        <ConfirmDialog
          title="Discard changes"
          message={`Close the profile of ${label} without saving your changes?`}
          confirmLabel="Discard changes"
          onCancel={() => setConfirmDiscard(false)}
          onConfirm={() => {
            setConfirmDiscard(false);
            onClose();
          }}
        />
      )}
    </>
  );
}

/** The candidate's saved profile (an empty one when it has none) as a draft, and the draft typed over it. */
function useDeviceProfileDraft(candidateId: number) {
  const { data: saved, isSuccess, error } = useQuery(q.deviceProfile(candidateId));
  const initial = useMemo(() => (isSuccess ? draftOf(saved ?? emptyDeviceProfile()) : null), [isSuccess, saved]);
  const [edited, setEdited] = useState<Draft | null>(null);
  const update = (change: (d: Draft) => Draft) =>
    setEdited((d) => {
      const base = d ?? initial;
      return base ? change(base) : d;
    });
  return { initial, draft: edited ?? initial, update, exists: saved != null, loadError: error ? errorPayload(error) : null };
}
