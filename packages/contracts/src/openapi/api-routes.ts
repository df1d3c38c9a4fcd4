// Every route of the HTTP API with what it takes and answers, as contracts schemas: the source of the OpenAPI document.
// Each area keeps its own table; a test checks that together they equal the routes the server mounts.
import { ApiErrorBody } from '../api';
import type { ApiRoute } from './api-route';
import { GRAPH_ROUTES } from './graph-routes';
import { RUN_ROUTES } from './run-routes';
import { SERVER_ROUTES } from './server-routes';
import { TEST_CASE_ROUTES } from './test-case-routes';

export type { ApiAnswer, ApiRoute, HttpMethod } from './api-route';

export const API_ROUTES: readonly ApiRoute[] = [...SERVER_ROUTES, ...GRAPH_ROUTES, ...RUN_ROUTES, ...TEST_CASE_ROUTES];

/** Every error answer has this body. */
export const API_ERROR_BODY = ApiErrorBody;
