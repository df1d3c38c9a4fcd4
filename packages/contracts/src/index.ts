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
export * from './graph/issues';
export * from './graph/migrate';
export * from './graph/nodes';
export * from './graph/parse-graph';
export { checkGraphRules } from './graph/rules';
export * from './json';
export * from './json-schema';
