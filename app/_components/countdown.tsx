'use client';
// A countdown to a deadline that ticks every second. The server renders the same text (readable without
// JavaScript); the browser then keeps it current.
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatClock, formatTimeLeft } from '@/server/share/time-left';
import { useWords } from './use-words';

/** "Ends in 4 h 12 min" with a ticking clock; "Time is up" once the deadline passes. */
export function Countdown({
  deadline,
  serverNow,
  className,
}: {
  deadline: string;
  serverNow?: string;
  className?: string;
}) {
  const w = useWords();
  const t = useTranslations('time.countdown');
  const end = new Date(deadline).getTime();
  const [now, setNow] = useState(() => (serverNow ? new Date(serverNow).getTime() : Date.now()));
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = end - now;
  return (
    <p className={className}>
      {left > 0 ? (
        <span className="text-stone-700">
          {t.rich('endsIn', {
            time: left < 24 * 3600 * 1000 ? formatClock(w, left) : formatTimeLeft(w, left),
            clock: (chunks) => (
              <time
                dateTime={deadline}
                className="font-semibold text-stone-950 tabular-nums"
                suppressHydrationWarning
              >
                {chunks}
              </time>
            ),
          })}
        </span>
      ) : (
        <span className="font-semibold">{t('timeIsUp')}</span>
      )}
    </p>
  );
}
