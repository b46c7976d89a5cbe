// Form field pieces: label, hint and the error next to the field (linked with aria-describedby).
import type { ReactNode } from 'react';

const inputBase =
  'rounded-lg border border-stone-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 disabled:bg-stone-100 disabled:text-stone-500';

export const inputClass = `block w-full ${inputBase}`;

/** An input sized by its own width class (inline in a sentence, like a bracket row). */
export const inlineInputClass = inputBase;

/** The error line under a field; its id is what the input's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

/** A labelled field with an optional hint and error. */
export function Field({
  label,
  htmlFor,
  hint,
  error,
  errorId,
  children,
}: {
  label: string;
  htmlFor: string;
  hint?: ReactNode;
  error?: string;
  errorId?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={htmlFor} className="mb-1 block text-sm font-semibold text-stone-800">
        {label}
      </label>
      {children}
      {hint && !error ? <p className="mt-1 text-xs text-stone-500">{hint}</p> : null}
      <FieldError id={errorId ?? `${htmlFor}-error`} message={error} />
    </div>
  );
}

export const buttonClass = {
  primary:
    'rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60',
  secondary:
    'rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm font-semibold text-stone-800 hover:bg-stone-100 disabled:opacity-60',
  danger:
    'rounded-lg border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60',
};
