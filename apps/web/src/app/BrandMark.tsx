// Baton's logo mark: a baton passed between two points, drawn inline so it follows the theme.
export function BrandMark({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="brand-mark">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path d="M9 23 23 9" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" />
      <circle cx="23" cy="9" r="3" fill="#fff" />
      <circle cx="9" cy="23" r="2" fill="#fff" opacity="0.7" />
    </svg>
  );
}
