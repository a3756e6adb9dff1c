import type { DeviceProfile } from "../bindings";
import { joinList, parseDays, splitList } from "./compat";

/** The profile as edited: free-text lists and the day count stay as typed until saved. */
export interface Draft {
  p: DeviceProfile;
  hl7: string;
  resources: string;
  middleware: string;
  days: string;
}

export function draftOf(p: DeviceProfile): Draft {
  return {
    p,
    hl7: joinList(p.hl7v2_versions),
    resources: joinList(p.fhir_resources),
    middleware: joinList(p.middleware),
    days: p.patch_validation_days === null ? "" : String(p.patch_validation_days),
  };
}

export type Errors = Partial<Record<keyof DeviceProfile, string>>;

/** The typed draft as a DeviceProfile, or the fields that do not parse. */
export function profileOf(d: Draft): { profile: DeviceProfile | null; errors: Errors } {
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
