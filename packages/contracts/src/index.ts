// @baton/contracts: the graph format, run events and API bodies. Imports nothing from React, Hono or the DOM.
export * from './api';
export * from './assert-never';
export * from './canonical-json';
export * from './errors';
export * from './events';
export * from './graph/budget';
export * from './graph/edge-rules';
export * from './graph/edges';
export * from './graph/export';
export * from './graph/graph';
export * from './graph/graph-json-schema';
export {
  checkJsonText,
  checkJsonValue,
  GRAPH_JSON_LIMITS,
  type GuardResult,
  type JsonLimits,
  parseJsonText,
} from './graph/guards';
export * from './graph/issues';
export * from './graph/migrate';
export * from './graph/nodes';
export * from './graph/parse-graph';
export { checkGraphRules } from './graph/rules';
export { checkNewEdge } from './graph/rules/new-edge';
export * from './graph/run-input';
export * from './json';
export * from './json-schema';
export * from './openapi/api-routes';
export * from './openapi/openapi-document';
export * from './pricing';
export * from './run-status';
export * from './testcase/from-run';
export * from './testcase/test-case';
export * from './testcase/test-case-api';
export * from './testcase/test-result';
export * from './testcase/testcase-json-schema';
export * from './tools-api';
export * from './trace/trace-file';
export * from './trace/trace-json-schema';
