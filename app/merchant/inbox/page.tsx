// The concierge inbox: every live room of the shop (its groups' rooms and its communities), the ones where
// a member's message waits for a reply first; ?room=<id> opens one. Server-rendered list, live client.
import { serverCaller } from '@/app/_trpc/server';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { roomsMetadata } from './console-page';
import { Inbox } from './inbox';

export const generateMetadata = roomsMetadata('merchant.inbox');
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /merchant/inbox[?room=<id>]. */
export default async function InboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const profile = await requireMerchant();
  const [rooms, s] = await Promise.all([(await serverCaller()).rooms.inbox(), searchParams]);
  const room = typeof s.room === 'string' && UUID.test(s.room) ? s.room : null;
  return <Inbox shopName={profile.name} initial={rooms} initialRoomId={room} />;
}
