// The top bar of every page: brand, the model provider in use, the theme switch, and sign-out when the server wants a
// token.
import type { ProviderInfo } from '@baton/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { apiFetch } from '../api/client';
import { useHealth } from '../api/graphs';
import { BrandMark } from './BrandMark';
import { graphsPath, navigate } from './router';
import { ThemeSwitch } from './ThemeSwitch';
import { WaitingDecisions } from './WaitingDecisions';

export function useProviderInfo() {
  return useQuery({
    queryKey: ['provider'],
    queryFn: () => apiFetch<ProviderInfo>('/api/provider'),
    staleTime: 5 * 60_000,
  });
}

/** "Simulated" or the model host, so nobody mistakes the offline provider for a real model. */
export function ProviderBadge() {
  const { data } = useProviderInfo();
  if (!data) return null;
  if (data.simulated) {
    return (
      <span
        className="badge badge-warning badge-dot"
        title="No OPENAI_API_KEY is set: runs use the simulated provider, offline and deterministic."
        data-testid="provider-badge"
      >
        Simulated models
      </span>
    );
  }
  return (
    <span
      className="badge badge-success badge-dot"
      title={`Models: ${data.models.fast}, ${data.models.balanced}, ${data.models.deep}`}
      data-testid="provider-badge"
    >
      {data.baseUrlHost ?? 'OpenAI'}
    </span>
  );
}

export function AppHeader({ children }: { children?: ReactNode }) {
  const health = useHealth();
  const client = useQueryClient();

  async function signOut() {
    await apiFetch<void>('/api/session', { method: 'DELETE' }).catch(() => undefined);
    client.clear();
    window.location.reload();
  }

  return (
    <header className="app-header">
      <a
        className="brand"
        href={graphsPath()}
        onClick={(event) => {
          event.preventDefault();
          navigate(graphsPath());
        }}
      >
        <BrandMark />
        <span className="brand-name">Baton</span>
      </a>
      <div className="app-header-main">{children}</div>
      <div className="app-header-end">
        <WaitingDecisions />
        <ProviderBadge />
        <ThemeSwitch />
        {health.data?.authRequired && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={signOut}>
            Sign out
          </button>
        )}
      </div>
    </header>
  );
}
