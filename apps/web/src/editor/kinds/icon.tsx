// The frame of a kind's icon: a 16px stroked SVG that takes the text colour.
import type { ReactNode } from 'react';

export function KindIcon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
      {children}
    </svg>
  );
}
