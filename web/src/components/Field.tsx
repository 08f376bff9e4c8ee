// A labelled form field; a problem naming the field is shown under it and
// tied to the control (aria-invalid, aria-describedby).
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

export function Field({ label, error, id, children }: { label: string; error?: string; id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? " invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {error && isValidElement(children)
        ? cloneElement(children as ReactElement<Record<string, unknown>>, { "aria-invalid": true, "aria-describedby": `${id}-error` })
        : children}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
