// Every locale's message catalog, one JSON file per namespace under messages/<locale>/ (DESIGN rule 16).
// English is the reference: its shape types every key (see i18n/app-config.d.ts), and
// i18n/catalogs.test.ts fails when another locale lacks a key, has one English lacks, or uses other ICU
// arguments. Edit when a namespace is added: one import per locale and one line in each object.
import type { Locale } from './locales';

import enCommon from '@/messages/en/common.json';
import enTime from '@/messages/en/time.json';
import enGroup from '@/messages/en/group.json';
import enDeal from '@/messages/en/deal.json';
import enMe from '@/messages/en/me.json';
import enMerchant from '@/messages/en/merchant.json';
import enErrors from '@/messages/en/errors.json';
import enLegal from '@/messages/en/legal.json';
import enMail from '@/messages/en/mail.json';
import enNotify from '@/messages/en/notify.json';
import enFulfilment from '@/messages/en/fulfilment.json';
import enOrders from '@/messages/en/orders.json';
import enRooms from '@/messages/en/rooms.json';
import enPay from '@/messages/en/pay.json';
import zhCNCommon from '@/messages/zh-CN/common.json';
import zhCNTime from '@/messages/zh-CN/time.json';
import zhCNGroup from '@/messages/zh-CN/group.json';
import zhCNDeal from '@/messages/zh-CN/deal.json';
import zhCNMe from '@/messages/zh-CN/me.json';
import zhCNMerchant from '@/messages/zh-CN/merchant.json';
import zhCNErrors from '@/messages/zh-CN/errors.json';
import zhCNLegal from '@/messages/zh-CN/legal.json';
import zhCNMail from '@/messages/zh-CN/mail.json';
import zhCNNotify from '@/messages/zh-CN/notify.json';
import zhCNFulfilment from '@/messages/zh-CN/fulfilment.json';
import zhCNOrders from '@/messages/zh-CN/orders.json';
import zhCNRooms from '@/messages/zh-CN/rooms.json';
import zhCNPay from '@/messages/zh-CN/pay.json';
import jaCommon from '@/messages/ja/common.json';
import jaTime from '@/messages/ja/time.json';
import jaGroup from '@/messages/ja/group.json';
import jaDeal from '@/messages/ja/deal.json';
import jaMe from '@/messages/ja/me.json';
import jaMerchant from '@/messages/ja/merchant.json';
import jaErrors from '@/messages/ja/errors.json';
import jaLegal from '@/messages/ja/legal.json';
import jaMail from '@/messages/ja/mail.json';
import jaNotify from '@/messages/ja/notify.json';
import jaFulfilment from '@/messages/ja/fulfilment.json';
import jaOrders from '@/messages/ja/orders.json';
import jaRooms from '@/messages/ja/rooms.json';
import jaPay from '@/messages/ja/pay.json';

const en = {
  common: enCommon,
  time: enTime,
  group: enGroup,
  deal: enDeal,
  me: enMe,
  merchant: enMerchant,
  errors: enErrors,
  legal: enLegal,
  mail: enMail,
  notify: enNotify,
  fulfilment: enFulfilment,
  orders: enOrders,
  rooms: enRooms,
  pay: enPay,
};

/** The catalog shape every locale has (English is the reference). */
export type Messages = typeof en;
export type Namespace = keyof Messages;

export const MESSAGES: Readonly<Record<Locale, Messages>> = {
  en,
  'zh-CN': {
    common: zhCNCommon,
    time: zhCNTime,
    group: zhCNGroup,
    deal: zhCNDeal,
    me: zhCNMe,
    merchant: zhCNMerchant,
    errors: zhCNErrors,
    legal: zhCNLegal,
    mail: zhCNMail,
    notify: zhCNNotify,
    fulfilment: zhCNFulfilment,
    orders: zhCNOrders,
    rooms: zhCNRooms,
    pay: zhCNPay,
  },
  ja: {
    common: jaCommon,
    time: jaTime,
    group: jaGroup,
    deal: jaDeal,
    me: jaMe,
    merchant: jaMerchant,
    errors: jaErrors,
    legal: jaLegal,
    mail: jaMail,
    notify: jaNotify,
    fulfilment: jaFulfilment,
    orders: jaOrders,
    rooms: jaRooms,
    pay: jaPay,
  },
};

/** A whole namespace ('group') or one part of it ('errors.payment'). */
export type MessagePath = Namespace | `${Namespace}.${string}`;

type Tree = { [key: string]: string | Tree };

/**
 * The parts of `locale`'s catalog a client provider needs: whole namespaces, or only a part of one
 * ('errors.payment'), since messages travel in every page's HTML. Parts keep the catalog's own objects,
 * so two providers picking the same part send it once.
 */
export function pickMessages(locale: Locale, paths: readonly MessagePath[]): Partial<Messages> {
  const out: Tree = {};
  // A part inside a part already picked whole adds nothing (and must not write into the catalog's object).
  const whole = (path: string) => paths.some((p) => p !== path && path.startsWith(`${p}.`));
  for (const path of paths) {
    if (whole(path)) continue;
    const keys = path.split('.');
    let from: string | Tree = MESSAGES[locale] as unknown as Tree;
    let into = out;
    keys.forEach((key, i) => {
      from = typeof from === 'object' ? (from[key] ?? '') : '';
      if (typeof from !== 'object') throw new Error(`no catalog part ${path}`);
      if (i === keys.length - 1) into[key] = from;
      else {
        const next = into[key];
        into = typeof next === 'object' ? next : (into[key] = {});
      }
    });
  }
  return out as Partial<Messages>;
}
