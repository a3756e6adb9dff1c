import { createContext, useContext } from "react";
import type { ErrorPayload } from "../bindings";

/** Reports a non-field error to the app's banner. */
export const ReportContext = createContext<(e: ErrorPayload) => void>(() => undefined);
export function useReport(): (e: ErrorPayload) => void {
  return useContext(ReportContext);
}

export const KIND_TITLES: Record<ErrorPayload["kind"], string> = {
  validation: "Not saved",
  not_found: "Not found",
  conflict: "Conflict",
  not_a_portfolio: "Not a Caliper portfolio",
  newer_schema: "Portfolio from a newer Caliper",
  parse: "Unreadable data",
  io: "File error",
  storage: "Storage error",
  cancelled: "Cancelled",
};

export function ErrorBanner({ error, onDismiss }: { error: ErrorPayload; onDismiss: () => void }) {
  return (
    <div className="banner" role="alert">
      <strong>{KIND_TITLES[error.kind]}.</strong> <span>{error.message}</span>
      <button type="button" className="banner-close" onClick={onDismiss} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}
