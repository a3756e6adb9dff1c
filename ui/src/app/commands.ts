// The application's commands, reached three ways: the native menu (its items' ids arrive
// as "menu" events), the keyboard shortcuts shown in the menu, and the window's own
// buttons. Where the platform's menu takes the shortcut itself the window never sees the
// key; where it does not (or both see it), one command run within a moment is run once.
import { useEffect, useRef } from "react";
import { onMenuItem } from "../api";

export type Command = "new" | "open" | "demo" | "export-brief" | "export-workbook" | "backups" | "documentation";

/** An Open Recent item's id: this prefix and the portfolio's path. */
const RECENT = "recent:";

/** The shortcuts the window handles itself, as the menu shows them. */
const SHORTCUTS: { key: string; shift: boolean; command: Command }[] = [
  { key: "n", shift: false, command: "new" },
  { key: "o", shift: false, command: "open" },
  { key: "e", shift: false, command: "export-brief" },
  { key: "e", shift: true, command: "export-workbook" },
];

export interface CommandHandlers {
  run: (command: Command) => void;
  openRecent: (path: string) => void;
}

/** Runs the commands of the menu and of the keyboard shortcuts. */
export function useAppCommands(handlers: CommandHandlers) {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    let last = { id: "", at: 0 };
    const once = (id: string, run: () => void) => {
      const now = Date.now();
      if (id === last.id && now - last.at < 400) return;
      last = { id, at: now };
      run();
    };
    const stopMenu = onMenuItem((id) => {
      if (id.startsWith(RECENT)) {
        const path = id.slice(RECENT.length);
        once(id, () => current.current.openRecent(path));
      } else if (isCommand(id)) {
        once(id, () => current.current.run(id));
      }
    });
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector(".modal-backdrop")) return;
      let command: Command | undefined;
      if (e.key === "F1") command = "documentation";
      else if ((e.ctrlKey || e.metaKey) && !e.altKey) {
        command = SHORTCUTS.find((s) => s.key === e.key.toLowerCase() && s.shift === e.shiftKey)?.command;
      }
      if (!command) return;
      e.preventDefault();
      const c = command;
      once(c, () => current.current.run(c));
    };
    window.addEventListener("keydown", onKey);
    return () => {
      stopMenu();
      window.removeEventListener("keydown", onKey);
    };
  }, []);
}

const COMMANDS: readonly string[] = ["new", "open", "demo", "export-brief", "export-workbook", "backups", "documentation"];

function isCommand(id: string): id is Command {
  return COMMANDS.includes(id);
}

/** The export buttons of the request (or the group purchasing page) on screen hear this. */
export const EXPORT_EVENT = "caliper:export";
export type ExportKind = "brief" | "workbook";

/** Asks the export buttons on screen to run; false when no request page (or group analysis) is open to hear it. */
export function requestExport(kind: ExportKind): boolean {
  if (!document.querySelector("[data-testid='export-brief'], [data-testid='gpo-export-brief']")) return false;
  window.dispatchEvent(new CustomEvent<ExportKind>(EXPORT_EVENT, { detail: kind }));
  return true;
}

/** Runs `onExport` when the menu or a shortcut asks for an export, unless `busy`. */
export function useExportRequests(onExport: (kind: ExportKind) => void, busy: boolean): void {
  useEffect(() => {
    const listener = (e: Event) => {
      if (!busy) onExport((e as CustomEvent<ExportKind>).detail);
    };
    window.addEventListener(EXPORT_EVENT, listener);
    return () => window.removeEventListener(EXPORT_EVENT, listener);
  });
}

/** The shortcuts, for the help dialog. */
export const SHORTCUT_HELP: [string, string][] = [
  ["Ctrl+N", "New portfolio"],
  ["Ctrl+O", "Open a portfolio"],
  ["Ctrl+E", "Export the open request's brief (PDF)"],
  ["Ctrl+Shift+E", "Export the open request's workbook"],
  ["Ctrl+Q", "Quit"],
  ["Alt+1 … Alt+8", "Switch a request's tabs"],
  ["Escape", "Leave a field, close a dialog, or go back to the requests"],
  ["F1", "This help"],
];
