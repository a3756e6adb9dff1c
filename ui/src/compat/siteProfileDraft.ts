import type { SiteProfile } from "../bindings";
import { joinList, parseDays, splitList } from "./compat";

export interface Draft {
  p: SiteProfile;
  hl7: string;
  charsets: string;
  segments: string;
  resources: string;
  days: string;
}

export function draftOf(p: SiteProfile): Draft {
  return {
    p,
    hl7: joinList(p.hl7v2_versions),
    charsets: joinList(p.hl7v2_character_sets),
    segments: joinList(p.hl7v2_required_segments),
    resources: joinList(p.fhir_resources),
    days: p.patch_window_days === null ? "" : String(p.patch_window_days),
  };
}

export type Errors = Partial<Record<keyof SiteProfile, string>>;

export function profileOf(d: Draft): { profile: SiteProfile | null; errors: Errors } {
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
      hl7v2_character_sets: splitList(d.charsets),
      hl7v2_required_segments: splitList(d.segments),
      fhir_resources: splitList(d.resources),
      patch_window_days: days.value,
    },
    errors: {},
  };
}
