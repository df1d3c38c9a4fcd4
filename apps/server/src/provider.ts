// Picks the model provider from the config: the OpenAI-compatible one with a key, the simulated one without.
import type { ServerConfig } from './config';
import { type Logger, type SdkLogger, sdkLogger } from './logger';
import type { ModelProvider } from './runs/engine-port';

export interface ProviderFactories {
  createOpenAIProvider(options: {
    apiKey: string;
    baseURL?: string;
    models: { fast: string; balanced: string; deep: string };
    /** The SDK's own messages (at its default level, `warn`) go here, scrubbed, instead of to the console. */
    logger: SdkLogger;
  }): ModelProvider;
  createSimulatedProvider(options: {
    callDelayMs?: number;
    tokenDelayMs?: number;
    confidence?: number;
    models?: { fast: string; balanced: string; deep: string };
  }): ModelProvider;
}

export function createProvider(config: ServerConfig, factories: ProviderFactories, logger: Logger): ModelProvider {
  if (config.openai) {
    return factories.createOpenAIProvider({
      apiKey: config.openai.apiKey,
      ...(config.openai.baseURL ? { baseURL: config.openai.baseURL } : {}),
      models: config.models,
      logger: sdkLogger(logger),
    });
  }
  return factories.createSimulatedProvider({ ...config.simulated });
}

/** Host names the Host header may carry: our loopback names, the bound host, and any configured ones. */
export function allowedHostnames(config: ServerConfig, loopback: boolean): ReadonlySet<string> | null {
  const configured = config.allowedHosts;
  if (!loopback) return configured.length > 0 ? new Set([...configured, config.host.toLowerCase()]) : null;
  return new Set(['localhost', '127.0.0.1', '::1', config.host.replace(/^\[|\]$/g, '').toLowerCase(), ...configured]);
}
