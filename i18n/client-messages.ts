// The catalog parts the browser's components read on shoppers' pages (the root layout's provider; the group
// page adds `fulfilment`, the merchant console its own). Of `errors` only a failed member's payment reasons
// (the group page's banner): every other refusal reaches the browser already worded by the server, so the
// console forms' errors do not ride along in every page's HTML. i18n/client-messages.test.ts keeps this
// true. Edit when a shopper-side client component reads another catalog part.
import type { MessagePath } from './messages';

export const CLIENT_MESSAGES: readonly MessagePath[] = ['common', 'time', 'group', 'errors.payment'];
