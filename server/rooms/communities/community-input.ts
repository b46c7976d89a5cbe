// The communities' inputs at the edge (zod): text rules from server/text.ts, refusals in errors.community.
import { z } from 'zod';
import { msg } from '@/server/errors';
import { keyText, multiLineText, singleLineText } from '@/server/text';

export const COMMUNITY_LIMITS = { title: 80, description: 500, alias: 40 } as const;

const roomId = z.uuid(msg('community.roomId'));

export const createCommunityInput = z.object({
  title: singleLineText('fieldName.title')
    .min(1, msg('community.titleRequired'))
    .max(COMMUNITY_LIMITS.title, msg('community.titleTooLong')),
  description: multiLineText('fieldName.description')
    .max(COMMUNITY_LIMITS.description, msg('community.descriptionTooLong'))
    .default(''),
});

export const joinCommunityInput = z.object({
  code: z.string().regex(/^[A-Za-z0-9]{8,16}$/, msg('community.code')),
  alias: singleLineText('fieldName.alias')
    .min(1, msg('community.aliasRequired'))
    .max(COMMUNITY_LIMITS.alias, msg('community.aliasRequired')),
  inviteCode: keyText('fieldName.inviteCode', 32).optional(),
});

export const communityRef = z.object({ roomId });

export type CreateCommunityInput = z.output<typeof createCommunityInput>;
export type JoinCommunityInput = z.output<typeof joinCommunityInput>;
