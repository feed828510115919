// The semantics table (docs/listener-rules.md) as data-driven tests: each row's example runs through the real code,
// and the page shows each row exactly as the data renders it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MUTUAL_AUTHENTICATION_ERROR, mutualAuthenticationRefusal } from '../model/listener-limits.js';
import type { ListenerRule, RoutingAction } from '../model/topology.js';
import {
  checkListenerPortFree,
  checkPriorityFree,
  checkPriorityPairs,
  checkRulesQuota,
  readActions,
  readCondition,
  readConditions,
  readListenerPort,
  readPriority,
  readTransforms,
  Refusal,
} from '../model/validate/index.js';
import { type Reader, SEMANTICS, type SemanticsRow, semanticsTableRow } from './listener-rule-semantics.js';
import { fixedResponse, redirectResponse } from './responses.js';
import { conditionMatches, evaluateRules, type RuleRequest } from './rules.js';
import { WeightedPicker } from './targets.js';
import { applyTransforms } from './transforms.js';

const request = (over: Partial<RuleRequest>): RuleRequest => ({
  method: 'GET',
  host: 'www.example.com',
  path: '/',
  query: '',
  headers: {},
  sourceIp: '203.0.113.7',
  ...over,
});

const actionsOf = (written: unknown, protocol = 'HTTP') =>
  readActions(written, { listenerProtocol: protocol, targetGroup: (arn) => String(arn) });

const READERS: Record<Reader, (written: unknown, protocol?: string) => unknown> = {
  conditions: (written) => readConditions(written),
  actions: (written, protocol) => actionsOf(written, protocol),
  transforms: (written) => readTransforms(written),
  priority: (written) => readPriority(written),
  port: (written) => readListenerPort(written),
  rulesQuota: (written) => checkRulesQuota(written as number),
  priorityFree: (written) => {
    const { priority, others } = written as { priority: number; others: { id: string; priority: number }[] };
    checkPriorityFree(priority, others);
  },
  listenerPortFree: (written) => {
    const { port, others } = written as { port: number; others: { id: string; port: number }[] };
    checkListenerPortFree(port, others);
  },
  priorityPairs: (written) => checkPriorityPairs(written as { ruleArn: string; priority: number }[]),
  mutualMode: (written) => {
    // What CreateListener and ModifyListener answer for an ALB's HTTPS listener (model/listener-limits.ts).
    const refusal = mutualAuthenticationRefusal({
      mode: String(written),
      protocol: 'HTTPS',
      kind: 'application',
      hasTrustStore: true,
      ignoreClientCertificateExpiry: false,
      hasIdentityFilters: false,
    });
    if (refusal) throw new Refusal(MUTUAL_AUTHENTICATION_ERROR, refusal.message, refusal.detail, !refusal.published);
  },
};

function refusalOf(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal, and the value was accepted');
}

function check(row: SemanticsRow): void {
  const example = row.example;
  switch (example.kind) {
    case 'condition':
      expect(conditionMatches(readCondition(example.condition, 0), request(example.request))).toBe(example.matches);
      return;
    case 'rules': {
      const rules: ListenerRule[] = example.rules.map((rule) => ({
        logicalId: `p${rule.priority}`,
        priority: rule.priority,
        conditions: readConditions(rule.conditions),
        actions: actionsOf(rule.actions, 'HTTPS'),
      }));
      const evaluation = evaluateRules(rules, actionsOf(example.defaultActions, 'HTTPS'), request(example.request));
      expect(evaluation.rule?.priority ?? 'default').toBe(example.picks);
      expect(evaluation.notRealized === null).toBe(example.realized);
      expect(evaluation.actions.length).toBe(example.realized ? 1 : 0);
      return;
    }
    case 'refused': {
      const refusal = refusalOf(() => READERS[example.reader](example.written, example.protocol));
      expect(refusal.code).toBe(example.code);
      expect(refusal.awsMessage).toContain(example.message);
      // Every refusal says what broke which rule, and a code the sandbox chose is marked assumed.
      expect(refusal.detail.length).toBeGreaterThan(0);
      if (row.evidence === 'observed') expect(refusal.assumed).toBe(false);
      return;
    }
    case 'accepted':
      expect(() => READERS[example.reader](example.written, example.protocol)).not.toThrow();
      return;
    case 'fixed': {
      const [action] = actionsOf([example.action]) as RoutingAction[];
      const response = fixedResponse(action as Extract<RoutingAction, { type: 'fixed-response' }>);
      expect([response.status, response.headers, response.body]).toEqual([
        example.status,
        [['content-type', example.contentType]],
        example.body,
      ]);
      return;
    }
    case 'redirect': {
      const [action] = actionsOf([example.action], example.protocol) as RoutingAction[];
      const response = redirectResponse(action as Extract<RoutingAction, { type: 'redirect' }>, example.source);
      expect(response.status).toBe(example.status);
      expect(response.headers).toContainEqual(['location', example.location]);
      return;
    }
    case 'transform': {
      const result = applyTransforms(readTransforms(example.transforms), example.input);
      if (example.result === 500) expect(result).toMatchObject({ ok: false, status: 500 });
      else expect(result).toMatchObject({ ok: true, ...example.result });
      return;
    }
    case 'weights': {
      const [action] = actionsOf([example.action]) as RoutingAction[];
      const groups = (action as Extract<RoutingAction, { type: 'forward' }>).targetGroups;
      const picker = new WeightedPicker();
      const counts: Record<string, number> = {};
      for (let i = 0; i < example.requests; i++) {
        const id = picker.pick(groups)!;
        counts[id] = (counts[id] ?? 0) + 1;
      }
      expect(counts).toEqual(example.counts);
      return;
    }
  }
}

describe('listener rule semantics (docs/listener-rules.md), one test per row', () => {
  for (const row of SEMANTICS) it(`${row.id} (${row.evidence}): ${row.behaviour}`, () => check(row));
});

describe('the table on docs/listener-rules.md', () => {
  const page = readFileSync(new URL('../../docs/listener-rules.md', import.meta.url), 'utf8');
  // Cells compared trimmed: the formatter may pad the table's columns.
  const cells = (line: string) => line.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '').trim());
  const shown = page
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map(cells);

  it('shows every row exactly as the data has it, in order', () => {
    expect(shown).toEqual(SEMANTICS.map((row) => cells(semanticsTableRow(row))));
  });

  it('has unique ids and a source for every row; assumed rows say why', () => {
    expect(new Set(SEMANTICS.map((row) => row.id)).size).toBe(SEMANTICS.length);
    for (const row of SEMANTICS) {
      if (row.evidence === 'assumed') expect('why' in row.source, row.id).toBe(true);
      else expect('url' in row.source, row.id).toBe(true);
    }
  });
});
