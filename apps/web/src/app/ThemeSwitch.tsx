// The header's theme switch: three radio buttons (light, dark, system) bound to app/theme.ts.
import { useSyncExternalStore } from 'react';
import { resolvedTheme, setThemeChoice, subscribeTheme, THEME_CHOICES, type ThemeChoice, themeChoice } from './theme';

const LABELS: Record<ThemeChoice, string> = { light: 'Light', dark: 'Dark', system: 'System' };
const ICONS: Record<ThemeChoice, string> = { light: '☀', dark: '☾', system: '◐' };

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribeTheme, themeChoice);
}

export function useResolvedTheme() {
  return useSyncExternalStore(subscribeTheme, resolvedTheme);
}

export function ThemeSwitch() {
  const current = useThemeChoice();
  return (
    <fieldset className="theme-switch" data-testid="theme-switch">
      <legend className="visually-hidden">Theme</legend>
      {THEME_CHOICES.map((choice) => (
        <label
          key={choice}
          className={`theme-switch-option${current === choice ? ' is-on' : ''}`}
          title={choice === 'system' ? 'Follow the system' : `${LABELS[choice]} theme`}
        >
          <input
            type="radio"
            name="baton-theme"
            className="visually-hidden"
            value={choice}
            checked={current === choice}
            onChange={() => setThemeChoice(choice)}
            data-testid={`theme-${choice}`}
          />
          <span aria-hidden="true">{ICONS[choice]}</span>
          <span className="theme-switch-label">{LABELS[choice]}</span>
        </label>
      ))}
    </fieldset>
  );
}
