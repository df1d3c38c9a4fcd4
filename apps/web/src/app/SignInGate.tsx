// Shows the sign-in screen whenever the API says 401, asks for BATON_TOKEN once, and lets the app carry on.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { apiFetch, errorMessage, onUnauthorized } from '../api/client';
import { BrandMark } from './BrandMark';

export function SignInGate({ children }: { children: ReactNode }) {
  const [signedOut, setSignedOut] = useState(false);
  const client = useQueryClient();

  useEffect(() => onUnauthorized(() => setSignedOut(true)), []);

  if (!signedOut) return children;
  return (
    <SignInScreen
      onSignedIn={() => {
        setSignedOut(false);
        void client.invalidateQueries();
      }}
    />
  );
}

function SignInScreen({ onSignedIn }: { onSignedIn(): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiFetch<void>('/api/session', { method: 'POST', json: { token } });
      onSignedIn();
    } catch (caught) {
      setError(
        caught instanceof Error && 'status' in caught && caught.status === 401
          ? 'That token is not right. Check BATON_TOKEN on the server.'
          : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} data-testid="sign-in">
        <BrandMark size={36} />
        <h1 className="signin-title">Sign in to Baton</h1>
        <p className="muted signin-text">
          This server is protected by an access token (BATON_TOKEN). Enter it once; the browser keeps a secure session
          cookie.
        </p>
        <label className="field">
          <span className="field-label">Access token</span>
          <input
            className="input"
            type="password"
            autoComplete="current-password"
            // biome-ignore lint/a11y/noAutofocus: the only field on a screen that exists to fill it in
            autoFocus
            value={token}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
