import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './api-routes';
import { openApiDocument, openApiPath } from './openapi-document';

describe('the OpenAPI document', () => {
  const document = openApiDocument('1.2.3');
  const components = (document.components as { schemas: Record<string, unknown> }).schemas;

  it('is OpenAPI 3.1 with one operation per route of the table, each with a unique operationId', () => {
    expect(document.openapi).toBe('3.1.1');
    expect((document.info as { version: string }).version).toBe('1.2.3');
    const ids = API_ROUTES.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const paths = document.paths as Record<string, Record<string, { operationId: string }>>;
    for (const route of API_ROUTES)
      expect(paths[openApiPath(route.path)]?.[route.method]?.operationId).toBe(route.operationId);
  });

  it('refers only to components it has, and has no schema documents inside it ($schema, $id)', () => {
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [, kind, name] of refs) {
      const table = (document.components as Record<string, Record<string, unknown>>)[kind!]!;
      expect(table[name!], `${kind}/${name}`).toBeDefined();
    }
    expect(text).not.toContain('"$schema"');
    expect(text).not.toContain('"$id"');
    expect(Object.keys(components)).toEqual(expect.arrayContaining(['RunEvent', 'TraceFile', 'GraphDocumentInput']));
  });

  it('declares every path parameter, and is the same document each time it is asked for', () => {
    const paths = document.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    for (const [path, operations] of Object.entries(paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      for (const operation of Object.values(operations)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, path).toEqual(names);
      }
    }
    expect(JSON.stringify(openApiDocument('1.2.3'))).toBe(JSON.stringify(document));
  });
});
