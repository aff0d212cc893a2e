import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRule } from './policy.js';
import { firstMatch, type RuleSubject, ruleMatches } from './scenario-rules.js';

const subject: RuleSubject = {
  taskType: 'code',
  metadata: { tier: 'gold' },
  headers: { 'x-app': 'ide' },
  keyId: 'key_1',
  teamId: 'team_a',
  promptTokens: 1200,
};

test('every condition must hold', () => {
  const r = compileRule(
    {
      when: {
        task_type: ['code', 'math_reasoning'],
        metadata: { tier: 'gold' },
        headers: { 'X-App': 'ide' },
        key: ['key_1'],
        team: ['team_a'],
        min_prompt_tokens: 1000,
        max_prompt_tokens: 2000,
      },
      route: 'openai/gpt-4o',
    },
    0,
  );
  assert.equal(ruleMatches(r, subject), true);
  assert.equal(ruleMatches(r, { ...subject, taskType: 'chat' }), false);
  assert.equal(ruleMatches(r, { ...subject, metadata: { tier: 'free' } }), false);
  assert.equal(ruleMatches(r, { ...subject, headers: {} }), false);
  assert.equal(ruleMatches(r, { ...subject, keyId: 'key_2' }), false);
  assert.equal(ruleMatches(r, { ...subject, teamId: null }), false);
  assert.equal(ruleMatches(r, { ...subject, promptTokens: 999 }), false);
  assert.equal(ruleMatches(r, { ...subject, promptTokens: 2001 }), false);
});

test('the first matching rule decides; a rule without conditions matches everything', () => {
  const rules = [
    compileRule({ name: 'long', when: { min_prompt_tokens: 5000 }, route: ['a/long'] }, 0),
    compileRule({ when: { task_type: ['code'] }, route: ['a/code', 'b/code'] }, 1),
    compileRule({ when: {}, route: 'a/any' }, 2),
  ];
  assert.deepEqual(firstMatch(rules, subject)?.route, ['a/code', 'b/code']);
  assert.equal(firstMatch(rules, subject)?.name, 'rule 2');
  assert.equal(firstMatch(rules, { ...subject, promptTokens: 9000 })?.name, 'long');
  assert.deepEqual(firstMatch(rules, { ...subject, taskType: 'chat' })?.route, ['a/any']);
  assert.equal(firstMatch(rules.slice(0, 2), { ...subject, taskType: 'chat' }), undefined);
});
