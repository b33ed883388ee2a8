import { consentsLists } from '../functions/adapters/consents-lists.ts';
import { toItem as recordItem } from '../functions/adapters/consents-table.ts';
import { matchesRepository } from '../functions/adapters/matches-repository.ts';
import { toItem as matchItem } from '../functions/adapters/matches-table.ts';
import { taskPorts } from '../functions/adapters/task-ports.ts';
import { toTaskItem } from '../functions/adapters/tasks-table.ts';
import { volunteersLists } from '../functions/adapters/volunteers-lists.ts';
import { toItem as volunteerItem } from '../functions/adapters/volunteers-table.ts';
import { matchTasks } from '../functions/domain/coordinator-task.ts';
import { taskPage } from '../functions/domain/coordinator-tasks.ts';
import type { Actor } from '../functions/domain/handover.ts';
import { type Match, matchIdFor } from '../functions/domain/match.ts';
import { sendFollowUps } from '../functions/domain/match-follow-ups.ts';
import { confirm, newVolunteer } from '../functions/domain/volunteer.ts';
import { volunteerSignupSchema } from '../shared/volunteer-contract.ts';
import { signupBody } from '../test/support/signup-fixture.ts';
import { median } from './figures.ts';
import { seededRecord } from './seeded-records.ts';
import {
  batchWrite,
  countRequests,
  createPlainTable,
  documentClientFor,
  withBenchStack,
} from './stack-db.ts';

/**
 * The coordinator's task list and the check-in job with 1,000 active matches in one kommune, then
 * 2,000 (DynamoDB Local, its own stack, in memory). Prints the time and the DynamoDB requests of
 * each: the list must cost the same few key Queries (and two BatchGetItems for the names shown)
 * whatever the number of matches; the job reads the kommune's matches with a fixed number of key
 * Queries and writes one transaction per check-in it sends, and nothing on a second run the same day.
 */

const kommune = '101';
const day = 24 * 3600 * 1000;
const actor: Actor = {
  sub: 'bench',
  name: 'Bench',
  roles: ['coordinator'],
  centres: [],
  kommuner: [kommune],
};

const seed = (first: number, count: number, now: Date) => {
  const matches: Record<string, unknown>[] = [];
  const records: Record<string, unknown>[] = [];
  const volunteers: Record<string, unknown>[] = [];
  const tasks: Record<string, unknown>[] = [];
  for (let n = first; n < first + count; n++) {
    const consentId = `bench-tasks-${String(n).padStart(20, '0')}`;
    const input = volunteerSignupSchema.parse(
      signupBody(`bench.tasks.${n}@example.dk`, { kommuneCode: kommune, postalCode: '2200' }),
    );
    const volunteer = {
      ...confirm(newVolunteer(input, now), now),
      activeMatches: 1,
      firstProposedAt: now.toISOString(),
    };
    volunteers.push(volunteerItem(volunteer));
    // Spread over 400 days: every check-in of the schedule is due for someone.
    const activeSince = new Date(now.getTime() - ((n * 7919) % 400) * day - 3600e3).toISOString();
    const match: Match = {
      id: matchIdFor(consentId, 1),
      consentId,
      volunteerId: volunteer.id,
      kommuneCode: kommune,
      status: 'active',
      score: 60,
      reasons: [],
      proposedAt: activeSince,
      proposedBy: { sub: 'bench', name: 'Bench' },
      arrivalDate: activeSince.slice(0, 10),
      activeSince,
      answeredAt: activeSince,
      followUps: {},
      version: 2,
      updatedAt: activeSince,
    };
    matches.push(matchItem(match));
    records.push(
      recordItem({
        ...seededRecord({
          id: consentId,
          kommuneCode: kommune,
          at: activeSince,
          interviewDate: activeSince.slice(0, 10),
          share: { shareWithVolunteers: true, shareWithKommune: true },
          n,
          person: { household: 'alone', expectedMovingDate: activeSince.slice(0, 10) },
        }),
        status: 'matched',
        currentMatchId: match.id,
      } as never),
    );
    // One match in five has an open task (a concern, an answer, an unanswered check-in).
    if (n % 5 === 0)
      tasks.push(
        toTaskItem(
          n % 15 === 0
            ? matchTasks.concern(match, `${activeSince}#concern`, activeSince)
            : matchTasks.checkInAnswer(match, '6-weeks', 'lost-contact', activeSince),
        ),
      );
  }
  return { matches, records, volunteers, tasks };
};

export const benchTasks = (): Promise<void> =>
  withBenchStack('tasks', { gateway: 3890, dynamodb: 8890, ses: 8895, cognito: 9890 }, async (info) => {
    const db = documentClientFor(info);
    // Check-in emails go to outboxes no sender watches (and without a stream): the figure is the job.
    const outboxes = Array.from({ length: 4 }, (_, i) => `venner-benchtasks-outbox-${i}`);
    for (const name of outboxes) await createPlainTable(info, name);
    const now = new Date();
    const write = async (first: number, count: number) => {
      const seeded = seed(first, count, now);
      await batchWrite(db, info.tables.volunteers, seeded.volunteers, 'volunteers');
      await batchWrite(db, info.tables.consents, seeded.records, 'consents');
      await batchWrite(db, info.tables.matches, seeded.matches, 'matches');
      await batchWrite(db, info.tables.tasks, seeded.tasks, 'tasks');
      process.stdout.write('\n');
    };

    const listOnce = async () => {
      const counted = documentClientFor(info);
      const counter = countRequests(counted);
      const deps = {
        ...taskPorts(
          {
            TABLE_TASKS: info.tables.tasks,
            TABLE_CONSENTS: info.tables.consents,
            TABLE_VOLUNTEERS: info.tables.volunteers,
          },
          counted,
        ),
        records: consentsLists(counted, info.tables.consents),
        volunteers: volunteersLists(counted, info.tables.volunteers),
        audit: { record: async () => {}, listFor: async () => [] },
      };
      const begin = performance.now();
      const page = await taskPage(deps, actor, [kommune]);
      return {
        ms: performance.now() - begin,
        requests: counter.requests,
        total: page.total,
        shown: page.shown.length,
      };
    };
    const list = async (label: string) => {
      await listOnce();
      const runs = [await listOnce(), await listOnce(), await listOnce()];
      const last = runs[2] as (typeof runs)[number];
      console.log(
        `  ${label}: the task list (${last.total} open tasks, ${last.shown} shown and named): ${median(runs.map((r) => r.ms)).toFixed(0)} ms, ${last.requests} DynamoDB requests`,
      );
      return last.requests;
    };

    const job = async (label: string, outbox: string) => {
      const counted = documentClientFor(info);
      const counter = countRequests(counted);
      const matches = matchesRepository(counted, { ...info.tables, outbox });
      const begin = performance.now();
      const report = await sendFollowUps({ matches, now: () => now }, [kommune]);
      const first = { ms: performance.now() - begin, requests: counter.requests, sent: report.sent };
      const againBegin = performance.now();
      const again = await sendFollowUps({ matches, now: () => now }, [kommune]);
      console.log(
        `  ${label}: the check-in job over ${report.openMatches} active matches: ${first.ms.toFixed(0)} ms, ${first.requests} DynamoDB requests (${first.sent} check-ins sent, one transaction each); the same day again: ${(performance.now() - againBegin).toFixed(0)} ms, ${counter.requests - first.requests} requests, ${again.sent} sent`,
      );
      return counter.requests - first.requests;
    };

    console.log(
      'Seeding 1,000 active matches in one kommune (their refugees and volunteers, 200 open tasks)',
    );
    await write(0, 1000);
    const listed1000 = await list('1,000 matches');
    const reads1000 = await job('1,000 matches', outboxes[0] as string);
    console.log('Seeding 1,000 more');
    await write(1000, 1000);
    const listed2000 = await list('2,000 matches');
    const reads2000 = await job('2,000 matches', outboxes[1] as string);
    console.log(
      `\nRequests with twice the matches: the list ${listed1000} → ${listed2000}, the job's reads ${reads1000} → ${reads2000} (pages of 1 MB may add one each; target: fixed) ${listed2000 - listed1000 <= 2 && reads2000 - reads1000 <= 2 ? 'met' : 'NOT MET'}`,
    );
  });
