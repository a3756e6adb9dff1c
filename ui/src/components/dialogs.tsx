import { type KeyboardEvent as ReactKeyboardEvent, type ReactNode, useEffect, useId, useRef } from "react";

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

export const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

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
  const titleId = `modal-title-${useId()}`;
  const initialFocusRef = useRef(initialFocus);
  useEffect(() => {
    const selector = initialFocusRef.current;
    const prev = document.activeElement as HTMLElement | null;
    const box = ref.current;
    // The dialog itself when nothing inside can take focus yet (its content still loading).
    const first = (selector ? box?.querySelector<HTMLElement>(selector) : null) ?? box?.querySelector<HTMLElement>(FOCUSABLE) ?? box;
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
