import type { ReactNode } from "react";

// A labelled input of a form the engine checks: marked when its refusal names the input's field.

/** The engine's refusal of a form: the field it names (as the inputs' path) and the text shown. */
export type Refusal = { path: string | null; text: string };

/** A labelled input, marked when the refusal names its field `path`. */
export function Input({
  label,
  path,
  refusal,
  hint,
  narrow = false,
  children,
}: {
  label: string;
  path: string;
  refusal: Refusal | null;
  hint?: string;
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <label className={`field${narrow ? " field-narrow" : ""}${refusal?.path === path ? " field-invalid" : ""}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}
