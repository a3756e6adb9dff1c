// What the Group view works on: the member files, the workspace file and the options. Kept
// for the session (sessionStorage), so leaving the page and coming back keeps the list;
// the analysis itself is always the engine's, read again from the files.
import { useEffect, useState } from "react";
import type { GroupMember, GroupOptions } from "../bindings";

export interface GroupSetup {
  members: GroupMember[];
  workspace: string | null;
  options: GroupOptions;
}

const KEY = "caliper.group";
export const NO_OPTIONS: GroupOptions = { currency: null, rates: [], index_percent: null, index_values: [] };

function load(): GroupSetup {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw) {
      const s = JSON.parse(raw) as Partial<GroupSetup>;
      return { members: s.members ?? [], workspace: s.workspace ?? null, options: { ...NO_OPTIONS, ...s.options } };
    }
  } catch {
    // A list that does not read is an empty one.
  }
  return { members: [], workspace: null, options: NO_OPTIONS };
}

export function useGroupSetup(): [GroupSetup, (next: GroupSetup) => void] {
  const [setup, setSetup] = useState<GroupSetup>(load);
  useEffect(() => {
    sessionStorage.setItem(KEY, JSON.stringify(setup));
  }, [setup]);
  return [setup, setSetup];
}

/** The file's name without its folder. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}
