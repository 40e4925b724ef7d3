/**
 * zod as the project uses it: `zod/mini`, the functional API on zod's core, which bundles only what a
 * schema uses (classic zod's every schema carries every method and the JSON Schema processors: about
 * 96 KiB in each Lambda bundle; docs/decisions.md). Import it from here, never from 'zod' or 'zod/mini'
 * directly, so the English messages are always configured: classic zod sets them when its first schema
 * is made, mini leaves them to the application (without them every issue says only "Invalid input").
 */
import { config } from 'zod/mini';
// English alone: `locales.en()` would put every locale in the bundles (a namespace object is kept whole).
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
