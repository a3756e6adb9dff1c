// The one door to the Rust backend. The typed commands are generated from their
// declaration in Rust (./ipc.gen.ts); this file adds the error helpers, the file dialogs, the
// native menu's events and the window's title.
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import type { ErrorKind, ErrorPayload, SensitivityOptions } from "./bindings";
import { api, ERROR_KIND_VALUES } from "./ipc.gen";

export { api };

/** Whatever a command rejected with, as an ErrorPayload. */
export function errorPayload(e: unknown): ErrorPayload {
  if (typeof e === "object" && e !== null && "kind" in e && "message" in e) {
    const o = e as { kind: unknown; field?: unknown; message: unknown };
    if (typeof o.kind === "string" && (ERROR_KIND_VALUES as readonly string[]).includes(o.kind)) {
      return {
        kind: o.kind as ErrorKind,
        field: typeof o.field === "string" ? o.field : null,
        message: String(o.message),
      };
    }
  }
  return { kind: "io", field: null, message: e instanceof Error ? e.message : String(e) };
}

/** The last segment of a dotted field path ("input.unit_price" -> "unit_price"). */
export function fieldName(p: ErrorPayload): string | null {
  if (!p.field) return null;
  const parts = p.field.split(".");
  return parts[parts.length - 1] ?? null;
}

/** True when the error belongs next to a form field (validation or conflict on a named field). */
export function isFieldError(p: ErrorPayload, fields: readonly string[]): boolean {
  const f = fieldName(p);
  return (p.kind === "validation" || p.kind === "conflict") && f !== null && fields.includes(f);
}


export const DEFAULT_SENSITIVITY: SensitivityOptions = {
  samples: 10000,
  seed: 1,
  sampling: { kind: "uniform" },
  bounds: {},
  value_sd: {},
  sweep_steps: 100,
  tornado_delta: 0.1,
};

const FILTERS = [{ name: "Caliper portfolio", extensions: ["caliper"] }];

/** Asks for an existing portfolio file; null when cancelled. */
export async function pickPortfolioToOpen(): Promise<string | null> {
  const picked = await openDialog({ multiple: false, directory: false, filters: FILTERS });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a vendor's MDS2 form (the HN 1-2019 workbook, its PDF, or a CSV/text export); null when cancelled. */
export async function pickMds2File(): Promise<string | null> {
  const picked = await openDialog({
    multiple: false,
    directory: false,
    filters: [{ name: "MDS2 form", extensions: ["xlsx", "xls", "ods", "csv", "txt", "pdf"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a vendor's sample interface file (HL7 v2 messages, a FHIR Device); null when cancelled. */
export async function pickEvidenceFile(): Promise<string | null> {
  const picked = await openDialog({
    multiple: false,
    directory: false,
    title: "Add a sample interface file",
    filters: [{ name: "HL7 v2 or FHIR", extensions: ["hl7", "txt", "er7", "json", "xml"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a CMMS export (inventory or work orders: CSV, text or a workbook); null when cancelled. */
export async function pickInventoryFile(): Promise<string | null> {
  const picked = await openDialog({
    multiple: false,
    directory: false,
    title: "Import a CMMS export",
    filters: [{ name: "CMMS export", extensions: ["csv", "txt", "tsv", "xlsx", "xls", "ods"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks for an openFDA device recall file (JSON); null when cancelled. */
export async function pickRecallFile(): Promise<string | null> {
  const picked = await openDialog({
    multiple: false,
    directory: false,
    title: "Import FDA device recalls",
    filters: [{ name: "openFDA device recalls", extensions: ["json"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a folder to write the evaluators' score sheets into; null when cancelled. */
export async function pickScoreSheetFolder(): Promise<string | null> {
  const picked = await openDialog({ multiple: false, directory: true, title: "Folder for the score sheets" });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a returned score sheet (.xlsx or .csv); null when cancelled. */
export async function pickScoreSheet(): Promise<string | null> {
  const picked = await openDialog({
    multiple: false,
    directory: false,
    title: "Import a returned score sheet",
    filters: [{ name: "Score sheet", extensions: ["xlsx", "csv"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks where to save a request's PDF brief; null when cancelled. */
export async function pickBriefPath(title: string): Promise<string | null> {
  const name = `Brief - ${title.replace(/[\\/:*?"<>|]+/g, " ").trim()}.pdf`;
  return saveDialog({ filters: [{ name: "PDF document", extensions: ["pdf"] }], defaultPath: name });
}

/** Asks where to save the capital plan brief (.pdf) or its workbook (.xlsx). */
export async function pickPlanPath(first: number, last: number, kind: "pdf" | "xlsx"): Promise<string | null> {
  const years = first === last ? `FY${first}` : `FY${first}-FY${last}`;
  return saveDialog({
    filters: [kind === "pdf" ? { name: "PDF document", extensions: ["pdf"] } : { name: "Excel workbook", extensions: ["xlsx"] }],
    defaultPath: `Capital plan ${years}.${kind}`,
  });
}

/** Asks where to save a request's workbook (.xlsx) or ranked comparison (.csv). */
export async function pickDataPath(title: string): Promise<string | null> {
  const name = `${title.replace(/[\\/:*?"<>|]+/g, " ").trim()}.xlsx`;
  return saveDialog({
    filters: [
      { name: "Excel workbook", extensions: ["xlsx"] },
      { name: "CSV (ranked comparison)", extensions: ["csv"] },
    ],
    defaultPath: name,
  });
}

/** Asks where to save a fiscal year's capital summary. */
export async function pickSummaryPath(fiscalYear: number): Promise<string | null> {
  const name = `Capital summary FY${fiscalYear}.pdf`;
  return saveDialog({ filters: [{ name: "PDF document", extensions: ["pdf"] }], defaultPath: name });
}

/** Asks for a member hospital's portfolio or request package; null when cancelled. */
export async function pickMemberFile(): Promise<string | null> {
  const picked = await openDialog({
    multiple: false,
    directory: false,
    title: "Add a member's file",
    filters: [{ name: "Caliper portfolio or request package", extensions: ["caliper", "json"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks where the group's workspace file is (or is to be created); null when cancelled. */
export async function pickWorkspaceFile(): Promise<string | null> {
  return saveDialog({ filters: [{ name: "Group workspace", extensions: ["json"] }], defaultPath: "group-workspace.json" });
}

/** Asks where to save the group's negotiation brief (.pdf) or workbook (.xlsx). */
export async function pickGroupPath(kind: "pdf" | "xlsx"): Promise<string | null> {
  return saveDialog({
    filters: [kind === "pdf" ? { name: "PDF document", extensions: ["pdf"] } : { name: "Excel workbook", extensions: ["xlsx"] }],
    defaultPath: kind === "pdf" ? "Negotiation brief.pdf" : "Group purchasing.xlsx",
  });
}

/** Opens a file this session exported with the system's viewer (the backend refuses any other). */
export async function openFile(path: string): Promise<void> {
  await api.openExported(path);
}

/** Shows a file this session exported in the system's file manager (the backend refuses any other). */
export async function revealFile(path: string): Promise<void> {
  await api.revealExported(path);
}

/** Asks where to create a new portfolio file; null when cancelled. */
export async function pickPortfolioToCreate(): Promise<string | null> {
  return saveDialog({ filters: FILTERS, defaultPath: "Portfolio.caliper" });
}

/** Calls `handler` with the id of each native menu item chosen (File ▸ New… is "new"); returns the unsubscribe. */
export function onMenuItem(handler: (id: string) => void): () => void {
  const unlisten = listen<string>("menu", (e) => handler(e.payload));
  return () => void unlisten.then((stop) => stop());
}

/** Shows `title` as the window's title (and the document's, which WebDriver reads). */
export function setWindowTitle(title: string): void {
  document.title = title;
  getCurrentWindow()
    .setTitle(title)
    .catch(() => undefined);
}
