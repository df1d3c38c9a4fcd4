// Graphs through the real API (Playwright's request fixture): set-up of test graphs and reading back what was saved.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDocument, GraphRecord } from '@baton/contracts';
import { type APIRequestContext, expect } from '@playwright/test';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');

export function exampleText(name: string): string {
  return fs.readFileSync(path.join(examplesDir, `${name}.json`), 'utf8');
}

export class GraphApi {
  constructor(readonly request: APIRequestContext) {}

  /** Imports a document as a new graph (a new id each time), so tests never touch the seeded examples. */
  async importDocument(document: unknown): Promise<GraphRecord> {
    const response = await this.request.post('/api/graphs/import', { data: document });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as GraphRecord;
  }

  async importExample(name: string, rename?: string): Promise<GraphRecord> {
    const document = JSON.parse(exampleText(name)) as GraphDocument;
    return this.importDocument(rename ? { ...document, name: rename } : document);
  }

  async get(id: string): Promise<GraphRecord> {
    const response = await this.request.get(`/api/graphs/${encodeURIComponent(id)}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as GraphRecord;
  }

  async exportText(id: string): Promise<string> {
    const response = await this.request.get(`/api/graphs/${encodeURIComponent(id)}/export`);
    expect(response.status()).toBe(200);
    return response.text();
  }

  async count(): Promise<number> {
    const response = await this.request.get('/api/graphs');
    return ((await response.json()) as { items: unknown[] }).items.length;
  }
}
