/**
 * Before admission: its parts, each its own export, as workflows/processes.ts lists them. The rules, the
 * views and the board's measures come through package.json "imports", so that a Lambda's build can leave
 * out a part it does not run (workflows/left-out.ts); everywhere else they are ./rules.ts, ./views.ts and
 * ./measures.ts.
 */
export { measures } from '#process-measures/before-admission';
export { rules } from '#process-rules/before-admission';
export { views } from '#process-views/before-admission';
export { contracts } from './contract';
