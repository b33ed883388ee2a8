import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import { volunteersRepository } from '../../functions/adapters/volunteers-repository.ts';
import type { Screening } from '../../functions/domain/screening.ts';
import { confirm, newVolunteer, type Volunteer } from '../../functions/domain/volunteer.ts';
import { counterChanges } from '../../functions/domain/volunteer-counters.ts';
import { volunteerSignupSchema } from '../../shared/volunteer-contract.ts';
import { signupBody } from './signup-fixture.ts';
import { documentClient, request, stack, uniqueEmail } from './stack.ts';

/**
 * A confirmed volunteer, stored as the sign-up and confirmation would store them (the record and
 * the kommune's counters), without the emails: matching tests need many, quickly.
 */
/** A volunteer a coordinator has made ready: introduced, declaration accepted, børneattest approved. */
export const readyScreening = (on = new Date()): Screening => {
  const day = on.toISOString().slice(0, 10);
  return {
    introduction: { on: day, by: 'Testkoordinator' },
    confidentiality: { at: on.toISOString(), by: 'volunteer' },
    childCertificate: { requestedOn: day, decidedOn: day, assessment: 'approved' },
  };
};

/**
 * A confirmed volunteer, stored as the sign-up and confirmation would store them; ready for any
 * household (screened) unless `screening` says otherwise.
 */
export const addConfirmedVolunteer = async (
  overrides: Record<string, unknown> = {},
  state: Partial<
    Pick<
      Volunteer,
      'paused' | 'pausedUntil' | 'ready' | 'activeMatches' | 'confirmedAt' | 'screening' | 'groupId'
    >
  > & {
    unconfirmed?: boolean;
  } = {},
): Promise<Volunteer> => {
  const db = documentClient();
  const input = volunteerSignupSchema.parse(signupBody(uniqueEmail('frivillig'), overrides));
  const now = new Date();
  const signedUp = newVolunteer(input, now);
  const { unconfirmed, ...rest } = state;
  const volunteer: Volunteer = {
    ...(unconfirmed ? signedUp : confirm(signedUp, now)),
    ...(unconfirmed ? {} : { screening: readyScreening(now) }),
    ...rest,
  };
  await volunteersRepository(db, stack.tables.volunteers).create(volunteer);
  const counters = kommunerRepository(db, stack.tables.kommuner).counterUpdates(
    counterChanges(signedUp, volunteer),
  );
  if (counters.length > 0) await db.send(new TransactWriteCommand({ TransactItems: counters }));
  return volunteer;
};

/** Makes a volunteer who signed up through the API ready, as their coordinator would record it. */
export const markReady = async (volunteerId: string) => {
  const repository = volunteersRepository(documentClient(), stack.tables.volunteers);
  const before = await repository.get(volunteerId, new Date());
  if (!before) throw new Error(`No volunteer ${volunteerId}`);
  await repository.save(before, {
    ...before,
    screening: readyScreening(),
    updatedAt: new Date().toISOString(),
  });
};

/** Opens a proposal link and submits the answer form it shows, as the volunteer's browser would. */
export const answerFromLink = async (link: string, answer: 'accept' | 'decline') => {
  const url = new URL(link);
  const page = await request(`${url.pathname}${url.search}`);
  expect(page.status).toBe(200);
  return request('/ven/forslag', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      match: url.searchParams.get('match') ?? '',
      token: url.searchParams.get('token') ?? '',
      answer,
    }).toString(),
  });
};
