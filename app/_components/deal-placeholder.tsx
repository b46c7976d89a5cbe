// What a deal without a photo shows instead of a blank box: the brand's gradient and the product's first
// letter. Decorative (hidden from screen readers); the title is always written beside it.

/** A stand-in for a missing product photo; size it with `className` (height, rounding, font size). */
export function DealPlaceholder({ title, className = '' }: { title: string; className?: string }) {
  const letter = Array.from(title.trim())[0]?.toUpperCase() ?? '';
  return (
    <div
      aria-hidden="true"
      className={`flex w-full items-center justify-center bg-gradient-to-br from-brand-100 to-brand-500 font-bold text-white/90 ${className}`}
    >
      {letter}
    </div>
  );
}
