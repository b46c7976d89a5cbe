// The shop's communities: standing rooms with their own link and QR code that outlive any one deal. Lists
// the live ones (from the inbox's rooms) with link, copy, QR and archive; a form starts a new one.
// QR codes are drawn here on the server (the qrcode package stays out of the browser).
import { loadUnderInbox, roomsMetadata, UnderInbox } from '@/app/merchant/inbox/console-page';
import { getDeps } from '@/server/deps';
import { communityUrl } from '@/server/rooms/communities/invite-link';
import { qrSvg } from '@/server/share/qr';
import { CommunityList, CreateCommunityForm, type CommunityRow } from './communities';

export const generateMetadata = roomsMetadata('merchant.communities');
export const dynamic = 'force-dynamic';

/** /merchant/communities. */
export default async function CommunitiesPage() {
  const [rooms, t] = await loadUnderInbox((api) => api.rooms.inbox(), 'merchant.communities');
  const appUrl = getDeps().appUrl;
  const rows: CommunityRow[] = await Promise.all(
    rooms
      .filter((r) => r.kind === 'community')
      .map(async (r) => {
        const url = communityUrl(appUrl, r.code);
        return {
          id: r.id,
          title: r.title,
          code: r.code,
          memberCount: r.memberCount,
          url,
          qrSvg: await qrSvg(url, t('qr', { title: r.title })),
        };
      }),
  );
  return (
    <UnderInbox width="max-w-3xl" title={t('title')}>
      <p className="mt-2 text-stone-600">{t('intro')}</p>
      <p className="mt-1 mb-6 text-sm text-stone-500">{t('trust')}</p>
      <CreateCommunityForm />
      <h2 className="mt-8 mb-3 text-lg font-semibold">{t('listHeading')}</h2>
      <CommunityList rows={rows} />
    </UnderInbox>
  );
}
