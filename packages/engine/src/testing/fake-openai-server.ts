// A real HTTP server that speaks enough of the OpenAI chat completions API for tests and benchmarks: scriptable
// per request, recording every request, holding replies behind gates, and injecting faults.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatedReply } from '../model/simulated-brain';
import { isStrictCompatible } from '../model/strict-schema';
import { type ChatRequestBody, requestPurpose, responseFormatOf, userText } from './chat-request';

/** What the fake answers one request with. */
export interface FakeReply {
  /** The assistant's text. `json` is a shortcut for `JSON.stringify(json)`. */
  text?: string;
  json?: unknown;
  /** Stream the text in exactly these pieces (their concatenation is the text); default: one piece per word. */
  chunks?: string[];
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Wait this long between streamed chunks (a slow stream). */
  chunkDelayMs?: number;
  /**
   * Tool calls the reply makes (after any text), streamed as the API does: the id and name first, then the
   * arguments in `argumentChunks` (default: in pieces of 8 characters). The reply ends with `tool_calls`.
   */
  toolCalls?: FakeToolCall[];
  /** The `finish_reason` the reply ends with (default `tool_calls` with tool calls, else `stop`): `length`... */
  finishReason?: string;
  /** Hold this reply until `release()` (in addition to `holdAll`). */
  hold?: boolean;
  fault?: FakeFault;
}

export interface FakeToolCall {
  /** Default `call_fake_<n>`. */
  id?: string;
  name: string;
  /** The arguments as JSON text (or any text: a model may write broken JSON). */
  arguments: string;
  argumentChunks?: string[];
}

export type FakeFault =
  /** An HTTP error: 429 (with `retry-after` seconds), 500, 400... */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  /** Streams this many chunks, then destroys the connection without finishing. */
  | { kind: 'cut'; afterChunks: number }
  /**
   * A 200 whose body is not JSON (non-streaming) or whose stream carries a broken chunk: `data` is that chunk's
   * data line (default `{"id": broken`), as a server that garbles or echoes text would send it.
   */
  | { kind: 'malformed_body'; data?: string };

export interface RecordedRequest {
  /** 0-based arrival order. */
  index: number;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: ChatRequestBody;
  /** The client went away before the reply ended (an abort). */
  aborted: boolean;
  /** The reply was sent in full. */
  answered: boolean;
}

export type Responder = (request: RecordedRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface FakeOpenAIServerOptions {
  /** Answers each request; `undefined` falls back to the default (a simulated-provider reply). */
  respond?: Responder;
  /** Hold every reply until released. */
  holdAll?: boolean;
  /** Confidence of default structured replies (default 0.9). */
  confidence?: number;
  /** When false, a json_schema response_format gets a 400, as servers without structured output answer. */
  supportsJsonSchema?: boolean;
  /** When false, a json_object response_format gets a 400 too. */
  supportsJsonObject?: boolean;
  /** Wait this long between the streamed chunks of every reply that sets no delay of its own (slow models). */
  chunkDelayMs?: number;
}

export interface FakeOpenAIServer {
  /** Base URL for the openai SDK: `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  /** Every request in arrival order. */
  requests: RecordedRequest[];
  /** Replies used once each, in order, before `respond` is asked. */
  enqueue(...replies: FakeReply[]): void;
  setResponder(respond: Responder | undefined): void;
  setHoldAll(hold: boolean): void;
  /** Requests waiting at a gate now, and the most that ever waited at once. */
  readonly heldCount: number;
  readonly maxHeld: number;
  /** Resolves once at least `count` requests are held at once. */
  waitForHeld(count: number): Promise<void>;
  /** Resolves once at least `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  /** Resolves once at least `count` requests were abandoned by the client (aborted) before their reply ended. */
  waitForAborted(count: number): Promise<void>;
  /** How many requests had exactly this content (see `requestContentKey`). */
  countByContent(key: string): number;
  /**
   * Holds the `nth` request (1-based, counted from this call) that `match` accepts, until `release()` or until the
   * client goes away; resolves with it once it is held. What a test uses to act at a point chosen by what was seen.
   */
  holdNth(match: (request: RecordedRequest) => boolean, nth: number): Promise<RecordedRequest>;
  /** Lets `count` held requests (oldest first; all when omitted) reply. Returns how many were released. */
  release(count?: number): number;
  close(): Promise<void>;
}

export async function startFakeOpenAIServer(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  let respond = options.respond;
  let holdAll = options.holdAll ?? false;
  const held: (() => void)[] = [];
  const holdRules: { match: (request: RecordedRequest) => boolean; left: number; onHeld(r: RecordedRequest): void }[] =
    [];
  const contentCounts = new Map<string, number>();
  let maxHeld = 0;
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const watcher of [...watchers]) watcher();
  };
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      if (ready()) return resolve();
      const watcher = () => {
        if (!ready()) return;
        watchers.delete(watcher);
        resolve();
      };
      watchers.add(watcher);
    });

  const server = createServer((req, res) => {
    void handle(req, res).catch((error) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      sendJson(res, 404, { error: { message: `No route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
      return;
    }
    let body: ChatRequestBody;
    try {
      body = JSON.parse(raw) as ChatRequestBody;
    } catch {
      sendJson(res, 400, { error: { message: 'The body is not JSON.', type: 'invalid_request_error' } });
      return;
    }
    const record: RecordedRequest = {
      index: requests.length,
      path: req.url,
      headers: req.headers,
      body,
      aborted: false,
      answered: false,
    };
    requests.push(record);
    const key = requestContentKey(body);
    contentCounts.set(key, (contentCounts.get(key) ?? 0) + 1);
    let ruleHold: ((r: RecordedRequest) => void) | undefined;
    for (const rule of holdRules) {
      if (rule.left > 0 && rule.match(record) && --rule.left === 0) {
        ruleHold = rule.onHeld;
        holdRules.splice(holdRules.indexOf(rule), 1);
        break;
      }
    }
    res.on('close', () => {
      if (record.answered) return;
      record.aborted = true;
      notify();
    });
    notify();

    const refusal = refuseFormat(body, options);
    if (refusal) {
      sendJson(res, 400, { error: { message: refusal, type: 'invalid_request_error', param: 'response_format' } });
      record.answered = true;
      return;
    }
    const reply = queue.shift() ?? (await respond?.(record)) ?? defaultReply(body, options.confidence ?? 0.9);
    if (holdAll || reply.hold || ruleHold) {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        maxHeld = Math.max(maxHeld, held.length);
        ruleHold?.(record);
        notify();
        res.on('close', () => {
          const at = held.indexOf(resolve);
          if (at >= 0) held.splice(at, 1);
          resolve();
        });
      });
      if (record.aborted) return;
    }
    await answer(
      res,
      body,
      reply.chunkDelayMs === undefined ? { ...reply, chunkDelayMs: options.chunkDelayMs } : reply,
    );
    record.answered = !record.aborted;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    setResponder: (next) => {
      respond = next;
    },
    setHoldAll: (hold) => {
      holdAll = hold;
    },
    get heldCount() {
      return held.length;
    },
    get maxHeld() {
      return maxHeld;
    },
    countByContent: (key) => contentCounts.get(key) ?? 0,
    holdNth: (match, nth) =>
      new Promise<RecordedRequest>((resolve) => {
        holdRules.push({ match, left: nth, onHeld: resolve });
      }),
    waitForHeld: (count) => until(() => held.length >= count),
    waitForRequests: (count) => until(() => requests.length >= count),
    waitForAborted: (count) => until(() => requests.filter((r) => r.aborted).length >= count),
    release: (count = held.length) => {
      const released = held.splice(0, count);
      for (const resolve of released) resolve();
      return released.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const resolve of held.splice(0)) resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The identity of a request's content: its model and messages (role and text). Equal keys are the same call sent
 * again, whatever its headers or stream options; the engine records the same model and messages on `action.started`.
 */
export function requestContentKey(body: { model: string; messages: { role: string; content?: unknown }[] }): string {
  const messages = body.messages.map((m) => ({
    role: m.role,
    content: typeof m.content === 'string' ? m.content : '',
  }));
  return createHash('sha256')
    .update(JSON.stringify({ model: body.model, messages }))
    .digest('hex');
}

/** Like the real API: strict schemas outside the strict subset, or formats the server "lacks", get a 400. */
function refuseFormat(body: ChatRequestBody, options: FakeOpenAIServerOptions): string | null {
  const format = body.response_format;
  if (!format) return null;
  if (format.type === 'json_schema') {
    if (options.supportsJsonSchema === false)
      return 'response_format of type json_schema is not supported by this model.';
    if (format.json_schema?.strict === true && !isStrictCompatible(format.json_schema.schema)) {
      return `Invalid schema for response_format '${format.json_schema.name}': In context=(), strict mode requires every object to set additionalProperties to false and list every property in required, and supports a subset of keywords.`;
    }
  }
  if (format.type === 'json_object' && options.supportsJsonObject === false) {
    return 'response_format of type json_object is not supported by this model.';
  }
  return null;
}

/** With nothing scripted, the fake answers as the simulated provider would, read back from the request. */
function defaultReply(body: ChatRequestBody, confidence: number): FakeReply {
  const text = simulatedReply(
    {
      purpose: requestPurpose(body),
      userText: userText(body),
      responseFormat: responseFormatOf(body),
      agentName: 'agent',
    },
    confidence,
  );
  return { text };
}

async function answer(res: ServerResponse, body: ChatRequestBody, reply: FakeReply): Promise<void> {
  const fault = reply.fault;
  if (fault?.kind === 'status') {
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    const type =
      fault.status === 429 ? 'rate_limit_error' : fault.status >= 500 ? 'server_error' : 'invalid_request_error';
    sendJson(res, fault.status, { error: { message: fault.message ?? `Injected ${fault.status}`, type } }, headers);
    return;
  }
  const text = reply.chunks?.join('') ?? reply.text ?? (reply.json !== undefined ? JSON.stringify(reply.json) : '');
  const usage = reply.usage ?? {
    prompt_tokens: estimateTokens(body),
    completion_tokens: Math.max(1, Math.ceil(text.length / 4)),
  };
  const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  const id = `chatcmpl-fake-${Math.abs(hash(text))}`;
  const created = 1_700_000_000;
  if (!body.stream) {
    if (fault?.kind === 'malformed_body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "broken", "choices": [');
      return;
    }
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          finish_reason: reply.finishReason ?? 'stop',
          logprobs: null,
        },
      ],
      usage: fullUsage,
    });
    return;
  }
  res.socket?.setNoDelay(true);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
  const pieces = reply.chunks ?? text.match(/\S+\s*|\s+/g) ?? [];
  // Each chunk is flushed before the next step, so a cut happens after the client has seen the chunks before it.
  const send = (data: string) => new Promise<void>((resolve) => res.write(data, () => resolve()));
  const cut = async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    res.socket?.destroy();
  };
  await send(chunk({ role: 'assistant', content: '' }, null));
  for (let i = 0; i < pieces.length; i++) {
    if (fault?.kind === 'cut' && i >= fault.afterChunks) {
      await cut();
      return;
    }
    if (fault?.kind === 'malformed_body' && i === 1) {
      res.write(`data: ${fault.data ?? '{"id": broken'}\n\n`);
      res.end();
      return;
    }
    if (reply.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
    if (res.destroyed) return;
    await send(chunk({ content: pieces[i] }, null));
  }
  if (fault?.kind === 'cut') {
    await cut();
    return;
  }
  const calls = reply.toolCalls ?? [];
  for (let index = 0; index < calls.length; index++) {
    const call = calls[index]!;
    const opening = { index, id: call.id ?? `call_fake_${index + 1}`, type: 'function' };
    await send(chunk({ tool_calls: [{ ...opening, function: { name: call.name, arguments: '' } }] }, null));
    for (const piece of call.argumentChunks ?? call.arguments.match(/[\s\S]{1,8}/g) ?? []) {
      if (reply.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
      if (res.destroyed) return;
      await send(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null));
    }
  }
  res.write(chunk({}, reply.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop')));
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) {
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: fullUsage })}\n\n`,
    );
  }
  res.end('data: [DONE]\n\n');
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function estimateTokens(body: ChatRequestBody): number {
  return body.messages.reduce((sum, m) => sum + Math.ceil((m.content ?? '').length / 4), 0);
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
