// Security headers on every response, through Hono's secureHeaders: a Content-Security-Policy the web app satisfies.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * What the built web app needs, and nothing else:
 * - scripts only from our own origin: Vite emits no inline script, and nothing is loaded from elsewhere;
 * - `'unsafe-eval'`, because the browser compiles JSON Schemas with Ajv (the contract editor checks a schema as it
 *   is typed, and an escalation's edited payload is checked before it is sent), and Ajv compiles a schema into a
 *   validator with `new Function`; zod probes `new Function` once too. The server validates everything again,
 *   so this buys only instant feedback; the cost is that a script already running on our origin could evaluate
 *   strings. No inline script and no foreign script can run, which is what stops an injection from starting one;
 * - styles from our origin; React and React Flow set styles through the CSSOM (`element.style`), which CSP allows;
 * - images from our origin, `data:` (the favicon, and the PNG export: html-to-image draws the canvas as a
 *   `data:` SVG image, then into a canvas) and `blob:`;
 * - connections (fetch, the EventSource of a run) to our own origin only;
 * - no plugins, no `<base>`, forms only to us, and no framing by anyone (`frame-ancestors 'none'`).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    // HSTS belongs to whoever terminates TLS: this server speaks plain HTTP on loopback, and a browser that once
    // saw HSTS for "localhost" would force HTTPS on every other local development server.
    strictTransportSecurity: false,
    // Defaults kept: nosniff, Cross-Origin-Opener-Policy and -Resource-Policy same-origin, Origin-Agent-Cluster,
    // X-DNS-Prefetch-Control off, X-Download-Options, X-Permitted-Cross-Domain-Policies none, X-XSS-Protection 0.
  });
}
