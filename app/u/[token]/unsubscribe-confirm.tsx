'use client';
// The unsubscribe page's button: POSTs the one-click request (the same endpoint mail providers use), then
// says it is done and offers to undo. Words come rendered from the server page.
import { useState } from 'react';

export type UnsubscribeWords = {
  confirm: string;
  working: string;
  done: string;
  undo: string;
  undone: string;
  failed: string;
};

const button =
  'rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60';

/** "Unsubscribe", then "Done" with an undo. */
export function UnsubscribeConfirm({ token, words }: { token: string; words: UnsubscribeWords }) {
  const [state, setState] = useState<'ask' | 'working' | 'done' | 'undoing' | 'undone'>('ask');
  const [error, setError] = useState<string | null>(null);

  async function post(undo: boolean) {
    setError(null);
    setState(undo ? 'undoing' : 'working');
    const body = new URLSearchParams({ 'List-Unsubscribe': 'One-Click' });
    if (undo) body.set('undo', '1');
    try {
      const res = await fetch(`/api/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST', body });
      if (!res.ok) {
        // A 400 carries its sentence in the reader's language.
        setError(res.status === 400 ? await res.text() : words.failed);
        setState(undo ? 'done' : 'ask');
        return;
      }
      setState(undo ? 'undone' : 'done');
    } catch {
      setError(words.failed);
      setState(undo ? 'done' : 'ask');
    }
  }

  return (
    <div className="mt-4" data-testid="unsubscribe">
      {state === 'ask' || state === 'working' ? (
        <button type="button" onClick={() => post(false)} disabled={state === 'working'} className={button}>
          {state === 'working' ? words.working : words.confirm}
        </button>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <p role="status" className="font-medium text-green-800">
            {state === 'undone' ? words.undone : words.done}
          </p>
          {state !== 'undone' && (
            <button
              type="button"
              onClick={() => post(true)}
              disabled={state === 'undoing'}
              className="text-sm font-semibold text-stone-700 underline hover:text-stone-950 disabled:opacity-60"
            >
              {state === 'undoing' ? words.working : words.undo}
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
