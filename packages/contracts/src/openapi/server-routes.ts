// The server's own routes: health, provider, prices, tools and the published schemas.
import { z } from 'zod';
import { HealthResponse, SessionBody } from '../api';
import { ProviderInfo } from '../events';
import { JsonSchemaObject } from '../json';
import { PricesResponse } from '../pricing';
import { ToolsResponse } from '../tools-api';
import { type ApiRoute, EMPTY, json } from './api-route';

export const SERVER_ROUTES: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    summary:
      'Health, whether a token is required, which store answers (503 when it cannot be reached) and, with workers, the queue',
    tag: 'server',
    open: true,
    status: 200,
    answer: json(HealthResponse),
    errors: [503],
  },
  {
    method: 'get',
    path: '/api/provider',
    operationId: 'getProvider',
    summary: 'The model provider runs use (never its key)',
    tag: 'server',
    status: 200,
    answer: json(ProviderInfo),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/prices',
    operationId: 'getPrices',
    summary: 'Prices per model id (USD per 1M input and output tokens), from the server configuration',
    tag: 'server',
    status: 200,
    answer: json(PricesResponse),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/tools',
    operationId: 'listTools',
    summary:
      'Every tool source (the built-ins, each configured MCP server): whether it answers and why not, its allowed tools with descriptions, input schemas and side-effect marks',
    tag: 'server',
    status: 200,
    answer: json(ToolsResponse),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/schema/graph',
    operationId: 'getGraphSchema',
    summary: 'The JSON Schema (2020-12) of the graph format',
    tag: 'server',
    status: 200,
    answer: json(JsonSchemaObject),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/schema/testcase',
    operationId: 'getTestCaseSchema',
    summary: 'The JSON Schema (2020-12) of the test case document (baton.testcase)',
    tag: 'server',
    status: 200,
    answer: json(JsonSchemaObject),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This document',
    tag: 'server',
    status: 200,
    answer: json(z.record(z.string(), z.unknown())),
    errors: [],
  },
  {
    method: 'post',
    path: '/api/session',
    operationId: 'signIn',
    summary: 'Sign in with BATON_TOKEN: sets the HttpOnly session cookie',
    tag: 'server',
    open: true,
    body: { schema: SessionBody },
    status: 204,
    answer: EMPTY,
    errors: [400],
  },
  {
    method: 'delete',
    path: '/api/session',
    operationId: 'signOut',
    summary: 'Sign out: clears the session cookie',
    tag: 'server',
    open: true,
    status: 204,
    answer: EMPTY,
    errors: [],
  },
];
