import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { matchStatuses } from '../../functions/domain/match.ts';
import type { Volunteer } from '../../functions/domain/volunteer.ts';
import {
  consentedBody,
  correctHandover,
  getJson,
  postJson,
  staffToken,
} from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
import {
  documentClient,
  getItem,
  linkIn,
  type StoredEmail,
  signIn,
  stack,
  waitForEmails,
} from '../support/stack.ts';

/**
 * The match list's total comes from counters per kommune and status. Through every writer of a
 * match's status (proposal, the volunteer's yes and no, a coordinator's cancel, pause and end,
 * a withdrawal of consent, a correction that moves the refugee to another kommune), each counter
 * stays equal to the matches its index partition holds. Two kommuner no other test uses.
 */

const kommuner = ['259', '265'] as const;

const partitionCount = async (kommune: string, status: string) =>
  (
    await documentClient().send(
      new QueryCommand({
        TableName: stack.tables.matches,
        IndexName: 'by-kommune-status',
        KeyConditionExpression: 'kommuneStatus = :ks',
        ExpressionAttributeValues: { ':ks': `${kommune}#${status}` },
        Select: 'COUNT',
      }),
    )
  ).Count ?? 0;

const counted = async (kommune: string, status: string) =>
  Number((await getItem(stack.tables.kommuner, { pk: 'KOMMUNE', sk: kommune }))?.[`matches:${status}`] ?? 0);

const expectCountersMatch = async (step: string) => {
  for (const kommune of kommuner)
    for (const status of matchStatuses)
      expect(await counted(kommune, status), `${step}: ${kommune} ${status}`).toBe(
        await partitionCount(kommune, status),
      );
};

describe('the match counters', () => {
  it('follow every change of a match, whoever makes it', async () => {
    const caseworker = (await signIn('caseworker')).accessToken;
    const coordinator = await staffToken({ role: 'coordinator', kommuner: [...kommuner] });
    const bodies = Array.from({ length: 5 }, () => consentedBody({ receivingKommune: '259' }));
    const ids: string[] = [];
    for (const body of bodies) {
      const created = await postJson('/api/handovers', caseworker, body);
      expect(created.status).toBe(201);
      ids.push(((await created.json()) as { id: string }).id);
    }
    const volunteers: Volunteer[] = [];
    for (let i = 0; i < 5; i++)
      volunteers.push(
        await addConfirmedVolunteer({
          kommuneCode: '259',
          postalCode: '4600',
          languages: ['arabic', 'danish'],
          kind: 'family',
          adults: 2,
          children: 1,
          gender: 'woman',
        }),
      );
    const matchIds: string[] = [];
    for (const [i, id] of ids.entries()) {
      const proposed = await postJson('/api/matches', coordinator, {
        consentId: id,
        volunteerId: volunteers[i]?.id,
      });
      expect(proposed.status, `proposal ${i}`).toBe(201);
      matchIds.push(((await proposed.json()) as { id: string }).id);
    }
    await expectCountersMatch('proposed');

    const link = async (i: number) => {
      const [email] = await waitForEmails(volunteers[i]?.email ?? '');
      return linkIn(email as StoredEmail, 'http');
    };
    expect(await answerFromLink(await link(0), 'accept')).toBeTruthy();
    expect(await answerFromLink(await link(1), 'decline')).toBeTruthy();
    expect(await answerFromLink(await link(4), 'accept')).toBeTruthy();
    await expectCountersMatch('answered');

    const act = (i: number, body: Record<string, unknown>) =>
      postJson(`/api/matches/${matchIds[i]}/actions`, coordinator, body);
    expect((await act(2, { action: 'cancel' })).status).toBe(200);
    expect((await act(4, { action: 'pause' })).status).toBe(200);
    await expectCountersMatch('cancelled and paused');
    expect(
      (await act(4, { action: 'end', planned: true, endedBy: 'both', reason: 'completed', rematch: false }))
        .status,
    ).toBe(200);
    await expectCountersMatch('ended');

    // The refugee of an open proposal withdraws: the match ends in the withdrawal's transaction.
    expect(
      (await postJson(`/api/handovers/${ids[3]}/withdrawal`, caseworker, { requestedVia: 'phone' })).status,
    ).toBe(200);
    await expectCountersMatch('withdrawn');

    // The active match's refugee moves to another kommune: the match moves with its counter.
    const moved = await correctHandover(caseworker, ids[0] as string, bodies[0] as Record<string, unknown>, {
      receivingKommune: '265',
    });
    expect(moved.status).toBe(200);
    await expectCountersMatch('moved');
    expect(await partitionCount('265', 'active')).toBe(1);

    // And the list says how many.
    const list = (await getJson('/personale/matching/match?kommune=259&status=ended', coordinator)).status;
    expect(list).toBe(200);
  });
});
