import {
  createContext,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  useContext,
  useEffect,
  useRef,
} from "react";
import type { ErrorPayload, RequestStatus } from "../bindings";
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

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: Escape closes it (through `onClose`), Tab stays inside, focus returns to
 * where it was when it closes. `initialFocus` is a selector inside the dialog.
 */
export function Modal({
  title,
  onClose,
  children,
  size = "large",
  initialFocus,
  onKeyDown,
  testId,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  size?: "normal" | "large";
  initialFocus?: string;
  onKeyDown?: (e: ReactKeyboardEvent<HTMLDivElement>) => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useRef(`modal-title-${Math.random().toString(36).slice(2, 8)}`).current;
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const box = ref.current;
    // The dialog itself when nothing inside can take focus yet (its content still loading).
    const first = (initialFocus ? box?.querySelector<HTMLElement>(initialFocus) : null) ?? box?.querySelector<HTMLElement>(FOCUSABLE) ?? box;
    first?.focus();
    return () => prev?.focus?.();
    // Focus once, when the dialog opens.
  }, []);
  return (
    <div
      className={`modal-backdrop${size === "large" ? " modal-backdrop-top" : ""}`}
      onKeyDown={(e) => {
        onKeyDown?.(e);
        if (e.defaultPrevented) return;
        if (e.key === "Escape") {
          e.stopPropagation();
          e.preventDefault();
          onClose();
        } else if (e.key === "Tab") {
          const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
          if (items.length === 0) return;
          const i = items.indexOf(document.activeElement as HTMLElement);
          const last = items.length - 1;
          if (e.shiftKey && (i === 0 || i === -1)) {
            e.preventDefault();
            items[last]?.focus();
          } else if (!e.shiftKey && (i === last || i === -1)) {
            e.preventDefault();
            items[0]?.focus();
          }
        }
      }}
    >
      <div
        ref={ref}
        className={`modal${size === "large" ? " modal-large" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        tabIndex={-1}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** A group of checkboxes (one value each) under a legend, with its inline message. */
export function CheckGroup<T extends string>({
  legend,
  options,
  values,
  onChange,
  error,
  hint,
  testIdPrefix,
  titles,
  disabled,
}: {
  legend: string;
  options: readonly T[];
  values: readonly T[];
  onChange: (next: T[]) => void;
  error?: string | undefined;
  hint?: string;
  testIdPrefix?: string;
  titles?: Partial<Record<T, string>>;
  disabled?: boolean;
}) {
  return (
    <fieldset className={`field check-group${error ? " field-invalid" : ""}`} disabled={disabled}>
      <legend className="field-label">{legend}</legend>
      <div className="check-options">
        {options.map((o) => (
          <label key={o} className="check" title={titles?.[o]}>
            <input
              type="checkbox"
              checked={values.includes(o)}
              data-testid={testIdPrefix ? `${testIdPrefix}${o}` : undefined}
              onChange={(e) => {
                const set = new Set(values);
                if (e.target.checked) set.add(o);
                else set.delete(o);
                onChange(options.filter((v) => set.has(v)));
              }}
            />
            {o}
          </label>
        ))}
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </fieldset>
  );
}

/** Yes / No / not stated, for a capability the vendor may not have declared. */
export function TriSelect({
  value,
  onChange,
  testId,
}: {
  value: boolean | null;
  onChange: (v: boolean | null) => void;
  testId?: string;
}) {
  return (
    <select
      value={value === null ? "" : value ? "yes" : "no"}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value === "" ? null : e.target.value === "yes")}
      className={value === null ? "unstated" : ""}
    >
      <option value="">Not stated</option>
      <option value="yes">Yes</option>
      <option value="no">No</option>
    </select>
  );
}
