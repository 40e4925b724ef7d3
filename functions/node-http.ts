/**
 * `node:http` for the bundles, loaded with require(). @middy/util imports `STATUS_CODES` from it as an
 * ES module, and Node builds the ES module face of `node:http` by reading every one of its exports,
 * which loads undici and `node:http2` (about 50 ms of a cold start, measured with --cpu-prof on this
 * project's machine); require() gives the same module without reading them. The bundles alias
 * `node:http` to this module (infra/handler-function.ts).
 */
// Imported under another name: the bundles' banner (infra/handler-function.ts) declares `createRequire` itself.
import { createRequire as requireFrom } from 'node:module';

const http = requireFrom(import.meta.url)('node:http') as typeof import('node:http');

export const STATUS_CODES = http.STATUS_CODES;
export default http;
