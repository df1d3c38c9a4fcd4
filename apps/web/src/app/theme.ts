// The colour theme: light, dark, or the system's, remembered in this browser. Outside React so that the page gets
// its theme before the first render (no flash of the wrong one) and the canvas and the switch read the same value.

export const THEME_CHOICES = ['light', 'dark', 'system'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type ResolvedTheme = 'light' | 'dark';

const STORAGE_KEY = 'baton.theme';
const listeners = new Set<() => void>();
const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function storedChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (THEME_CHOICES as readonly string[]).includes(value ?? '') ? (value as ThemeChoice) : 'system';
  } catch {
    return 'system'; // storage can be blocked; the system's theme is the sensible default
  }
}

let choice: ThemeChoice = storedChoice();

export function themeChoice(): ThemeChoice {
  return choice;
}

export function resolvedTheme(): ResolvedTheme {
  if (choice !== 'system') return choice;
  return darkQuery?.matches ? 'dark' : 'light';
}

export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, but still applied for this page.
  }
  apply();
}

export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Puts the theme on <html data-theme>, which the CSS variables follow. */
function apply(): void {
  document.documentElement.dataset.theme = resolvedTheme();
  document.documentElement.dataset.themeChoice = choice;
  for (const listener of listeners) listener();
}

/** Called once at start: applies the remembered theme and follows the system while the choice is "system". */
export function initTheme(): void {
  apply();
  darkQuery?.addEventListener('change', () => {
    if (choice === 'system') apply();
  });
}
