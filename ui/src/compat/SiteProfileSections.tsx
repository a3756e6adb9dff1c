import type { SiteProfile } from "../bindings";
import { CheckGroup, Field } from "../components/fields";
import {
  DIRECTORIES,
  EAP_METHODS,
  FHIR_RELEASES,
  IHE_PROFILES,
  IHE_TITLES,
  joinList,
  TLS_VERSIONS,
  WIFI_BANDS,
  WIFI_SECURITY,
} from "./compat";
import type { Draft, Errors } from "./siteProfileDraft";

interface SectionProps {
  /** The profile shown: the draft's, or the inherited one (read-only). */
  p: SiteProfile;
  draft: Draft;
  editable: boolean;
  errors: Errors;
  set: <K extends keyof SiteProfile>(k: K, v: SiteProfile[K]) => void;
  setText: (k: "hl7" | "charsets" | "segments" | "resources" | "days", field: keyof SiteProfile, v: string) => void;
}

/** The site profile's fields, in four sections. */
export function SiteProfileSections(props: SectionProps) {
  return (
    <div className="profile-sections">
      <EhrSection {...props} />
      <NetworkSection {...props} />
      <IdentitySection {...props} />
      <SecuritySection {...props} />
    </div>
  );
}

function EhrSection({ p, draft, editable, errors, set, setText }: SectionProps) {
  return (
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
        <input
          value={editable ? draft.hl7 : joinList(p.hl7v2_versions)}
          onChange={(e) => setText("hl7", "hl7v2_versions", e.target.value)}
          data-testid="site-hl7v2_versions"
        />
      </Field>
      <div className="field-row">
        <Field label="HL7 v2 character sets accepted" error={errors.hl7v2_character_sets} hint="MSH-18, comma-separated, e.g. UNICODE UTF-8, ASCII">
          <input
            value={editable ? draft.charsets : joinList(p.hl7v2_character_sets)}
            onChange={(e) => setText("charsets", "hl7v2_character_sets", e.target.value)}
            data-testid="site-hl7v2_character_sets"
          />
        </Field>
        <Field label="Segments every message must carry" error={errors.hl7v2_required_segments} hint="Comma-separated, e.g. PID, PV1">
          <input
            value={editable ? draft.segments : joinList(p.hl7v2_required_segments)}
            onChange={(e) => setText("segments", "hl7v2_required_segments", e.target.value)}
            data-testid="site-hl7v2_required_segments"
          />
        </Field>
      </div>
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
          <input
            value={editable ? draft.resources : joinList(p.fhir_resources)}
            onChange={(e) => setText("resources", "fhir_resources", e.target.value)}
          />
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
  );
}

function NetworkSection({ p, errors, set }: SectionProps) {
  return (
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
          <input
            type="checkbox"
            checked={p.psk_forbidden}
            onChange={(e) => set("psk_forbidden", e.target.checked)}
            data-testid="site-psk_forbidden"
          />
          Pre-shared keys forbidden (WPA2-PSK, WPA3-SAE)
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={p.vlan_segmentation}
            onChange={(e) => set("vlan_segmentation", e.target.checked)}
            data-testid="site-vlan_segmentation"
          />
          VLAN segmentation required
        </label>
      </div>
      <div className="field-row">
        <Field label="Addressing" error={errors.addressing}>
          <select
            value={p.addressing ?? ""}
            onChange={(e) => set("addressing", e.target.value === "" ? null : (e.target.value as SiteProfile["addressing"]))}
          >
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
  );
}

function IdentitySection({ p, errors, set }: SectionProps) {
  return (
    <fieldset className="profile-section">
      <legend>Identity</legend>
      <Field label="Directory for user accounts" error={errors.directory}>
        <select
          value={p.directory ?? ""}
          onChange={(e) => set("directory", e.target.value === "" ? null : (e.target.value as SiteProfile["directory"]))}
        >
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
  );
}

function SecuritySection({ p, draft, editable, errors, set, setText }: SectionProps) {
  return (
    <fieldset className="profile-section">
      <legend>Security baseline</legend>
      <div className="check-stack">
        <label className="check">
          <input type="checkbox" checked={p.encryption_at_rest_required} onChange={(e) => set("encryption_at_rest_required", e.target.checked)} />
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
  );
}
