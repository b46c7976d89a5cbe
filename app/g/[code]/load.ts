import 'server-only';
// Loads a group page's snapshot once per request (the page, its metadata and its image share it). The public
// part comes from the process's shared cache (server/live/snapshot-cache.ts: one read per group per event);
// only the visitor's own membership is read per request.
import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import type { Locale } from '@/i18n/locales';
import { DomainError } from '@/server/errors';
import { getGroupSnapshotOrThrow, type GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { sharedSnapshotSource } from '@/server/live/snapshot-cache';
import { createContext } from '@/server/trpc/init';

const CODE = /^[A-Za-z0-9]{8,16}$/;

/** The session and services for this request (one session lookup per request). */
const requestContext = cache(async () => createContext({ headers: new Headers(await headers()) }));

/**
 * The snapshot of group `code` for this request's viewer, or null for a malformed or unknown code. The deal's
 * words are in `locale` (a preview image drawn for the language its address names) or the request's.
 */
export const findGroup = cache(async (code: string, locale?: Locale): Promise<GroupSnapshot | null> => {
  if (!CODE.test(code)) return null;
  const ctx = await requestContext();
  try {
    const reader = locale ?? (await getLocale());
    return await getGroupSnapshotOrThrow(ctx.deps, code, ctx.user, reader, sharedSnapshotSource(ctx.deps));
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
});

/** Like findGroup, but a malformed or unknown code renders the friendly 404 page. */
export async function loadGroup(code: string, locale?: Locale): Promise<GroupSnapshot> {
  return (await findGroup(code, locale)) ?? notFound();
}

/** The Open Graph image id for a snapshot: changes with the tier and the count, so chat apps fetch a fresh preview. */
export function previewVersion(s: Pick<GroupSnapshot, 'tierIndex' | 'confirmedCount' | 'status'>): string {
  return `v${s.tierIndex + 1}-${s.confirmedCount}-${s.status}`;
}
