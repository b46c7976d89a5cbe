'use client';
// Price brackets in plain words: "From [5] people: [$][8.00] each". Rows can be added, removed and moved;
// each field shows its own error beside it.
import { useLocale, useTranslations } from 'next-intl';
import { isCurrency, parseMoney, savings } from '@/server/pricing';
import type { BracketRow } from './deal-form-model';
import { newRowKey } from './deal-form-model';
import { inlineInputClass } from './field';

type Props = {
  rows: BracketRow[];
  currency: string;
  listPrice: number | null;
  disabled: boolean;
  errorOf: (key: string) => string | undefined;
  onChange: (rows: BracketRow[], touched?: string) => void;
};

const symbolOf = (currency: string, locale: string) =>
  isCurrency(currency)
    ? (new Intl.NumberFormat(locale, { style: 'currency', currency })
        .formatToParts(0)
        .find((p) => p.type === 'currency')?.value ?? currency)
    : currency;

/** The bracket list with add / remove / move up / move down. */
export function BracketEditor({ rows, currency, listPrice, disabled, errorOf, onChange }: Props) {
  const t = useTranslations('merchant.brackets');
  const locale = useLocale();
  const set = (i: number, patch: Partial<BracketRow>, field: 'people' | 'price') => {
    const row = rows[i];
    if (!row) return;
    onChange(
      rows.map((r, j) => (j === i ? { ...r, ...patch } : r)),
      `row:${row.key}:${field}`,
    );
  };
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    const a = rows[i];
    const b = rows[j];
    if (!a || !b) return;
    const next = [...rows];
    next[i] = b;
    next[j] = a;
    onChange(next);
  };
  const sorted = [...rows].sort((a, b) => (Number(a.people) || 0) - (Number(b.people) || 0));
  const outOfOrder = sorted.some((r, i) => r.key !== rows[i]?.key);
  const symbol = symbolOf(currency, locale);

  return (
    <fieldset className="space-y-3" disabled={disabled}>
      <legend className="mb-1 text-sm font-semibold text-stone-800">{t('legend')}</legend>
      <p className="text-xs text-stone-500">{t('help')}</p>
      <ol className="space-y-2">
        {rows.map((row, i) => {
          const pErr = errorOf(`tiers.${i}.minMembers`);
          const cErr = errorOf(`tiers.${i}.unitPrice`);
          const price = isCurrency(currency) ? parseMoney(row.price, currency) : null;
          const off = price !== null && price > 0 && listPrice ? savings(listPrice, price).percent : null;
          const pId = `bracket-${row.key}-people`;
          const cId = `bracket-${row.key}-price`;
          return (
            <li
              key={row.key}
              className="rounded-lg border border-stone-200 bg-white p-3"
              aria-label={t('row', { number: i + 1 })}
            >
              <div className="flex flex-wrap items-center gap-x-2 gap-y-2 text-sm">
                <label htmlFor={pId}>{t('from')}</label>
                <input
                  id={pId}
                  inputMode="numeric"
                  value={row.people}
                  onChange={(e) => set(i, { people: e.target.value }, 'people')}
                  aria-invalid={pErr ? true : undefined}
                  aria-describedby={pErr ? `${pId}-error` : undefined}
                  aria-label={t('fromAria', { number: i + 1 })}
                  className={`${inlineInputClass} w-16 text-center`}
                />
                <span>{t('people')}</span>
                <span className="flex items-center gap-1">
                  <span aria-hidden className="text-stone-500">
                    {symbol}
                  </span>
                  <input
                    id={cId}
                    inputMode="decimal"
                    value={row.price}
                    onChange={(e) => set(i, { price: e.target.value }, 'price')}
                    aria-invalid={cErr ? true : undefined}
                    aria-describedby={cErr ? `${cId}-error` : undefined}
                    aria-label={t('priceAria', { number: i + 1, currency })}
                    className={`${inlineInputClass} w-24`}
                  />
                </span>
                <span>{t('each')}</span>
                {off !== null && off > 0 ? (
                  <span className="text-xs font-semibold text-green-700">{t('off', { percent: off })}</span>
                ) : null}
                <span className="ml-auto flex gap-1">
                  <button
                    type="button"
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                    aria-label={t('up', { number: i + 1 })}
                    className="rounded border border-stone-300 px-2 py-1 text-xs disabled:opacity-40"
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => move(i, 1)}
                    disabled={i === rows.length - 1}
                    aria-label={t('down', { number: i + 1 })}
                    className="rounded border border-stone-300 px-2 py-1 text-xs disabled:opacity-40"
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                    disabled={rows.length === 1}
                    aria-label={t('removeAria', { number: i + 1 })}
                    className="rounded border border-stone-300 px-2 py-1 text-xs text-red-800 disabled:opacity-40"
                  >
                    {t('remove')}
                  </button>
                </span>
              </div>
              {pErr ? (
                <p id={`${pId}-error`} className="mt-1 text-sm text-red-700">
                  {pErr}
                </p>
              ) : null}
              {cErr ? (
                <p id={`${cId}-error`} className="mt-1 text-sm text-red-700">
                  {cErr}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {errorOf('tiers') ? <p className="text-sm text-red-700">{errorOf('tiers')}</p> : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => {
            const lastPeople = Number(rows.at(-1)?.people);
            onChange([
              ...rows,
              {
                key: newRowKey(),
                people: Number.isInteger(lastPeople) && lastPeople > 0 ? String(lastPeople + 5) : '',
                price: '',
              },
            ]);
          }}
          className="rounded-lg border border-dashed border-stone-400 px-3 py-1.5 text-sm font-semibold text-stone-700 hover:bg-stone-100"
        >
          {t('add')}
        </button>
        {outOfOrder ? (
          <button
            type="button"
            onClick={() => onChange(sorted)}
            className="rounded-lg border border-stone-300 px-3 py-1.5 text-sm font-semibold text-stone-700 hover:bg-stone-100"
          >
            {t('sort')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
