// The OpenAPI 3.1 document of the HTTP API, generated from API_ROUTES and the contracts' zod schemas (never by hand).
import { z } from 'zod';
import {
  ApiErrorBody,
  CreateGraphBody,
  EscalationDecisionBody,
  GraphRecord,
  GraphSummary,
  GraphVersionRecord,
  GraphVersionSummary,
  HealthResponse,
  RenameGraphBody,
  RunRecord,
  RunSummary,
  SaveVersionBody,
  SessionBody,
  StartRunBody,
  StartRunResponse,
  UpdateDraftBody,
} from '../api';
import { assertNever } from '../assert-never';
import { ProviderInfo, RunEvent } from '../events';
import { GraphDocument } from '../graph/graph';
import { JsonValue } from '../json';
import { TraceFile } from '../trace/trace-file';
import { API_ROUTES, type ApiRoute } from './api-routes';

export const OPENAPI_VERSION = '3.1.1';
/** The Media Type Object's extension that names the schema of each SSE message's `data` (3.1 has no keyword for it). */
export const EVENT_DATA_SCHEMA_KEY = 'x-event-data-schema';

type Json = Record<string, unknown>;

/** Schemas that answers share, by the names the API docs and the web app use. */
const OUTPUT_NAMES: [string, z.ZodType][] = [
  ['JsonValue', JsonValue],
  ['GraphDocument', GraphDocument],
  ['HealthResponse', HealthResponse],
  ['ProviderInfo', ProviderInfo],
  ['GraphSummary', GraphSummary],
  ['GraphRecord', GraphRecord],
  ['GraphVersionSummary', GraphVersionSummary],
  ['GraphVersionRecord', GraphVersionRecord],
  ['StartRunResponse', StartRunResponse],
  ['RunSummary', RunSummary],
  ['RunRecord', RunRecord],
  ['RunEvent', RunEvent],
  ['TraceFile', TraceFile],
  ['ApiErrorBody', ApiErrorBody],
];

/** Request bodies, taken as input (defaults optional): the graph document a person sends need not spell them out. */
const INPUT_NAMES: [string, z.ZodType][] = [
  ['JsonValue', JsonValue],
  ['GraphDocumentInput', GraphDocument],
  ['CreateGraphBody', CreateGraphBody],
  ['UpdateDraftBody', UpdateDraftBody],
  ['RenameGraphBody', RenameGraphBody],
  ['SaveVersionBody', SaveVersionBody],
  ['StartRunBody', StartRunBody],
  ['EscalationDecisionBody', EscalationDecisionBody],
  ['SessionBody', SessionBody],
];

let cached: { version: string; document: Json } | undefined;

/** The document for a server of this version, as `GET /api/openapi.json` serves it. */
export function openApiDocument(version: string): Json {
  if (cached?.version !== version) cached = { version, document: build(version) };
  return structuredClone(cached.document);
}

/** `/api/graphs/:id` -> `/api/graphs/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

function build(version: string): Json {
  const output = namedSchemas(OUTPUT_NAMES, 'output');
  const input = namedSchemas(INPUT_NAMES, 'input');
  const answerName = (route: ApiRoute, schema: z.ZodType) =>
    output.nameOf(schema) ?? `${pascal(route.operationId)}Response`;
  const bodyName = (route: ApiRoute, schema: z.ZodType) => input.nameOf(schema) ?? `${pascal(route.operationId)}Body`;
  // Answers and bodies without a shared name (a page of summaries) become components named after their operation.
  for (const route of API_ROUTES) {
    if (route.answer.kind === 'json' || route.answer.kind === 'event-stream')
      output.add(answerName(route, route.answer.schema), route.answer.schema);
    if (route.body) input.add(bodyName(route, route.body.schema), route.body.schema);
  }
  const schemas = mergeComponents(output.toJsonSchemas(), input.toJsonSchemas());

  const paths: Record<string, Record<string, Json>> = {};
  for (const route of API_ROUTES) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method] = operation(route, answerName, bodyName);
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Baton HTTP API',
      version,
      description:
        'Design, run and watch multi-agent graphs. Generated from the zod schemas of @baton/contracts. Errors are `{ error: { code, message, issues[] } }` with JSON paths into the request.',
    },
    tags: [
      { name: 'server', description: 'Health, provider, schemas, sign-in' },
      { name: 'graphs', description: 'Graphs and their drafts' },
      { name: 'versions', description: 'Immutable versions of a graph' },
      { name: 'runs', description: 'Runs, their events, traces and escalations' },
      { name: 'tests', description: 'Test cases: recorded runs replayed offline against the draft' },
    ],
    paths,
    components: {
      schemas,
      responses: {
        Error: {
          description: 'An error, with a stable code and every issue at its JSON path.',
          content: { 'application/json': { schema: ref('ApiErrorBody') } },
        },
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'BATON_TOKEN, when the server has one.' },
        session: { type: 'apiKey', in: 'cookie', name: 'baton_session', description: 'Set by POST /api/session.' },
      },
    },
  };
}

function operation(
  route: ApiRoute,
  answerName: (route: ApiRoute, schema: z.ZodType) => string,
  bodyName: (route: ApiRoute, schema: z.ZodType) => string,
): Json {
  const parameters = [
    ...[...route.path.matchAll(/:([A-Za-z_]\w*)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: name === 'version' ? { type: 'integer', minimum: 1 } : { type: 'string' },
    })),
    ...(route.query ?? []).map((q) => ({
      name: q.name,
      in: 'query',
      required: false,
      description: q.description,
      schema: inline(q.schema),
    })),
    ...(route.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: false,
      description: h.description,
      schema: inline(h.schema),
    })),
  ];
  const responses: Record<string, Json> = { [String(route.status)]: answer(route, answerName) };
  const unsafe = route.method !== 'get';
  const errors = new Set([...route.errors, 403, ...(route.open ? [] : [401]), ...(unsafe ? [413, 415] : [])]);
  for (const status of [...errors].sort((a, b) => a - b))
    responses[String(status)] = { $ref: '#/components/responses/Error' };
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: !route.body.optional,
            content: { 'application/json': { schema: ref(bodyName(route, route.body.schema)) } },
          },
        }
      : {}),
    responses,
    security: route.open ? [] : [{ bearer: [] }, { session: [] }, {}],
  };
}

function answer(route: ApiRoute, answerName: (route: ApiRoute, schema: z.ZodType) => string): Json {
  const { answer } = route;
  switch (answer.kind) {
    case 'empty':
      return { description: 'Done; no body.' };
    case 'json':
      return {
        description: route.summary,
        content: { 'application/json': { schema: ref(answerName(route, answer.schema)) } },
      };
    case 'event-stream':
      return {
        description: `${route.summary}. Each message's \`id\` is the event's seq and its \`data\` one JSON value of the schema under \`${EVENT_DATA_SCHEMA_KEY}\`.`,
        content: {
          'text/event-stream': {
            schema: { type: 'string' },
            [EVENT_DATA_SCHEMA_KEY]: ref(answerName(route, answer.schema)),
          },
        },
      };
    case 'text':
      return {
        description: `${route.summary}. ${answer.description}`,
        content: { [answer.mediaType]: { schema: { type: 'string' } } },
      };
    default:
      return assertNever(answer, 'answer kind');
  }
}

/** A registry of named zod schemas whose JSON Schemas refer to each other as `#/components/schemas/<name>`. */
function namedSchemas(names: [string, z.ZodType][], io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  const byName = new Map<string, z.ZodType>();
  const add = (name: string, schema: z.ZodType) => {
    const known = byName.get(name);
    if (known === schema) return;
    if (known) throw new Error(`Two schemas are named ${name} in the OpenAPI document.`);
    byName.set(name, schema);
    registry.add(schema, { id: name });
  };
  for (const [name, schema] of names) add(name, schema);
  return {
    add,
    nameOf: (schema: z.ZodType) => registry.get(schema)?.id,
    toJsonSchemas(): Record<string, Json> {
      const { schemas } = z.toJSONSchema(registry, {
        target: 'draft-2020-12',
        io,
        uri: (id) => `#/components/schemas/${id}`,
      });
      // Components are schemas inside one document: their own `$schema` and `$id` would make each a document.
      return Object.fromEntries(
        Object.entries(schemas).map(([name, { $schema: _s, $id: _i, ...rest }]) => [name, rest as Json]),
      );
    },
  };
}

function mergeComponents(output: Record<string, Json>, input: Record<string, Json>): Record<string, Json> {
  const merged = { ...output };
  for (const [name, schema] of Object.entries(input)) {
    if (name in merged && JSON.stringify(merged[name]) !== JSON.stringify(schema)) {
      throw new Error(`The component ${name} differs between requests and answers; give the input its own name.`);
    }
    merged[name] = schema;
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}

function inline(schema: z.ZodType): Json {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const pascal = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
