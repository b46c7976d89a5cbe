'use client';
// Bulk "mark shipped": the merchant picks (or pastes) a CSV of order_number,carrier,tracking_number,
// tracking_url, reads a preview with each row's problem, and applies it only when every row is valid; the
// server applies the whole file in one transaction or nothing.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState, type ChangeEvent } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { buttonClass, inputClass } from '@/app/merchant/_components/field';
import { errorMessage } from '@/app/merchant/_lib/errors';
import { renderRefusal, type ErrorKey } from '@/server/errors';

const EXAMPLE =
  'order_number,carrier,tracking_number,tracking_url\nFL-7K3M9QTF,Yamato,1234-5678-9012,https://…';

/** The upload page's body. */
export function OrdersImport() {
  const t = useTranslations('orders');
  const errorT = useTranslations('errors');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const preview = useMutation(trpc.merchantOrders.previewTracking.mutationOptions());
  const apply = useMutation(
    trpc.merchantOrders.applyTracking.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.merchantOrders.pathKey() }),
      // Something changed between the preview and the apply: show the file's rows as they are now.
      onError: () => preview.mutate({ csv }),
    }),
  );
  const words = { t: errorT as (key: ErrorKey, values?: Record<string, string | number>) => string, locale };

  const changed = (text: string) => {
    setCsv(text);
    preview.reset();
    apply.reset();
  };
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    const text = await file.text();
    changed(text);
    preview.mutate({ csv: text });
  };

  const rows = preview.data?.rows ?? [];
  const ok = preview.data?.valid === true;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/merchant/orders" className="text-brand-700 underline">
            ← {t('nav.orders')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('import.title')}</h1>
        <p className="text-sm text-stone-700">{t('import.intro')}</p>
        <pre
          className="overflow-x-auto rounded-lg bg-stone-100 p-3 text-xs"
          aria-label={t('import.exampleLabel')}
        >
          {EXAMPLE}
        </pre>
      </header>

      <section className="space-y-3" aria-labelledby="import-file-h">
        <h2 id="import-file-h" className="text-lg font-bold">
          {t('import.fileHeading')}
        </h2>
        <div>
          <label htmlFor="tracking-file" className="mb-1 block text-sm font-semibold">
            {t('import.fileLabel')}
          </label>
          <input
            id="tracking-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => void pick(e)}
            className="block text-sm"
          />
          {fileName ? <p className="mt-1 text-xs text-stone-500">{fileName}</p> : null}
        </div>
        <div>
          <label htmlFor="tracking-text" className="mb-1 block text-sm font-semibold">
            {t('import.pasteLabel')}
          </label>
          <textarea
            id="tracking-text"
            className={`${inputClass} font-mono text-sm`}
            rows={6}
            spellCheck={false}
            value={csv}
            onChange={(e) => changed(e.target.value)}
          />
        </div>
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={csv.trim() === '' || preview.isPending}
          onClick={() => preview.mutate({ csv })}
        >
          {preview.isPending ? t('import.checking') : t('import.check')}
        </button>
        {preview.error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(preview.error, t('list.error'))}
          </p>
        ) : null}
      </section>

      {preview.data ? (
        <section className="space-y-3" aria-labelledby="import-preview-h">
          <h2 id="import-preview-h" className="text-lg font-bold">
            {t('import.previewHeading')}
          </h2>
          <p role="status" className={ok ? 'text-sm text-green-800' : 'text-sm font-semibold text-red-700'}>
            {ok
              ? t('import.allValid', { count: rows.length })
              : t('import.someInvalid', { count: preview.data.errorCount, total: rows.length })}
          </p>
          <div className="rounded-lg border border-stone-200 bg-white text-sm">
            <div
              aria-hidden="true"
              className="hidden grid-cols-[3rem_1fr_1fr_2fr] gap-3 bg-stone-100 px-3 py-2 text-xs text-stone-600 sm:grid"
            >
              <span>{t('import.line')}</span>
              <span>{t('import.order')}</span>
              <span>{t('import.tracking')}</span>
              <span>{t('import.result')}</span>
            </div>
            <ol aria-label={t('import.previewHeading')}>
              {rows.map((r) => (
                <li
                  key={r.line}
                  className={`grid grid-cols-[3rem_1fr] gap-x-3 gap-y-1 border-t border-stone-100 px-3 py-2 sm:grid-cols-[3rem_1fr_1fr_2fr] ${r.error ? 'bg-red-50' : ''}`}
                  data-testid={`import-line-${r.line}`}
                >
                  <span className="text-stone-600 tabular-nums">
                    <span className="sr-only">{t('import.line')} </span>
                    {r.line}
                  </span>
                  <span>
                    <span className="font-mono">{r.orderNumber || '—'}</span>
                    {r.alias ? (
                      <span className="block text-xs text-stone-500">
                        {r.alias} · {r.dealTitle}
                      </span>
                    ) : null}
                  </span>
                  <span className="col-start-2 sm:col-start-auto">
                    {r.carrier} {r.trackingNumber}
                  </span>
                  <span
                    className={`col-start-2 sm:col-start-auto ${r.error ? 'font-semibold text-red-800' : 'text-green-800'}`}
                  >
                    {r.error ? renderRefusal(words, r.error) : t('import.rowOk')}
                  </span>
                </li>
              ))}
            </ol>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {ok ? (
              <button
                type="button"
                className={buttonClass.primary}
                disabled={apply.isPending || apply.isSuccess}
                onClick={() => apply.mutate({ csv })}
              >
                {t('import.apply', { count: rows.length })}
              </button>
            ) : (
              <p className="text-sm text-stone-600">{t('import.fixFirst')}</p>
            )}
          </div>
          <p role="status" className="text-sm">
            {apply.data ? (
              <span className="font-semibold text-green-800">
                {t('import.applied', { count: apply.data.shipped })}
              </span>
            ) : null}
            {apply.error ? (
              <span className="text-red-700">{errorMessage(apply.error, t('list.error'))}</span>
            ) : null}
          </p>
          {apply.data ? (
            <Link href="/merchant/orders?status=shipped" className="text-brand-700 underline">
              {t('import.seeShipped')}
            </Link>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
