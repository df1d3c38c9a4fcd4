// The badge that says which provider and models a run will use: clearly "Simulated" when no key is set.
import { useProviderInfo } from './api';

export function ProviderBadge() {
  const { data: provider, isError } = useProviderInfo();
  if (isError) return <span className="badge badge-danger">Provider unknown</span>;
  if (!provider) return <span className="badge">Provider…</span>;
  const models = `fast: ${provider.models.fast} · balanced: ${provider.models.balanced} · deep: ${provider.models.deep}`;
  return (
    <span className="run-provider" data-testid="run-provider-badge" title={models}>
      {provider.simulated ? (
        <span className="badge badge-warning">Simulated</span>
      ) : (
        <span className="badge badge-accent">
          OpenAI-compatible{provider.baseUrlHost ? ` · ${provider.baseUrlHost}` : ''}
        </span>
      )}
      <span className="run-provider-models subtle">{models}</span>
    </span>
  );
}
