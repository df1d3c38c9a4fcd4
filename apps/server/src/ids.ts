// Ids for graphs, runs and actions: random, URL-safe, with a prefix that says what they name.
import { randomBytes } from 'node:crypto';

export type IdSource = (prefix: string) => string;

export const randomId: IdSource = (prefix) => `${prefix}_${randomBytes(12).toString('base64url')}`;
