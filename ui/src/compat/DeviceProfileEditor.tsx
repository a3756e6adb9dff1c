import { type FormEvent, useEffect, useState } from "react";
import { api, errorPayload } from "../api";
import type { DeviceProfile, ErrorPayload } from "../bindings";
import {
  ADDRESSING,
  DIRECTORIES,
  EAP_METHODS,
  emptyDeviceProfile,
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
import { CheckGroup, ConfirmDialog, ErrorBanner, Field, Modal, TriSelect } from "../components/components";

/** The profile as edited: free-text lists and the day count stay as typed until saved. */
interface Draft {
  p: DeviceProfile;
  hl7: string;
  resources: string;
  middleware: string;
  days: string;
}

function draftOf(p: DeviceProfile): Draft {
  return {
    p,
    hl7: joinList(p.hl7v2_versions),
    resources: joinList(p.fhir_resources),
    middleware: joinList(p.middleware),
    days: p.patch_validation_days === null ? "" : String(p.patch_validation_days),
  };
}

type Errors = Partial<Record<keyof DeviceProfile, string>>;

/** The typed draft as a DeviceProfile, or the fields that do not parse. */
function profileOf(d: Draft): { profile: DeviceProfile | null; errors: Errors } {
  const days = parseDays(d.days);
  if ("error" in days) return { profile: null, errors: { patch_validation_days: days.error } };
  return {
    profile: {
      ...d.p,
      hl7v2_versions: splitList(d.hl7),
      fhir_resources: splitList(d.resources),
      middleware: splitList(d.middleware),
      patch_validation_days: days.value,
      os: d.p.os.trim(),
    },
    errors: {},
  };
}

export function DeviceProfileEditor({
  candidateId,
  label,
  onClose,
  onSaved,
}: {
  candidateId: number;
  label: string;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const [initial, setInitial] = useState<Draft | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [exists, setExists] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .getDeviceProfile(candidateId)
      .then((p) => {
        if (!live) return;
        const d = draftOf(p ?? emptyDeviceProfile());
        setExists(p !== null);
        setInitial(d);
        setDraft(d);
      })
      .catch((e: unknown) => live && setBanner(errorPayload(e)));
    return () => {
      live = false;
    };
  }, [candidateId]);

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
    setDraft((d) => (d ? { ...d, p: { ...d.p, [k]: v } } : d));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const setText = (k: "hl7" | "resources" | "middleware" | "days", field: keyof DeviceProfile, v: string) => {
    setDraft((d) => (d ? { ...d, [k]: v } : d));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!draft || busy) return;
    const parsed = profileOf(draft);
    setErrors(parsed.errors);
    if (!parsed.profile) return;
    setBusy(true);
    setBanner(null);
    try {
      await api.setDeviceProfile(candidateId, parsed.profile);
      await onSaved();
      onClose();
    } catch (err) {
      const p = errorPayload(err);
      const at = profileFieldError(p);
      if (at && at.field in emptyDeviceProfile()) setErrors({ [at.field]: at.message });
      else setBanner(p);
    } finally {
      setBusy(false);
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
        {banner && <ErrorBanner error={banner} onDismiss={() => setBanner(null)} />}
        {!draft || !p ? (
          <p className="muted">Loading the profile…</p>
        ) : (
          <form onSubmit={(e) => void save(e)} noValidate>
            <div className="profile-sections">
              <fieldset className="profile-section">
                <legend>EHR and interfaces</legend>
                <Field label="HL7 v2 versions" error={errors.hl7v2_versions} hint="Comma-separated, e.g. 2.5.1, 2.6">
                  <input
                    value={draft.hl7}
                    data-testid="device-field-hl7v2_versions"
                    onChange={(e) => setText("hl7", "hl7v2_versions", e.target.value)}
                  />
                </Field>
                <CheckGroup
                  legend="FHIR releases"
                  options={FHIR_RELEASES}
                  values={p.fhir_releases}
                  onChange={(v) => set("fhir_releases", v)}
                  error={errors.fhir_releases}
                />
                <Field label="FHIR resources" error={errors.fhir_resources} hint="Comma-separated, e.g. Observation, Device">
                  <input value={draft.resources} onChange={(e) => setText("resources", "fhir_resources", e.target.value)} />
                </Field>
                <CheckGroup
                  legend="IHE Devices profiles"
                  options={IHE_PROFILES}
                  values={p.ihe_profiles}
                  titles={IHE_TITLES}
                  onChange={(v) => set("ihe_profiles", v)}
                  error={errors.ihe_profiles}
                />
                <Field
                  label="Middleware and interface engines validated with"
                  error={errors.middleware}
                  hint="Comma-separated, e.g. Capsule, Rhapsody"
                >
                  <input value={draft.middleware} onChange={(e) => setText("middleware", "middleware", e.target.value)} />
                </Field>
              </fieldset>

              <fieldset className="profile-section">
                <legend>Network</legend>
                <div className="field-row">
                  <Field label="Wired network port" error={errors.wired}>
                    <TriSelect value={p.wired} onChange={(v) => set("wired", v)} />
                  </Field>
                  <Field label="VLAN segmentation" error={errors.vlan}>
                    <TriSelect value={p.vlan} onChange={(v) => set("vlan", v)} />
                  </Field>
                  <Field label="Highest TLS version" error={errors.max_tls}>
                    <select
                      value={p.max_tls ?? ""}
                      className={p.max_tls === null ? "unstated" : ""}
                      onChange={(e) => set("max_tls", e.target.value === "" ? null : (e.target.value as DeviceProfile["max_tls"]))}
                    >
                      <option value="">Not stated</option>
                      {TLS_VERSIONS.map((v) => (
                        <option key={v} value={v}>
                          TLS {v}
                        </option>
                      ))}
                    </select>
                  </Field>
                </div>
                <CheckGroup
                  legend="Wi-Fi bands"
                  options={WIFI_BANDS}
                  values={p.wifi_bands}
                  onChange={(v) => set("wifi_bands", v)}
                  error={errors.wifi_bands}
                />
                <CheckGroup
                  legend="Wi-Fi security"
                  options={WIFI_SECURITY}
                  values={p.wifi_security}
                  onChange={(v) => set("wifi_security", v)}
                  error={errors.wifi_security}
                />
                <CheckGroup
                  legend="802.1X EAP methods"
                  options={EAP_METHODS}
                  values={p.eap_methods}
                  onChange={(v) => set("eap_methods", v)}
                  error={errors.eap_methods}
                  testIdPrefix="device-eap-"
                />
                <CheckGroup
                  legend="Addressing"
                  options={ADDRESSING}
                  values={p.addressing}
                  onChange={(v) => set("addressing", v)}
                  error={errors.addressing}
                />
              </fieldset>

              <fieldset className="profile-section">
                <legend>Identity and access</legend>
                <CheckGroup
                  legend="User accounts from a directory"
                  options={DIRECTORIES}
                  values={p.directory}
                  onChange={(v) => set("directory", v)}
                  error={errors.directory}
                />
                <div className="field-row">
                  <Field label="Single sign-on" error={errors.sso}>
                    <TriSelect value={p.sso} onChange={(v) => set("sso", v)} />
                  </Field>
                  <Field label="Multi-factor authentication" error={errors.mfa}>
                    <TriSelect value={p.mfa} onChange={(v) => set("mfa", v)} />
                  </Field>
                </div>
              </fieldset>

              <fieldset className="profile-section">
                <legend>Security and support</legend>
                <div className="field-row">
                  <Field label="Encryption at rest" error={errors.encryption_at_rest}>
                    <TriSelect value={p.encryption_at_rest} onChange={(v) => set("encryption_at_rest", v)} />
                  </Field>
                  <Field label="SBOM available" error={errors.sbom}>
                    <TriSelect value={p.sbom} onChange={(v) => set("sbom", v)} />
                  </Field>
                  <Field label="Vendor supplies patches" error={errors.vendor_patches}>
                    <TriSelect value={p.vendor_patches} onChange={(v) => set("vendor_patches", v)} />
                  </Field>
                </div>
                <div className="field-row">
                  <Field label="Patch validation" error={errors.patch_validation_days} hint="Days the vendor takes">
                    <span className="input-suffix">
                      <input
                        className="num days-input"
                        inputMode="numeric"
                        value={draft.days}
                        onChange={(e) => setText("days", "patch_validation_days", e.target.value)}
                      />
                      <span className="unit">days</span>
                    </span>
                  </Field>
                  <Field label="Operating system" error={errors.os} wide>
                    <input value={p.os} onChange={(e) => set("os", e.target.value)} placeholder="e.g. Windows 10 IoT Enterprise LTSC 2021" />
                  </Field>
                </div>
                <div className="field-row">
                  <Field label="Operating system supported until" error={errors.os_end_of_support}>
                    <input
                      type="date"
                      value={p.os_end_of_support ?? ""}
                      onChange={(e) => set("os_end_of_support", e.target.value || null)}
                    />
                  </Field>
                  <Field label="Manufacturer supports the device until" error={errors.end_of_support}>
                    <input
                      type="date"
                      value={p.end_of_support ?? ""}
                      onChange={(e) => set("end_of_support", e.target.value || null)}
                    />
                  </Field>
                </div>
              </fieldset>
            </div>
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
