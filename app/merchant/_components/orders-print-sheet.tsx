// A printable list of orders (packing list, pickup list): a link back to the orders, the heading with its
// facts and the print button, then one row per order with a box to tick on paper. The pages decide the rows'
// fourth column and the last cell. Server component. Edit when every printed list changes.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { OrdersPrintButton } from '@/app/merchant/_components/orders-print-button';

export type PrintRow = {
  id: string;
  number: string;
  alias: string;
  quantity: number;
  /** The fourth column: the address, or the pickup code. */
  detail: ReactNode;
  /** The last cell; an empty box to tick when absent. */
  done?: ReactNode;
};

const cell = 'py-2 pr-3';

export function OrdersPrintSheet(props: {
  back: { href: string; label: string };
  heading: string;
  /** The lines under the heading (the deal, the place, the count and when it was printed). */
  facts: ReactNode;
  empty: string;
  columns: { order: string; buyer: string; quantity: string; detail: string; done: string };
  rows: PrintRow[];
}) {
  const { columns } = props;
  return (
    <article className="space-y-4 print:text-[11pt]">
      <p className="text-sm print:hidden">
        <Link href={props.back.href} className="text-brand-700 underline">
          ← {props.back.label}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{props.heading}</h1>
          {props.facts}
        </div>
        <OrdersPrintButton />
      </header>
      {props.rows.length === 0 ? (
        <p className="text-stone-600">{props.empty}</p>
      ) : (
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b-2 border-stone-800">
              <th scope="col" className={cell}>
                {columns.order}
              </th>
              <th scope="col" className={cell}>
                {columns.buyer}
              </th>
              <th scope="col" className={`${cell} text-right`}>
                {columns.quantity}
              </th>
              <th scope="col" className={cell}>
                {columns.detail}
              </th>
              <th scope="col" className="py-2">
                {columns.done}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((o) => (
              <tr key={o.id} className="break-inside-avoid border-b border-stone-300 align-top">
                <td className={`${cell} font-mono font-semibold`}>{o.number}</td>
                <td className={cell}>{o.alias}</td>
                <td className={`${cell} text-right text-base font-bold tabular-nums`}>{o.quantity}</td>
                <td className={cell}>{o.detail}</td>
                <td className="py-2">
                  {o.done ?? (
                    <span aria-hidden="true" className="inline-block h-5 w-5 border-2 border-stone-700" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
