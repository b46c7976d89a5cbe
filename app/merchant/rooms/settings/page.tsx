// The shop's room settings: the review rules (members' links, keyword filter), how long rooms last, and the
// saved replies the inbox inserts. Server-rendered around a small client form (room-settings-form.tsx).
import { loadUnderInbox, roomsMetadata, UnderInbox } from '@/app/merchant/inbox/console-page';
import { RoomSettingsForm } from './room-settings-form';

export const generateMetadata = roomsMetadata('merchant.roomSettings');
export const dynamic = 'force-dynamic';

/** /merchant/rooms/settings. */
export default async function RoomSettingsPage() {
  const [settings, t] = await loadUnderInbox((api) => api.rooms.settings(), 'merchant.roomSettings');
  return (
    <UnderInbox width="max-w-lg" title={t('title')}>
      <p className="mt-2 mb-6 text-stone-600">{t('intro')}</p>
      <RoomSettingsForm initial={settings} />
    </UnderInbox>
  );
}
