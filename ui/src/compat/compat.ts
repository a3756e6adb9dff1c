// Vocabulary and wording of the compatibility check, shared by the Compatibility tab, the
// device profile editor and the site IT profile page. Value lists and labels are generated
// from the Rust enums.
import type { Answer, Capability, CompatRule, CriterionSource, DeviceProfile, ErrorPayload, ListField, SiteFlag, SiteProfile } from "../bindings";
import { ANSWER_LABELS } from "../ipc.gen";

export {
  ADDRESSING_VALUES as ADDRESSING,
  AREA_LABELS as AREA_LABEL,
  AREA_VALUES as AREAS,
  DIRECTORY_VALUES as DIRECTORIES,
  EAP_METHOD_VALUES as EAP_METHODS,
  FHIR_RELEASE_VALUES as FHIR_RELEASES,
  IHE_PROFILE_TITLES as IHE_TITLES,
  IHE_PROFILE_VALUES as IHE_PROFILES,
  SEVERITY_LABELS as SEVERITY_LABEL,
  SEVERITY_VALUES as SEVERITIES,
  STATUS_LABELS as STATUS_LABEL,
  TLS_VERSION_VALUES as TLS_VERSIONS,
  WIFI_BAND_VALUES as WIFI_BANDS,
  WIFI_SECURITY_VALUES as WIFI_SECURITY,
} from "../ipc.gen";

export function answerLabel(a: Answer): string {
  return ANSWER_LABELS[a];
}

export function emptySiteProfile(): SiteProfile {
  return {
    ehr_product: "",
    ehr_version: "",
    interface_engine: "",
    middleware: "",
    hl7v2_versions: [],
    hl7v2_character_sets: [],
    hl7v2_required_segments: [],
    fhir_release: null,
    fhir_resources: [],
    ihe_profiles: [],
    wifi_bands: [],
    wifi_security: [],
    eap_methods: [],
    psk_forbidden: false,
    vlan_segmentation: false,
    addressing: null,
    min_tls: null,
    directory: null,
    sso_required: false,
    mfa_required: false,
    encryption_at_rest_required: false,
    patch_window_days: null,
    supported_os_required: false,
    sbom_required: false,
  };
}

/** True when the site profile requires nothing at all (every check is then not applicable). */
export function siteRequiresNothing(s: SiteProfile): boolean {
  return (
    s.hl7v2_versions.length === 0 &&
    s.hl7v2_character_sets.length === 0 &&
    s.hl7v2_required_segments.length === 0 &&
    s.fhir_resources.length === 0 &&
    s.ihe_profiles.length === 0 &&
    s.wifi_bands.length === 0 &&
    s.wifi_security.length === 0 &&
    s.eap_methods.length === 0 &&
    !s.middleware.trim() &&
    s.fhir_release === null &&
    s.addressing === null &&
    s.min_tls === null &&
    s.directory === null &&
    s.patch_window_days === null &&
    !s.psk_forbidden &&
    !s.vlan_segmentation &&
    !s.sso_required &&
    !s.mfa_required &&
    !s.encryption_at_rest_required &&
    !s.supported_os_required &&
    !s.sbom_required
  );
}

export function emptyDeviceProfile(): DeviceProfile {
  return {
    hl7v2_versions: [],
    fhir_releases: [],
    fhir_resources: [],
    ihe_profiles: [],
    middleware: [],
    wired: null,
    wifi_bands: [],
    wifi_security: [],
    eap_methods: [],
    vlan: null,
    addressing: [],
    max_tls: null,
    directory: [],
    sso: null,
    mfa: null,
    encryption_at_rest: null,
    sbom: null,
    vendor_patches: null,
    patch_validation_days: null,
    os: "",
    os_end_of_support: null,
    end_of_support: null,
  };
}

/** "2.5.1, 2.6" -> ["2.5.1", "2.6"]; empty items dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function joinList(items: readonly string[]): string {
  return items.join(", ");
}

/** Adds or removes one value of a checkbox group, keeping the vocabulary's order. */
export function toggleIn<T>(list: readonly T[], value: T, on: boolean, order: readonly T[]): T[] {
  const set = new Set(list);
  if (on) set.add(value);
  else set.delete(value);
  return order.filter((v) => set.has(v));
}

/** A whole number of days, or null when empty; an error message when neither. */
export function parseDays(text: string): { value: number | null } | { error: string } {
  const t = text.trim();
  if (t === "") return { value: null };
  if (!/^\d+$/.test(t)) return { error: "Enter a whole number of days, or leave it empty." };
  return { value: Number(t) };
}

/**
 * Where a validation error of a profile belongs: the top-level field (`hl7v2_versions`)
 * and the message, with the list position spelled out ("profile.hl7v2_versions[1]").
 */
export function profileFieldError(p: ErrorPayload): { field: string; message: string } | null {
  if (!p.field || (p.kind !== "validation" && p.kind !== "conflict")) return null;
  const path = p.field.replace(/^profile\.?/, "");
  const m = /^\.?([a-z0-9_]+)(?:\.?\[(\d+)\])?/.exec(path);
  if (!m || !m[1]) return null;
  const index = m[2] !== undefined ? Number(m[2]) : null;
  const message = index !== null && /^is\b/.test(p.message) ? `Item ${index + 1} ${p.message}` : p.message;
  return { field: m[1], message };
}

const LIST_ANY: Record<ListField, string> = {
  hl7v2_versions: "Device speaks one of the HL7 v2 versions the site accepts",
  fhir_release: "Device supports the site's FHIR release",
  fhir_resources: "Device exchanges one of the site's FHIR resources",
  ihe_profiles: "Device supports one of the site's IHE profiles",
  middleware: "Device is validated with the site's middleware",
  wifi_bands: "Device uses one of the site's Wi-Fi bands",
  wifi_security: "Device supports one of the Wi-Fi security modes the site accepts",
  eap_methods: "Device supports one of the site's 802.1X EAP methods",
  addressing: "Device supports the addressing the site insists on",
  directory: "Device takes its user accounts from the site's directory",
};

const LIST_ALL: Record<ListField, string> = {
  hl7v2_versions: "Device speaks every HL7 v2 version the site lists",
  fhir_release: "Device supports the site's FHIR release",
  fhir_resources: "Device exchanges every FHIR resource the site expects",
  ihe_profiles: "Device supports every IHE profile the site requires",
  middleware: "Device is validated with the site's middleware",
  wifi_bands: "Device uses every Wi-Fi band the site offers",
  wifi_security: "Device supports every Wi-Fi security mode the site lists",
  eap_methods: "Device supports every 802.1X EAP method the site lists",
  addressing: "Device supports the addressing the site insists on",
  directory: "Device takes its user accounts from the site's directory",
};

const FLAG_PHRASE: Record<SiteFlag, string> = {
  psk_forbidden: "pre-shared keys are forbidden",
  vlan_segmentation: "devices go on their own VLAN",
  sso_required: "the site requires it",
  mfa_required: "the site requires it",
  encryption_at_rest_required: "the site requires it",
  sbom_required: "the site requires it",
  supported_os_required: "the site requires it",
};

const CAPABILITY_PHRASE: Record<Capability, string> = {
  enterprise_wifi: "802.1X enterprise Wi-Fi (no pre-shared keys)",
  vlan: "VLAN segmentation",
  sso: "single sign-on",
  mfa: "multi-factor authentication",
  encryption_at_rest: "encryption of data at rest",
  sbom: "a software bill of materials (SBOM)",
  vendor_patches: "vendor-validated security patches",
  supported_os: "a supported operating system",
};

/** What a rule checks, in words (read-only in the rule table). */
export function describeCheck(rule: CompatRule): string {
  switch (rule.check) {
    case "any_of": {
      const base = LIST_ANY[rule.field];
      return rule.mds2 ? `${base} · MDS2 ${rule.mds2} if the profile does not say` : base;
    }
    case "all_of":
      return LIST_ALL[rule.field];
    case "required": {
      const base = `Device offers ${CAPABILITY_PHRASE[rule.capability]} when ${FLAG_PHRASE[rule.requirement]}`;
      const scored = rule.always_scored ? " · good practice otherwise" : "";
      const mds2 = rule.mds2 ? ` · MDS2 ${rule.mds2} if the profile does not say` : "";
      return base + scored + mds2;
    }
    case "min_tls":
      return "Device's highest TLS version is at least the site's minimum";
    case "patch_window":
      return "Vendor validates security patches within the site's patch window";
    case "support_through_life":
      return "Device and its operating system stay supported through the expected life";
    case "mds2":
      return `MDS2 ${rule.question} answered ${answerLabel(rule.expect)}`;
  }
}

/** A 0..100 score as shown: rounded to a whole number, "—" when there is none. */
export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? "—" : String(Math.round(score));
}

export function scoreClass(score: number | null | undefined): string {
  if (score === null || score === undefined) return "";
  return score >= 80 ? "score-hi" : score >= 50 ? "score-mid" : "score-lo";
}

/** A criterion computed from the compatibility check: measured, benefit, in points (0-100). */
export function isCompatSource(s: CriterionSource): boolean {
  return s === "ehr_score" || s === "network_score" || s === "security_score";
}
