// Text at the edge: every string a person or a client sends goes through one of these schemas before it
// reaches a service, so nothing PostgreSQL would refuse (NUL, 22021) or a reader could be fooled by
// (control characters, direction overrides) is ever stored. Pure zod: the browser's forms use it too.
// Refusals are errors-catalog keys naming the field by its catalog name (fieldName.*), so a form and the
// server say them in the reader's language (server/errors.ts).
// Edit when a new kind of text field appears (a key, a multi-line message).
import { z } from 'zod';
import { refusalIssue, type ErrorKey } from '@/server/errors';

/** A field's name in the errors catalog ('fieldName.alias' → "Your name"), for refusals that name it. */
export type FieldName = Extract<ErrorKey, `fieldName.${string}`>;

// C0 and C1 control characters, DEL, the Unicode line/paragraph separators, bidirectional embeddings,
// overrides and isolates, and non-characters. Newlines and tabs are allowed only in multi-line text.
const CONTROL_EXCEPT_NEWLINES =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;
// A lone UTF-16 surrogate cannot be encoded as UTF-8: it would be stored as U+FFFD, not as typed.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The refusal of a refused character (a zod refine's params), naming the field the way the form labels it. */
export function controlCharacterIssue(field: FieldName) {
  return refusalIssue('text.controlCharacter', { field: { key: field } });
}

/** True when `value` holds a character no text field accepts (newlines allowed when `multiline`). */
export function hasForbiddenCharacters(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_EXCEPT_NEWLINES : CONTROL).test(value) || LONE_SURROGATE.test(value);
}

/** A single-line text field: NFC, trimmed, no control characters; `field` names it in the error. */
export function singleLineText(field: FieldName) {
  return z
    .string()
    .refine((v) => !hasForbiddenCharacters(v), controlCharacterIssue(field))
    .normalize('NFC')
    .trim();
}

/** A multi-line text field (descriptions, messages): like singleLineText, but newlines and tabs are kept. */
export function multiLineText(field: FieldName) {
  return z
    .string()
    .refine((v) => !hasForbiddenCharacters(v, true), controlCharacterIssue(field))
    .normalize('NFC')
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .trim();
}

/** A machine key from a client (codes, slugs, idempotency keys, channels): printable ASCII only. */
export function keyText(field: FieldName, max: number) {
  return z
    .string()
    .refine((v) => v.length <= max, refusalIssue('text.keyTooLong', { field: { key: field } }))
    .refine((v) => /^[\x21-\x7E]*$/.test(v), refusalIssue('text.keyCharacters', { field: { key: field } }));
}
