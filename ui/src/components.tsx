import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import type { ErrorPayload, RequestStatus } from "./bindings";
import { statusLabel } from "./format";

/** Reports a non-field error to the app's banner. */
export const ReportContext = createContext<(e: ErrorPayload) => void>(() => undefined);
export function useReport(): (e: ErrorPayload) => void {
  return useContext(ReportContext);
}

const KIND_TITLES: Record<ErrorPayload["kind"], string> = {
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

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span className={`badge badge-${status}`}>{statusLabel(status)}</span>;
}

/** A labelled form field with its inline message. */
export function Field({
  label,
  error,
  hint,
  children,
  wide,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <label className={`field${wide ? " field-wide" : ""}${error ? " field-invalid" : ""}`}>
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </label>
  );
}

/** A modal confirmation; Escape or Cancel closes it, focus starts on Cancel. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => prev?.focus?.();
  }, []);
  return (
    <div
      className="modal-backdrop"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onCancel();
        } else if (e.key === "Tab") {
          // Keep focus inside the dialog while it is open.
          const buttons = Array.from(e.currentTarget.querySelectorAll("button"));
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          const next = buttons[(i + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length];
          e.preventDefault();
          next?.focus();
        }
      }}
    >
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{title}</h2>
        <p>{message}</p>
        <div className="modal-actions">
          <button type="button" ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h3>{title}</h3>
      {children}
    </div>
  );
}
