import 'server-only';
// Loads a group page's snapshot once per request (the page, its metadata and its image share it).
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { serverCaller } from '@/app/_trpc/server';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';

const CODE = /^[A-Za-z0-9]{8,16}$/;

/** The snapshot of group `code` for this request's viewer, or null for a malformed or unknown code. */
export const findGroup = cache(async (code: string): Promise<GroupSnapshot | null> => {
  if (!CODE.test(code)) return null;
  try {
    const caller = await serverCaller();
    return await caller.groups.snapshot({ code });
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
});

/** Like findGroup, but a malformed or unknown code renders the friendly 404 page. */
export async function loadGroup(code: string): Promise<GroupSnapshot> {
  return (await findGroup(code)) ?? notFound();
}

/** The Open Graph image id for a snapshot: changes with the tier and the count, so chat apps fetch a fresh preview. */
export function previewVersion(s: Pick<GroupSnapshot, 'tierIndex' | 'confirmedCount' | 'status'>): string {
  return `v${s.tierIndex + 1}-${s.confirmedCount}-${s.status}`;
}
