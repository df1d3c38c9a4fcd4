// The hosts of the configuration's `httpFetch.allowedHosts`: `example.com` (that host), `*.example.com` (its
// subdomains), `example.com:8443` (that port only), `*` (any host; the address policy still applies). The most
// specific entry that matches wins, and its headers (credentials) go to that host only.
import type { FetchHostConfig } from '../config/tools-config';

export function matchHost(url: URL, allowed: readonly FetchHostConfig[]): FetchHostConfig | null {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const matches = (entry: FetchHostConfig, kind: 'exact' | 'subdomain' | 'any') => {
    if (entry.pattern === '*') return kind === 'any';
    const [name, wantPort] = entry.pattern.split(':') as [string, string | undefined];
    if (wantPort !== undefined && wantPort !== port) return false;
    if (name.startsWith('*.')) return kind === 'subdomain' && host.endsWith(name.slice(1));
    return kind === 'exact' && host === name;
  };
  for (const kind of ['exact', 'subdomain', 'any'] as const) {
    const found = allowed.find((entry) => matches(entry, kind));
    if (found) return found;
  }
  return null;
}
