import { createContext, useContext } from "react";
import type { ErrorPayload } from "../bindings";
import { ERROR_KIND_LABELS } from "../ipc.gen";

/** Reports a non-field error to the app's banner. */
export const ReportContext = createContext<(e: ErrorPayload) => void>(() => undefined);
export function useReport(): (e: ErrorPayload) => void {
  return useContext(ReportContext);
}


/** A notice that does not stop the work: the screen went on, the user may dismiss it. */
export function NoticeBanner({ notice, onDismiss }: { notice: string; onDismiss: () => void }) {
  return (
    <div className="banner banner-info" role="status">
      <span>{notice}</span>
      <button type="button" className="banner-close" onClick={onDismiss} aria-label="Dismiss notice">
        Dismiss
      </button>
    </div>
  );
}

export function ErrorBanner({ error, onDismiss }: { error: ErrorPayload; onDismiss: () => void }) {
  return (
    <div className="banner" role="alert">
      <strong>{ERROR_KIND_LABELS[error.kind]}.</strong> <span>{error.message}</span>
      <button type="button" className="banner-close" onClick={onDismiss} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}
