/**
 * Crisis escalation: its parts, each its own export, as workflows/processes.ts lists them. The rules and
 * the views come through package.json "imports" so that a Lambda's build can leave out the part it does
 * not run (workflows/left-out.ts); everywhere else they are ./rules.ts and ./views.ts.
 */
export { rules } from '#process-rules/crisis-escalation';
export { views } from '#process-views/crisis-escalation';
export { contracts } from './contract';
