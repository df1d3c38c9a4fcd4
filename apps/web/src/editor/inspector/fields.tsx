// Inspector fields: edits apply as you type (one undo step per field while it has focus); invalid text stays local.
import type { ModelTier } from '@baton/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useDocumentStore } from '../document-context';

interface FieldFrameProps {
  label: string;
  hint?: string;
  error?: string | null;
  id: string;
  children: React.ReactNode;
}

export function FieldFrame({ label, hint, error, id, children }: FieldFrameProps) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="status">
          {error}
        </p>
      ) : hint ? (
        <p className="field-hint">{hint}</p>
      ) : null}
    </div>
  );
}

/** Ends the field's undo step when it loses focus, so the next edit of it is a step of its own. */
function useCloseStepOnBlur() {
  const store = useDocumentStore();
  return () => store.getState().closeStep();
}

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  testId?: string;
}

/** A text that is always valid (descriptions, instructions): bound straight to the document. */
export function TextField({ label, value, onChange, hint, multiline, rows = 4, placeholder, testId }: TextFieldProps) {
  const id = useId();
  const onBlur = useCloseStepOnBlur();
  return (
    <FieldFrame label={label} hint={hint} id={id}>
      {multiline ? (
        <textarea
          id={id}
          className="textarea"
          rows={rows}
          value={value}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          data-testid={testId}
        />
      ) : (
        <input
          id={id}
          className="input"
          value={value}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          data-testid={testId}
        />
      )}
    </FieldFrame>
  );
}

export interface CheckedFieldProps<T> {
  label: string;
  value: T;
  /** Text -> the value to apply, or the sentence saying why it cannot be applied. */
  parse(text: string): { ok: true; value: T } | { ok: false; error: string };
  format(value: T): string;
  onChange(value: T): void;
  hint?: string;
  /** A warning about a value that is applied anyway (a duplicate name is a problem drafts may have). */
  warning?: (value: T) => string | null;
  multiline?: boolean;
  rows?: number;
  inputMode?: 'numeric' | 'decimal' | 'text';
  mono?: boolean;
  testId?: string;
  /** Text typed earlier that could not be applied: shown instead of the value, with its error. */
  initialText?: string;
  /** Told whenever the text stops or starts being applicable: the text and why, or null once it applies. */
  onUnapplied?(unapplied: { text: string; error: string } | null): void;
}

/**
 * A field whose text may be invalid while typing (a slug, a number, JSON): the text stays local, and the value
 * is applied to the document whenever it parses. An outside change (undo) replaces the text.
 */
export function CheckedField<T>(props: CheckedFieldProps<T>) {
  const { label, value, parse, format, onChange, hint, warning, multiline, rows = 8, inputMode, mono, testId } = props;
  const { initialText, onUnapplied } = props;
  const id = useId();
  const [text, setText] = useState(() => initialText ?? format(value));
  const [error, setError] = useState<string | null>(() => {
    if (initialText === undefined) return null;
    const parsed = parse(initialText);
    return parsed.ok ? null : parsed.error;
  });
  const applied = useRef(value);
  const reportUnapplied = useRef(onUnapplied);
  reportUnapplied.current = onUnapplied;
  const onBlur = useCloseStepOnBlur();

  useEffect(() => {
    if (value === applied.current) return;
    applied.current = value;
    setText(format(value));
    setError(null);
    reportUnapplied.current?.(null);
  }, [value, format]);

  const change = (next: string) => {
    setText(next);
    const parsed = parse(next);
    if (!parsed.ok) {
      setError(parsed.error);
      onUnapplied?.({ text: next, error: parsed.error });
      return;
    }
    setError(null);
    onUnapplied?.(null);
    applied.current = parsed.value;
    onChange(parsed.value);
  };

  const shown = error ?? warning?.(value) ?? null;
  const common = {
    id,
    value: text,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': shown ? `${id}-error` : undefined,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => change(event.target.value),
    onBlur,
    'data-testid': testId,
    spellCheck: mono ? false : undefined,
  };
  return (
    <FieldFrame label={label} hint={hint} error={shown} id={id}>
      {multiline ? (
        <textarea className={`textarea${mono ? ' is-mono' : ''}`} rows={rows} {...common} />
      ) : (
        <input className={`input${mono ? ' is-mono' : ''}`} inputMode={inputMode} {...common} />
      )}
    </FieldFrame>
  );
}

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  hint?: string;
  testId?: string;
}

export function SelectField<T extends string>({ label, value, options, onChange, hint, testId }: SelectFieldProps<T>) {
  const id = useId();
  return (
    <FieldFrame label={label} hint={hint} id={id}>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
        data-testid={testId}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** An integer within bounds, checked as typed. */
export function intParser(min: number, max: number, what: string) {
  return (text: string): { ok: true; value: number } | { ok: false; error: string } => {
    const trimmed = text.trim();
    const value = Number(trimmed);
    if (trimmed === '' || !Number.isInteger(value) || value < min || value > max) {
      return { ok: false, error: `${what} must be a whole number from ${min} to ${max}.` };
    }
    return { ok: true, value };
  };
}

export const formatNumber = (value: number) => String(value);

const TIERS: readonly { value: ModelTier; label: string }[] = [
  { value: 'fast', label: 'Fast' },
  { value: 'balanced', label: 'Balanced' },
  { value: 'deep', label: 'Deep' },
];

/** The model tier of an agent. */
export function TierField({ value, onChange }: { value: ModelTier; onChange(value: ModelTier): void }) {
  return <SelectField label="Model tier" value={value} options={TIERS} onChange={onChange} testId="field-tier" />;
}
