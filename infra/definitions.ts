/**
 * The state machine definitions of a synthesized template, as plain ASL, for the local runtime and
 * the tests: CloudFormation intrinsics become placeholder strings (`local:<LogicalId>` for a Ref,
 * `local:<LogicalId>.<Attribute>` for a GetAtt) and pseudo parameters become local values
 * (`PSEUDO_PARAMETERS`, so `arn:${AWS::Partition}:states:::dynamodb:getItem` reads as in AWS). The
 * definition the local runner executes is the one CDK synthesized, never a copy.
 */

/** What the pseudo parameters resolve to locally (override with the `pseudo` option). */
export const PSEUDO_PARAMETERS: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Region': 'eu-west-2',
  'AWS::AccountId': '000000000000',
  'AWS::StackName': 'RightTime',
};

const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';
/** State machines are named `righttime-<processId>` (infra/state-machine.ts). */
export const STATE_MACHINE_NAME_PREFIX = 'righttime-';

type Template = { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> };

/** Placeholder for `{ Ref: logicalId }` (pseudo parameters resolve to `PSEUDO_PARAMETERS` instead). */
export function refPlaceholder(logicalId: string): string {
  return `local:${logicalId}`;
}

/** Placeholder for `{ 'Fn::GetAtt': [logicalId, attribute] }`. */
export function getAttPlaceholder(logicalId: string, attribute: string): string {
  return `local:${logicalId}.${attribute}`;
}

/** Resolve the intrinsics CDK puts into a DefinitionString to a plain string. */
export function resolveToString(
  value: unknown,
  where = 'DefinitionString',
  pseudo: Readonly<Record<string, string>> = PSEUDO_PARAMETERS,
): string {
  const resolve = (v: unknown) => resolveToString(v, where, pseudo);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [fn, arg] = entries[0]!;
      switch (fn) {
        case 'Ref':
          if (typeof arg === 'string') return pseudo[arg] ?? refPlaceholder(arg);
          break;
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = Array.isArray(arg) ? arg : typeof arg === 'string' ? splitOnce(arg, '.') : [];
          if (typeof logicalId === 'string' && attribute !== undefined)
            return getAttPlaceholder(logicalId, resolve(attribute));
          break;
        }
        case 'Fn::Join':
          if (Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
            const delimiter = resolve(arg[0]);
            return arg[1].map(resolve).join(delimiter);
          }
          break;
        case 'Fn::Select':
          if (Array.isArray(arg) && arg.length === 2) {
            const index = Number(resolve(arg[0]));
            const list = resolveList(arg[1], resolve);
            if (list && index >= 0 && index < list.length) return list[index]!;
          }
          break;
        case 'Fn::Sub': {
          const [text, variables] = Array.isArray(arg)
            ? [arg[0], (arg[1] ?? {}) as Record<string, unknown>]
            : [arg, {}];
          if (typeof text === 'string') {
            return text.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) =>
              name in variables
                ? resolve(variables[name])
                : (pseudo[name] ??
                  (name.includes('.') ? getAttPlaceholder(...splitOnce(name, '.')) : refPlaceholder(name))),
            );
          }
          break;
        }
      }
    }
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)} in ${where}`);
}

/** A list for Fn::Select: a literal array, or Fn::Split of something that resolved to a literal. */
function resolveList(value: unknown, resolve: (v: unknown) => string): string[] | undefined {
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object' && 'Fn::Split' in value) {
    const arg = (value as Record<string, unknown>)['Fn::Split'];
    if (Array.isArray(arg) && arg.length === 2) {
      const source = resolve(arg[1]);
      // A placeholder has no parts to select from.
      if (source.startsWith('local:')) return undefined;
      return source.split(resolve(arg[0]));
    }
  }
  return undefined;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

/**
 * The ASL of every RightTime process state machine in a synthesized template, by process id (from
 * the `StateMachineName` property, `righttime-<processId>`).
 */
export function stateMachineDefinitions(
  template: object,
  options: { pseudo?: Readonly<Record<string, string>> } = {},
): Record<string, object> {
  const pseudo = { ...PSEUDO_PARAMETERS, ...options.pseudo };
  const resources = (template as Template).Resources ?? {};
  const out: Record<string, object> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== STATE_MACHINE_TYPE) continue;
    const properties = resource.Properties ?? {};
    const name = properties.StateMachineName;
    if (typeof name !== 'string' || !name.startsWith(STATE_MACHINE_NAME_PREFIX)) continue;
    const processId = name.slice(STATE_MACHINE_NAME_PREFIX.length);
    const where = `${logicalId}.DefinitionString`;
    let text = resolveToString(properties.DefinitionString, where, pseudo);
    const substitutions = properties.DefinitionSubstitutions as Record<string, unknown> | undefined;
    if (substitutions) {
      for (const [key, value] of Object.entries(substitutions))
        text = text.split(`\${${key}}`).join(resolveToString(value, `${logicalId}.DefinitionSubstitutions`, pseudo));
    }
    try {
      out[processId] = JSON.parse(text) as object;
    } catch (error) {
      throw new Error(
        `${where} of ${processId} is not JSON after resolving its intrinsics: ${(error as Error).message}`,
      );
    }
  }
  return out;
}
