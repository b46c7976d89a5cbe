// Request parsing and Stripe-shaped errors: form bodies with bracket notation, typed parameter readers.
import { CURRENCIES } from './currencies';

export type Param = string | Param[] | { [key: string]: Param };
export type Params = { [key: string]: Param };
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface StripeErrorBody {
  type: 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error';
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  [extra: string]: unknown;
}

/** An error the emulator answers with, shaped like Stripe's `{ error: {...} }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** A 400 invalid_request_error naming the offending parameter. */
export function invalidParam(param: string, message: string, code = 'parameter_invalid'): ApiError {
  return new ApiError(400, { type: 'invalid_request_error', code, param, message });
}

/** A 404 resource_missing for an unknown id. */
export function missing(kind: string, id: string, param?: string): ApiError {
  const status = param ? 400 : 404;
  return new ApiError(status, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    ...(param ? { param } : {}),
  });
}

function isRecord(v: Param | undefined): v is { [key: string]: Param } {
  return typeof v === 'object' && !Array.isArray(v);
}

/** Splits `a[b][0]` into ['a', 'b', '0']; a key with unbalanced brackets is taken literally. */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^[\]]*)\]/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(rest)) !== null) {
    parts.push(m[1] ?? '');
    consumed = re.lastIndex;
  }
  return consumed === rest.length ? parts : [key];
}

/** Turns objects whose keys are all array indices into arrays (`expand[0]`, `expand[1]`). */
function arrayify(v: Param): Param {
  if (Array.isArray(v)) return v.map(arrayify);
  if (typeof v === 'string') return v;
  const keys = Object.keys(v);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => arrayify(v[k] ?? ''));
  }
  const out: Params = {};
  for (const k of keys) out[k] = arrayify(v[k] ?? '');
  return out;
}

/** Parses an `application/x-www-form-urlencoded` body or query string into nested params. */
export function parseForm(text: string): Params {
  const root: Params = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = splitKey(rawKey);
    let node: Params = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const last = i === parts.length - 1;
      const key = part === '' ? String(Object.keys(node).length) : part;
      if (last) {
        if (isRecord(node[key]))
          throw invalidParam(parts[0] ?? rawKey, `Invalid value for ${rawKey}: it mixes a value and a hash.`);
        node[key] = value;
      } else {
        const next = node[key];
        if (next === undefined) {
          const fresh: Params = {};
          node[key] = fresh;
          node = fresh;
        } else if (isRecord(next)) {
          node = next;
        } else {
          throw invalidParam(parts[0] ?? rawKey, `Invalid value for ${rawKey}: it mixes a value and a hash.`);
        }
      }
    }
  }
  const out: Params = {};
  for (const [k, v] of Object.entries(root)) out[k] = arrayify(v);
  return out;
}

/** Reads an optional string parameter; a hash or array is a 400. */
export function str(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidParam(name, `Invalid string: ${name} must be a string.`);
  return v;
}

/** Reads a required, non-empty string parameter. */
export function reqStr(p: Params, name: string): string {
  const v = str(p, name);
  if (v === undefined || v === '')
    throw invalidParam(name, `Missing required param: ${name}.`, 'parameter_missing');
  return v;
}

/** Reads an optional integer parameter with a lower bound. */
export function int(p: Params, name: string, min: number): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw invalidParam(name, `Invalid integer: ${v}`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw invalidParam(name, `Invalid integer: ${v}`);
  if (n < min) throw invalidParam(name, `This value must be greater than or equal to ${min}.`);
  return n;
}

/** Reads an optional boolean parameter ('true' / 'false'). */
export function bool(p: Params, name: string): boolean | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw invalidParam(name, `Invalid boolean: ${v}`);
}

/** Reads an optional enum parameter. */
export function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[]): T | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  const found = allowed.find((a) => a === v);
  if (found === undefined) {
    throw invalidParam(name, `Invalid ${name}: must be one of ${allowed.join(', ')}`);
  }
  return found;
}

/** Reads and validates a lowercase ISO currency code. */
export function currency(p: Params, name: string): string | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  const c = v.toLowerCase();
  if (!CURRENCIES.has(c))
    throw invalidParam(
      name,
      `Invalid currency: ${v}. Stripe currently supports these currencies: ${[...CURRENCIES].join(', ')}`,
    );
  return c;
}

/** Reads `expand[]` as a list of field paths. */
export function expandList(p: Params): string[] {
  const v = p['expand'];
  if (v === undefined) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) {
    throw invalidParam('expand', 'Invalid array: expand must be a list of strings.');
  }
  return v;
}

/** Merges a `metadata` parameter into existing metadata the way Stripe does ('' unsets). */
export function mergeMetadata(p: Params, current: Record<string, string>): Record<string, string> {
  const v = p['metadata'];
  if (v === undefined) return current;
  if (v === '') return {};
  if (!isRecord(v)) throw invalidParam('metadata', 'Invalid hash: metadata must be a hash of strings.');
  const next = { ...current };
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') throw invalidParam(`metadata[${k}]`, 'Metadata values must be strings.');
    if (k.length > 40) throw invalidParam(`metadata[${k}]`, 'Metadata keys can be at most 40 characters.');
    if (val.length > 500)
      throw invalidParam(`metadata[${k}]`, 'Metadata values can be at most 500 characters.');
    if (val === '') delete next[k];
    else next[k] = val;
  }
  if (Object.keys(next).length > 50) throw invalidParam('metadata', 'Metadata can have at most 50 keys.');
  return next;
}

/** Reads a nested hash parameter such as `transfer_data`. */
export function hash(p: Params, name: string): Params | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  if (!isRecord(v)) throw invalidParam(name, `Invalid hash: ${name} must be a hash.`);
  return v;
}

/** A stable text for a request, used as its idempotency fingerprint. */
export function canonical(v: Param): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k] ?? '')}`).join(',')}}`;
}
