// A small coloured label for a deal, group or member status.
const TONES: Record<string, string> = {
  green: 'bg-green-100 text-green-800',
  amber: 'bg-amber-100 text-amber-800',
  stone: 'bg-stone-200 text-stone-700',
  red: 'bg-red-100 text-red-800',
  brand: 'bg-brand-100 text-brand-700',
};

const TONE_OF: Record<string, string> = {
  active: 'green',
  open: 'brand',
  won: 'green',
  captured: 'green',
  authorized: 'brand',
  paused: 'amber',
  closing: 'amber',
  reserved: 'amber',
  draft: 'stone',
  archived: 'stone',
  released: 'stone',
  left: 'stone',
  expired: 'stone',
  canceled: 'stone',
  failed: 'red',
};

/** The status word in a pill. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  const tone = TONES[TONE_OF[status] ?? 'stone'];
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`}>{label}</span>
  );
}
