import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { loadOr404 } from '@/app/merchant/_lib/load-or-404';
import { GroupMembers } from './group-members';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('group') };
}

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  await requireMerchant();
  const { groupId } = await params;
  // Another merchant's group (or a made-up id) is a plain 404 page.
  const api = await serverCaller();
  await loadOr404(() => api.console.group({ groupId }));
  return <GroupMembers groupId={groupId} />;
}
