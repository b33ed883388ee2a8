import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { localFunctionEnvironment } from '../../scripts/local/local-stack.ts';
import { seedDemoOnce } from '../../scripts/seed/seed-demo.ts';
import { documentClient, stack } from '../support/stack.ts';

/**
 * The demo programme through the real use cases (small here, and in two kommuner no other test
 * uses): volunteers confirmed and listed, handovers waiting, proposals answered, follow-ups asked,
 * digest contacts; and only once per stack.
 */
describe('the demo programme', () => {
  it('fills the stack through the use cases, once', async () => {
    const env = localFunctionEnvironment(stack);
    Object.assign(process.env, env);
    const places = [
      { kommune: '250', postalCodes: ['3600'], share: 0.5 },
      { kommune: '253', postalCodes: ['2670'], share: 0.5 },
    ];
    const lines: string[] = [];
    const report = await seedDemoOnce(env, {
      volunteers: 40,
      handovers: 40,
      seed: 7,
      now: new Date(),
      log: (line) => lines.push(line),
      places,
      // A group covering its two kommuner only: the demo's own groups (København, Allerød …) would
      // take in the other tests' sign-ups there.
      groups: [
        {
          id: 'demo-seed-test-group',
          organisationId: 'red-cross',
          name: 'Demo-testgruppen',
          kommuner: ['250', '253'],
          email: 'demo-seed@example.dk',
          active: true,
          offers: ['friends', 'friend-families'],
        },
      ],
    });
    if (report === 'already-seeded') throw new Error('seeded before');
    expect(lines.join('\n')).toContain('40 frivillige');
    expect(report.volunteers).toBeGreaterThan(30);
    expect(report.handovers).toBe(40);
    expect(report.proposals).toBeGreaterThan(0);
    expect(report.active).toBeGreaterThan(0);
    expect(report.digestContacts).toBe(2);

    const db = documentClient();
    const count = async (table: string, index: string, key: string, value: string) =>
      (
        await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: index,
            KeyConditionExpression: '#k = :v',
            ExpressionAttributeNames: { '#k': key },
            ExpressionAttributeValues: { ':v': value },
            Select: 'COUNT',
          }),
        )
      ).Count ?? 0;
    // What the use cases wrote is what the lists read: listed volunteers, the queue, active matches.
    const listed =
      (await count(stack.tables.volunteers, 'by-kommune-status', 'kommuneStatus', '250#available')) +
      (await count(stack.tables.volunteers, 'by-kommune-status', 'kommuneStatus', '250#unavailable')) +
      (await count(stack.tables.volunteers, 'by-kommune-status', 'kommuneStatus', '253#available')) +
      (await count(stack.tables.volunteers, 'by-kommune-status', 'kommuneStatus', '253#unavailable'));
    expect(listed).toBe(report.volunteers);
    // Volunteers chose the group there (one in ten signed up "before groups": none).
    const kommune =
      (
        await db.send(
          new QueryCommand({
            TableName: stack.tables.kommuner,
            KeyConditionExpression: 'pk = :pk AND sk = :sk',
            ExpressionAttributeValues: { ':pk': 'KOMMUNE', ':sk': '250' },
          }),
        )
      ).Items?.[0] ?? {};
    const inGroup = Number(kommune['group:demo-seed-test-group:listedVolunteers'] ?? 0);
    expect(inGroup).toBeGreaterThan(0);
    expect(inGroup).toBeLessThanOrEqual(Number(kommune.listedVolunteers));
    const active =
      (await count(stack.tables.matches, 'by-kommune-status', 'kommuneStatus', '250#active')) +
      (await count(stack.tables.matches, 'by-kommune-status', 'kommuneStatus', '253#active')) +
      (await count(stack.tables.matches, 'by-kommune-status', 'kommuneStatus', '250#paused')) +
      (await count(stack.tables.matches, 'by-kommune-status', 'kommuneStatus', '253#paused'));
    expect(active).toBe(report.active - report.ended);

    expect(
      await seedDemoOnce(env, {
        volunteers: 1,
        handovers: 1,
        seed: 1,
        now: new Date(),
        log: () => {},
        places,
      }),
    ).toBe('already-seeded');
  });
});
