// A member's generated avatar: their initials on a colour picked from their alias. No remote images,
// the same alias always gets the same colour. Server or client; no state.

// White text on each of these is at least 4.5:1 (WCAG AA).
const PALETTE = [
  '#b91c1c',
  '#c2410c',
  '#a16207',
  '#15803d',
  '#0f766e',
  '#0369a1',
  '#1d4ed8',
  '#6d28d9',
  '#a21caf',
  '#be185d',
];

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Up to two initials from an alias: "Sunny Otter" → "SO", "mei" → "M". */
export function initialsOf(alias: string): string {
  const words = alias.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? '?'];
  return letters.map((w) => Array.from(w ?? '?')[0]?.toUpperCase() ?? '?').join('');
}

/** A round avatar for an alias (decorative: the alias is written next to it). */
export function Avatar({ alias, size = 36 }: { alias: string; size?: number }) {
  const color = PALETTE[hash(alias) % PALETTE.length] ?? '#1d4ed8';
  return (
    <svg width={size} height={size} viewBox="0 0 36 36" aria-hidden="true" className="shrink-0">
      <circle cx="18" cy="18" r="18" fill={color} />
      <text
        x="18"
        y="18"
        dy="0.35em"
        textAnchor="middle"
        fontSize="14"
        fontWeight="700"
        fill="#fff"
        fontFamily="system-ui, sans-serif"
      >
        {initialsOf(alias)}
      </text>
    </svg>
  );
}
