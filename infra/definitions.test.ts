/** Turning a synthesized DefinitionString into plain ASL for the local runtime. */
import { describe, expect, it } from 'vitest';
import { resolveToString, stateMachineDefinitions } from '#infra/definitions';

describe('resolveToString', () => {
  it.each([
    ['a literal', 'plain', 'plain'],
    ['a Ref', { Ref: 'Table1234' }, 'local:Table1234'],
    ['a pseudo parameter', { Ref: 'AWS::Partition' }, 'aws'],
    ['a GetAtt (array form)', { 'Fn::GetAtt': ['Fn1234', 'Arn'] }, 'local:Fn1234.Arn'],
    ['a GetAtt (string form)', { 'Fn::GetAtt': 'Fn1234.Arn' }, 'local:Fn1234.Arn'],
    [
      'a Join',
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:::x/', { Ref: 'T' }]] },
      'arn:aws:states:::x/local:T',
    ],
    ['a Select of a Split literal', { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, 'b'],
    ['a Sub', { 'Fn::Sub': 'x-${T}-${F.Arn}-${AWS::Region}' }, 'x-local:T-local:F.Arn-eu-west-2'],
    ['a Sub with variables', { 'Fn::Sub': ['${A}!', { A: { Ref: 'B' } }] }, 'local:B!'],
  ])('resolves %s', (_, value, expected) => {
    // Act / Assess
    expect(resolveToString(value)).toBe(expected);
  });

  it('refuses what it cannot resolve, saying where', () => {
    expect(() => resolveToString({ 'Fn::ImportValue': 'x' }, 'Machine.DefinitionString')).toThrow(
      /Machine\.DefinitionString/,
    );
  });
});

describe('stateMachineDefinitions', () => {
  it('finds RightTime state machines by name and ignores others', () => {
    // Prepare
    const template = {
      Resources: {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            StateMachineName: 'righttime-example',
            DefinitionString: {
              'Fn::Join': [
                '',
                ['{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"', { Ref: 'Table' }, '","End":true}}}'],
              ],
            },
          },
        },
        Other: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { StateMachineName: 'someone-else', DefinitionString: '{}' },
        },
        Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
      },
    };
    // Act
    const definitions = stateMachineDefinitions(template);
    // Assess
    expect(definitions).toEqual({
      example: { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'local:Table', End: true } } },
    });
  });

  it('applies DefinitionSubstitutions and lets pseudo parameters be chosen', () => {
    const template = {
      Resources: {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            StateMachineName: 'righttime-example',
            DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"${where}","End":true}}}',
            DefinitionSubstitutions: {
              where: { 'Fn::Join': [':', [{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }]] },
            },
          },
        },
      },
    };
    const definitions = stateMachineDefinitions(template, { pseudo: { 'AWS::Region': 'local-1' } });
    expect((definitions.example as any).States.A.Result).toBe('local-1:000000000000');
  });
});
