import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, members, orders, type OrderStatus } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { catalogWord, DomainError, type Refusal } from '@/server/errors';
import { applyConsoleMove } from './console-moves';
import { parseTrackingCsv, type TrackingCsvRow } from './tracking-csv';

/** A file holds at most this many rows (a bigger one is refused whole, before any row is read). */
export const TRACKING_CSV_MAX_ROWS = 2000;
/** At most this many characters of CSV (about 2000 rows with long tracking links). */
export const TRACKING_CSV_MAX_CHARS = 1_000_000;
const MAX_CELL = 100;
const MAX_URL = 500;

/** One row of the preview: what it says, whose order it is, and why it cannot be applied (null when it can). */
export type TrackingRowCheck = {
  line: number;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
  /** The buyer's alias and the deal, when the row names one of the merchant's orders. */
  alias: string | null;
  dealTitle: string | null;
  error: Refusal | null;
};

export type TrackingPreview = { rows: TrackingRowCheck[]; valid: boolean; errorCount: number };

type Found = {
  id: string;
  memberId: string;
  groupId: string;
  dealId: string;
  merchantId: string;
  method: string;
  status: OrderStatus;
  alias: string;
  dealTitle: string;
};

const statusWord = (status: string) => catalogWord(`merchantOrders.orderStatus.${status}`, status);

/** A tracking link must be an https address (the order page links to it), as server/orders/move-order.ts checks. */
function httpsUrl(text: string): boolean {
  if (!/^https:\/\/[^\s]+$/i.test(text)) return false;
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first thing wrong with a row on its own (before looking it up), or null. */
function rowShapeError(r: TrackingCsvRow): Refusal | null {
  if (r.empty) return { key: 'merchantOrders.csv.emptyRow' };
  if (r.extraCells) return { key: 'merchantOrders.csv.extraCells' };
  if (!r.orderNumber) return { key: 'merchantOrders.csv.missingOrderNumber' };
  if (!r.carrier) return { key: 'merchantOrders.csv.missingCarrier' };
  if (!r.trackingNumber) return { key: 'merchantOrders.csv.missingTrackingNumber' };
  if (r.carrier.length > MAX_CELL || r.trackingNumber.length > MAX_CELL || r.trackingUrl.length > MAX_URL) {
    return { key: 'merchantOrders.csv.tooLong' };
  }
  if (r.trackingUrl && !httpsUrl(r.trackingUrl)) return { key: 'merchantOrders.csv.badTrackingUrl' };
  return null;
}

/** Reads the named orders (locking them when `lock`: the apply holds them until it commits). */
async function findOrders(db: Tx, numbers: string[], lock: boolean): Promise<Map<string, Found>> {
  if (numbers.length === 0) return new Map();
  const q = db
    .select({
      id: orders.id,
      number: orders.number,
      memberId: orders.memberId,
      groupId: groups.id,
      dealId: deals.id,
      merchantId: deals.merchantId,
      method: orders.method,
      status: orders.status,
      alias: members.alias,
      dealTitle: deals.title,
    })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(inArray(orders.number, numbers));
  const rows = lock ? await q.for('update', { of: orders }) : await q;
  return new Map(rows.map((r) => [r.number, r]));
}

/** Checks every row of the file against the merchant's orders. */
async function checkRows(
  db: Tx,
  merchantId: string,
  csv: string,
  lock: boolean,
): Promise<{ checks: TrackingRowCheck[]; found: Map<string, Found> }> {
  if (csv.length > TRACKING_CSV_MAX_CHARS) {
    throw new DomainError('INVALID_INPUT', 'merchantOrders.csv.tooBig', { max: TRACKING_CSV_MAX_ROWS });
  }
  const rows = parseTrackingCsv(csv);
  if (rows.length === 0) throw new DomainError('INVALID_INPUT', 'merchantOrders.csv.noRows');
  if (rows.length > TRACKING_CSV_MAX_ROWS) {
    throw new DomainError('INVALID_INPUT', 'merchantOrders.csv.tooBig', { max: TRACKING_CSV_MAX_ROWS });
  }
  const numbers = [...new Set(rows.map((r) => r.orderNumber).filter(Boolean))].sort();
  const found = await findOrders(db, numbers, lock);
  const firstLine = new Map<string, number>();
  const checks = rows.map((r): TrackingRowCheck => {
    const o = found.get(r.orderNumber);
    const mine = o !== undefined && o.merchantId === merchantId;
    const base = {
      line: r.line,
      orderNumber: r.orderNumber,
      carrier: r.carrier,
      trackingNumber: r.trackingNumber,
      trackingUrl: r.trackingUrl,
      alias: mine ? o.alias : null,
      dealTitle: mine ? o.dealTitle : null,
    };
    const fail = (error: Refusal): TrackingRowCheck => ({ ...base, error });
    const shape = rowShapeError(r);
    if (shape) return fail(shape);
    const number = r.orderNumber;
    const earlier = firstLine.get(number);
    if (earlier !== undefined)
      return fail({ key: 'merchantOrders.csv.duplicate', values: { number, line: earlier } });
    firstLine.set(number, r.line);
    if (!o) return fail({ key: 'merchantOrders.csv.unknownOrder', values: { number } });
    if (!mine) return fail({ key: 'merchantOrders.csv.otherMerchant', values: { number } });
    if (o.method !== 'shipping') return fail({ key: 'merchantOrders.csv.notShipping', values: { number } });
    if (o.status !== 'to_fulfil') {
      return fail({
        key: 'merchantOrders.csv.notShippable',
        values: { number, status: statusWord(o.status) },
      });
    }
    return { ...base, error: null };
  });
  return { checks, found };
}

function summary(checks: TrackingRowCheck[]): TrackingPreview {
  const errorCount = checks.filter((c) => c.error !== null).length;
  return { rows: checks, valid: errorCount === 0, errorCount };
}

/** What importing the file would do, row by row; changes nothing. */
export async function previewTrackingImport(
  deps: Deps,
  merchantId: string,
  csv: string,
): Promise<TrackingPreview> {
  return summary((await checkRows(deps.db, merchantId, csv, false)).checks);
}

/**
 * Marks every order of the file shipped with its tracking, in one transaction: the rows are checked again
 * with the orders locked, and if any row is wrong nothing changes (INVALID_INPUT, the preview in `rows`).
 */
export async function applyTrackingImport(
  deps: Deps,
  merchant: { merchantId: string; userId: string },
  csv: string,
): Promise<{ shipped: number }> {
  return deps.db.transaction(async (tx) => {
    const { checks, found } = await checkRows(tx, merchant.merchantId, csv, true);
    const preview = summary(checks);
    if (!preview.valid) {
      throw new DomainError('INVALID_INPUT', 'merchantOrders.csv.invalid', { count: preview.errorCount });
    }
    const now = deps.now();
    for (const c of checks) {
      const o = found.get(c.orderNumber);
      if (!o) throw new Error('checked order missing');
      const tracking = {
        carrier: c.carrier,
        trackingNumber: c.trackingNumber,
        trackingUrl: c.trackingUrl || null,
      };
      const moved = await applyConsoleMove(tx, o, 'ship', { now, by: merchant.userId, tracking });
      // The row was locked and checked: a refusal here means the rules disagree; roll everything back.
      if (!moved) throw new Error(`order ${c.orderNumber} refused the ship move after its check`);
    }
    return { shipped: checks.length };
  });
}
