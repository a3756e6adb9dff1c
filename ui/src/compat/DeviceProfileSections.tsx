import type { DeviceProfile } from "../bindings";
import { CheckGroup, Field, TriSelect } from "../components/fields";
import {
  ADDRESSING,
  DIRECTORIES,
  EAP_METHODS,
  FHIR_RELEASES,
  IHE_PROFILES,
  IHE_TITLES,
  TLS_VERSIONS,
  WIFI_BANDS,
  WIFI_SECURITY,
} from "./compat";
import type { Draft, Errors } from "./deviceProfileDraft";

interface SectionProps {
  draft: Draft;
  errors: Errors;
  set: <K extends keyof DeviceProfile>(k: K, v: DeviceProfile[K]) => void;
  setText: (k: "hl7" | "resources" | "middleware" | "days", field: keyof DeviceProfile, v: string) => void;
}

/** The device profile's fields, in four sections. */
export function DeviceProfileSections(props: SectionProps) {
  return (
    <div className="profile-sections">
      <EhrSection {...props} />
      <NetworkSection {...props} />
      <AccessSection {...props} />
      <SupportSection {...props} />
    </div>
  );
}

function EhrSection({ draft, errors, set, setText }: SectionProps) {
  const p = draft.p;
  return (
    <fieldset className="profile-section">
      <legend>EHR and interfaces</legend>
      <Field label="HL7 v2 versions" error={errors.hl7v2_versions} hint="Comma-separated, e.g. 2.5.1, 2.6">
        <input value={draft.hl7} data-testid="device-field-hl7v2_versions" onChange={(e) => setText("hl7", "hl7v2_versions", e.target.value)} />
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
      <Field label="Middleware and interface engines validated with" error={errors.middleware} hint="Comma-separated, e.g. Capsule, Rhapsody">
        <input value={draft.middleware} onChange={(e) => setText("middleware", "middleware", e.target.value)} />
      </Field>
    </fieldset>
  );
}

function NetworkSection({ draft, errors, set }: SectionProps) {
  const p = draft.p;
  return (
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
      <CheckGroup legend="Wi-Fi bands" options={WIFI_BANDS} values={p.wifi_bands} onChange={(v) => set("wifi_bands", v)} error={errors.wifi_bands} />
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
      <CheckGroup legend="Addressing" options={ADDRESSING} values={p.addressing} onChange={(v) => set("addressing", v)} error={errors.addressing} />
    </fieldset>
  );
}

function AccessSection({ draft, errors, set }: SectionProps) {
  const p = draft.p;
  return (
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
  );
}

function SupportSection({ draft, errors, set, setText }: SectionProps) {
  const p = draft.p;
  return (
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
          <input type="date" value={p.os_end_of_support ?? ""} onChange={(e) => set("os_end_of_support", e.target.value || null)} />
        </Field>
        <Field label="Manufacturer supports the device until" error={errors.end_of_support}>
          <input type="date" value={p.end_of_support ?? ""} onChange={(e) => set("end_of_support", e.target.value || null)} />
        </Field>
      </div>
    </fieldset>
  );
}
