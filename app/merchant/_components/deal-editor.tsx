'use client';
// The deal editor: every setting of a deal, checked as the merchant types with the server's own rules,
// a live price/revenue preview beside it, and save / publish / pause / archive. While a save or publish is
// on its way every field is disabled (nothing typed meanwhile can be lost) and the button says what is
// happening; a published deal lands on its "Your deal is live" page.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { CURRENCY_CODES } from '@/server/pricing';
import { errorFields, errorMessage } from '@/app/merchant/_lib/errors';
import { BracketEditor } from './bracket-editor';
import { ConfirmDialog } from './confirm-dialog';
import { DealTranslationsFields } from './deal-translations-fields';
import {
  checkDealForm,
  dealFormFromDeal,
  emptyDealForm,
  type DealApiInput,
  type DealForm,
} from './deal-form-model';
import { buttonClass, Field, inputClass } from './field';
import { FulfilmentFields } from './fulfilment-fields';
import { ImageUpload } from './image-upload';
import { PriceChart } from './price-chart';
import { RewardsFields } from './rewards-fields';
import { StatusBadge } from './status-badge';
import type { DealStatus } from '@/db/schema';
import { DEAL_FIELDS, MAX_WELCOME_MESSAGE } from '@/server/deals/deal-input';
import type { ErrorWords } from '@/server/errors';
import { windowModeWords } from './window-mode';

type ExistingDeal = DealApiInput & {
  id: string;
  slug: string;
  status: DealStatus;
  termsLocked: boolean;
};

type Props = {
  deal: ExistingDeal | null;
  defaultCurrency: string;
  /** The shop's days to fix a refused payment (a long window's card charged at close may fail; default 7). */
  paymentFixDays?: number;
  /** Publishing was just refused because the shop is not connected to Stripe (a new deal saved first). */
  refusedConnect?: boolean;
};

// Which form control shows each server field, for focusing the first problem.
const FIRST_FIELD_ORDER: readonly string[] = DEAL_FIELDS;

/** Create or edit a deal. */
export function DealEditor({ deal, defaultCurrency, paymentFixDays = 7, refusedConnect = false }: Props) {
  const t = useTranslations('merchant');
  const generic = t('words.genericError');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // A new deal is written in the console's language until the merchant says otherwise.
  const locale = useLocale();
  const [form, setForm] = useState<DealForm>(() =>
    deal ? dealFormFromDeal(deal) : emptyDealForm(defaultCurrency, locale),
  );
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const errorT = useTranslations('errors');
  const [notice, setNotice] = useState<{
    kind: 'ok' | 'error';
    text: string;
    /** The refusal was the shop not yet connected to Stripe: the notice links to Payments. */
    connect?: boolean;
  } | null>(() =>
    refusedConnect ? { kind: 'error', text: errorT('deal.connectFirst'), connect: true } : null,
  );
  const [confirmArchive, setConfirmArchive] = useState(false);
  // Set from the click until the next page shows: saving, publishing and moving on are one wait.
  const [pending, setPending] = useState<'save' | 'publish' | null>(null);

  const create = useMutation(trpc.deals.create.mutationOptions());
  const update = useMutation(trpc.deals.update.mutationOptions());
  const publish = useMutation(trpc.deals.publish.mutationOptions());
  const pause = useMutation(trpc.deals.pause.mutationOptions());
  const archive = useMutation(trpc.deals.archive.mutationOptions());
  const busy =
    pending !== null ||
    create.isPending ||
    update.isPending ||
    publish.isPending ||
    pause.isPending ||
    archive.isPending;

  const formWords = useTranslations('merchant.form');
  // The server's rules' messages, said in the merchant's language as the server would say them.
  const errorWords = useMemo<ErrorWords>(() => ({ t: errorT, locale }), [errorT, locale]);
  const check = useMemo(
    () => checkDealForm(form, undefined, formWords, errorWords),
    [form, formWords, errorWords],
  );
  const locked = deal?.termsLocked ?? false;
  const status = deal?.status ?? 'draft';
  // Which way buyers pay for the window typed so far (a hold, or a card saved and charged at close).
  const windowMode = windowModeWords(check.windowSeconds, paymentFixDays);

  // A field's message: the server's answer until the field changes, else the live check once touched.
  const bracketKey = (k: string) => {
    const m = /^tiers\.(\d+)\.(minMembers|unitPrice)$/.exec(k);
    const row = m ? form.brackets[Number(m[1])] : undefined;
    return row && m ? `row:${row.key}:${m[2] === 'minMembers' ? 'people' : 'price'}` : k;
  };
  const errorOf = (k: string): string | undefined =>
    serverFields[k] ?? (submitted || touched.has(bracketKey(k)) ? check.errors[k] : undefined);

  function change(patch: Partial<DealForm>, touchKey?: string) {
    setForm((f) => ({ ...f, ...patch }));
    const keys = touchKey ? [touchKey] : Object.keys(patch);
    setTouched((t) => new Set([...t, ...keys]));
    setServerFields({});
    setNotice(null);
  }

  function focusFirstProblem(errors: Record<string, string>) {
    const keys = Object.keys(errors);
    const first = FIRST_FIELD_ORDER.map((f) => keys.find((k) => k === f || k.startsWith(`${f}.`))).find(
      Boolean,
    );
    if (!first) return;
    const m = /^tiers\.(\d+)\.(minMembers|unitPrice)$/.exec(first);
    const row = m ? form.brackets[Number(m[1])] : undefined;
    const id =
      row && m ? `bracket-${row.key}-${m[2] === 'minMembers' ? 'people' : 'price'}` : `deal-${first}`;
    document.getElementById(id)?.focus();
  }

  /** Saves the form; returns the deal id, or null when something needs fixing. */
  async function save(): Promise<string | null> {
    setSubmitted(true);
    setNotice(null);
    if (!check.input) {
      setNotice({
        kind: 'error',
        text: t('editor.needsAttention'),
      });
      focusFirstProblem(check.errors);
      return null;
    }
    try {
      const input = check.input;
      const saved = deal
        ? await update.mutateAsync(
            locked
              ? {
                  dealId: deal.id,
                  title: input.title,
                  description: input.description,
                  contentLocale: input.contentLocale,
                  translations: input.translations,
                  imageUrl: input.imageUrl,
                  welcomeMessage: input.welcomeMessage,
                  // Each group freezes the rewards when it opens, so they may change while one is open.
                  openerReward: input.openerReward,
                  commissionBps: input.commissionBps,
                  commissionHoldDays: input.commissionHoldDays,
                  // The options have their own rules while a group is open (the server says what it refuses).
                  fulfilment: input.fulfilment,
                }
              : { dealId: deal.id, ...input },
          )
        : await create.mutateAsync(input);
      await queryClient.invalidateQueries();
      return saved.id;
    } catch (err) {
      const fields = errorFields(err);
      setServerFields(fields);
      setNotice({ kind: 'error', text: errorMessage(err, generic) });
      focusFirstProblem(fields);
      return null;
    }
  }

  async function onSave() {
    setPending('save');
    const id = await save();
    if (!id) return setPending(null);
    if (!deal) router.push(`/merchant/deals/${id}/edit?saved=1`);
    else {
      setPending(null);
      setNotice({ kind: 'ok', text: t('words.saved') });
      router.refresh();
    }
  }

  async function onPublish() {
    setPending('publish');
    const id = await save();
    if (!id) return setPending(null);
    try {
      await publish.mutateAsync({ dealId: id });
      await queryClient.invalidateQueries();
      // The form stays disabled until the live page replaces it.
      router.push(`/merchant/deals/${id}/live`);
    } catch (err) {
      setPending(null);
      const text = errorMessage(err, generic);
      const connect = text === errorT('deal.connectFirst');
      // A new deal was saved as a draft before the refusal: its own page says why and keeps what was typed.
      if (!deal && connect) return router.push(`/merchant/deals/${id}/edit?refused=connect`);
      setNotice({ kind: 'error', text, connect });
    }
  }

  async function run(action: 'pause' | 'archive') {
    if (!deal) return;
    try {
      await (action === 'pause' ? pause : archive).mutateAsync({ dealId: deal.id });
      await queryClient.invalidateQueries();
      setConfirmArchive(false);
      if (action === 'archive') router.push('/merchant');
      else {
        setNotice({ kind: 'ok', text: t('editor.paused') });
        router.refresh();
      }
    } catch (err) {
      setNotice({ kind: 'error', text: errorMessage(err, generic) });
    }
  }

  const text = (
    k: keyof DealForm & string,
    label: string,
    opts: { hint?: string; inputMode?: 'numeric' | 'decimal'; disabled?: boolean; className?: string } = {},
  ) => {
    const err = errorOf(k === 'windowValue' ? 'windowSeconds' : k);
    const id = `deal-${k === 'windowValue' ? 'windowSeconds' : k}`;
    return (
      <Field label={label} htmlFor={id} hint={opts.hint} error={err}>
        <input
          id={id}
          value={String(form[k] ?? '')}
          inputMode={opts.inputMode}
          disabled={opts.disabled}
          onChange={(e) =>
            change({ [k]: e.target.value } as Partial<DealForm>, k === 'windowValue' ? 'windowSeconds' : k)
          }
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `${id}-error` : undefined}
          className={`${inputClass} ${opts.className ?? ''}`}
        />
      </Field>
    );
  };

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{deal ? t('editor.editTitle') : t('editor.newTitle')}</h1>
        {deal ? <StatusBadge status={status} label={t('words.dealStatus', { status })} /> : null}
        {deal ? (
          <Link
            href={`/merchant/deals/${deal.id}`}
            className="ml-auto text-sm font-semibold text-brand-700 underline"
          >
            {t('editor.groupsAndInsights')}
          </Link>
        ) : null}
      </div>
      {locked ? (
        <p className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('editor.locked')}</p>
      ) : null}

      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
        className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_380px]"
      >
        <fieldset disabled={busy} className="min-w-0 space-y-5">
          {text('title', t('editor.title'))}
          <Field label={t('editor.description')} htmlFor="deal-description" error={errorOf('description')}>
            <textarea
              id="deal-description"
              rows={3}
              value={form.description}
              onChange={(e) => change({ description: e.target.value })}
              className={inputClass}
            />
          </Field>
          <DealTranslationsFields
            contentLocale={form.contentLocale}
            translations={form.translations}
            onChange={change}
            errorOf={errorOf}
          />
          <ImageUpload
            id="deal-image"
            label={t('editor.photo')}
            value={form.imageUrl}
            onChange={(url) => change({ imageUrl: url })}
          />
          <Field
            label={t('editor.welcomeMessage')}
            htmlFor="deal-welcomeMessage"
            hint={t('editor.welcomeMessageHint', { max: MAX_WELCOME_MESSAGE })}
            error={errorOf('welcomeMessage')}
          >
            <textarea
              id="deal-welcomeMessage"
              rows={3}
              maxLength={MAX_WELCOME_MESSAGE}
              value={form.welcomeMessage}
              onChange={(e) => change({ welcomeMessage: e.target.value })}
              aria-invalid={errorOf('welcomeMessage') ? true : undefined}
              aria-describedby={errorOf('welcomeMessage') ? 'deal-welcomeMessage-error' : undefined}
              className={inputClass}
            />
          </Field>

          <div className="grid grid-cols-2 gap-3">
            <Field label={t('editor.currency')} htmlFor="deal-currency" error={errorOf('currency')}>
              <select
                id="deal-currency"
                value={form.currency}
                disabled={locked}
                onChange={(e) => change({ currency: e.target.value })}
                className={inputClass}
              >
                {CURRENCY_CODES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </Field>
            {text('listPrice', t('editor.listPrice'), {
              hint: t('editor.listPriceHint'),
              inputMode: 'decimal',
              disabled: locked,
            })}
          </div>

          <BracketEditor
            rows={form.brackets}
            currency={form.currency}
            listPrice={check.listPrice}
            disabled={locked}
            errorOf={errorOf}
            onChange={(brackets, touchKey) => change({ brackets }, touchKey ?? 'brackets')}
          />

          <fieldset className="space-y-3" disabled={locked}>
            <legend className="mb-1 text-sm font-semibold text-stone-800">{t('editor.groupRules')}</legend>
            <div className="grid grid-cols-2 gap-3">
              <div>
                {text('windowValue', t('editor.window'), {
                  inputMode: 'decimal',
                  hint: t('editor.windowHint'),
                })}
              </div>
              <Field label={t('editor.unit')} htmlFor="deal-windowUnit">
                <select
                  id="deal-windowUnit"
                  value={form.windowUnit}
                  onChange={(e) =>
                    change({ windowUnit: e.target.value as DealForm['windowUnit'] }, 'windowSeconds')
                  }
                  className={inputClass}
                >
                  <option value="minutes">{t('editor.minutes')}</option>
                  <option value="hours">{t('editor.hours')}</option>
                  <option value="days">{t('editor.days')}</option>
                </select>
              </Field>
              {windowMode && (
                <p
                  className="col-span-2 rounded-lg bg-stone-50 p-2 text-sm text-stone-800 ring-1 ring-stone-200"
                  data-testid="window-mode"
                  aria-live="polite"
                >
                  {t(windowMode.key, windowMode.values)}
                </p>
              )}
              {text('maxMembers', t('editor.maxMembers'), { inputMode: 'numeric' })}
              {text('qrCutoff', t('editor.qrCutoff'), {
                inputMode: 'numeric',
                hint: t('editor.qrCutoffHint'),
              })}
              {text('perBuyerMax', t('editor.perBuyerMax'), { inputMode: 'numeric' })}
              {text('stock', t('editor.stock'), {
                inputMode: 'numeric',
                hint: t('editor.stockHint'),
              })}
            </div>
          </fieldset>

          <FulfilmentFields
            value={form.fulfilment}
            currency={form.currency}
            locked={locked}
            onChange={(fulfilment, touchKey) => change({ fulfilment }, touchKey)}
            errorOf={errorOf}
          />

          <RewardsFields
            value={form.rewards}
            currency={form.currency}
            onChange={(rewards, touchKey) => change({ rewards }, touchKey)}
            errorOf={errorOf}
          />
        </fieldset>

        <aside className="space-y-3 lg:sticky lg:top-4 lg:self-start" aria-label={t('editor.preview')}>
          <h2 className="text-lg font-bold">{t('editor.preview')}</h2>
          <PriceChart
            tiers={check.previewTiers}
            currency={form.currency}
            listPrice={check.listPrice}
            maxMembers={check.maxMembers}
          />
        </aside>

        <div className="space-y-3 lg:col-span-2">
          <div role="status" aria-live="polite">
            {notice ? (
              <p
                className={`rounded-lg px-3 py-2 text-sm ${notice.kind === 'ok' ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}
              >
                {notice.text}
                {notice.connect ? (
                  <>
                    {' '}
                    <Link href="/merchant/payments" className="font-semibold underline">
                      {t('editor.connectLink')}
                    </Link>
                  </>
                ) : null}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={busy} className={buttonClass.secondary}>
              {pending === 'save'
                ? t('words.saving')
                : deal
                  ? t('editor.saveChanges')
                  : t('editor.saveDraft')}
            </button>
            {status === 'draft' || status === 'paused' ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => void onPublish()}
                className={buttonClass.primary}
              >
                {pending === 'publish'
                  ? status === 'paused'
                    ? t('editor.resuming')
                    : t('editor.publishing')
                  : status === 'paused'
                    ? t('editor.saveAndResume')
                    : t('words.publish')}
              </button>
            ) : null}
            {status === 'active' ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => void run('pause')}
                className={buttonClass.secondary}
              >
                {t('words.pause')}
              </button>
            ) : null}
            {deal && status !== 'archived' ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => setConfirmArchive(true)}
                className={`${buttonClass.danger} ml-auto`}
              >
                {t('editor.archive')}
              </button>
            ) : null}
          </div>
        </div>
      </form>

      <ConfirmDialog
        open={confirmArchive}
        title={t('editor.archiveTitle')}
        confirmLabel={t('editor.archiveConfirm')}
        danger
        busy={archive.isPending}
        error={archive.error ? errorMessage(archive.error, generic) : null}
        onConfirm={() => void run('archive')}
        onClose={() => setConfirmArchive(false)}
      >
        <p>{t('editor.archiveBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
