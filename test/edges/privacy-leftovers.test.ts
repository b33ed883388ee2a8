import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outboxRepository } from '../../functions/adapters/outbox-repository.ts';
import { rateLimitRepository } from '../../functions/adapters/rate-limit-repository.ts';
import { volunteersRepository } from '../../functions/adapters/volunteers-repository.ts';
import { emailGuardKey } from '../../functions/adapters/volunteers-table.ts';
import { signUp } from '../../functions/domain/volunteer-signup.ts';
import { volunteerSignupSchema } from '../../shared/volunteer-contract.ts';
import { signUpAndConfirm } from '../support/confirmed-volunteer.ts';
import { signupBody } from '../support/signup-fixture.ts';
import { documentClient, requestFrom, scanAll, stack, uniqueEmail, waitForEmails } from '../support/stack.ts';
import { postForm } from '../support/staff.ts';
import { volunteerByEmail } from '../support/volunteer-items.ts';

/**
 * What a volunteer leaves behind: nothing that leads back to them. Their id is random, so the
 * outbox entries and tokens that outlive them (for exactly-once email and expiry) hold an id that
 * no address can be turned into; the only link, the guard of their address, goes with them. And
 * signing up with an address that is known does the same work as with a new one, so how long the
 * answer takes tells nothing either.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

describe('after a volunteer erases their data', () => {
  it('no table holds their address, their details, or anything derived from the address', async () => {
    const email = uniqueEmail('leaves');
    const name = `Lea ${randomUUID().slice(0, 8)}`;
    const phone = '+4561728394';
    const { id, client, cookie } = await signUpAndConfirm(email, { name, phone: '61 72 83 94' });
    // A link asked for, so there are more tokens and outbox entries about them.
    const asked = await requestFrom(client, '/min-tilmelding/send-link', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
      body: new URLSearchParams({ email }).toString(),
    });
    expect(asked.status).toBe(303);
    await waitForEmails(email, 2);
    const guard = emailGuardKey(email).pk;

    const left = await postForm(
      '/min-tilmelding',
      { action: 'delete', confirmDelete: 'yes' },
      { cookies: cookie },
    );
    expect(left.status).toBe(303);

    const derived = [
      email,
      name,
      phone,
      guard,
      guard.slice('EMAIL#'.length),
      // The ids earlier versions derived from the address.
      sha256(`venner/volunteer:${email}`).slice(0, 32),
      sha256(`venner/address:${email}`),
    ];
    for (const table of Object.values(stack.tables)) {
      const items = JSON.stringify(await scanAll(table));
      for (const value of derived) expect(items, `${table} holds ${value}`).not.toContain(value);
    }
    // What is left holds the random id, which no address leads to: signing up again gives another.
    expect(id).toMatch(/^[\w-]{32}$/);
    const again = await requestFrom(client, '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(email)),
    });
    expect(again.status).toBe(201);
    const record = await volunteerByEmail(email);
    expect(record?.id).toMatch(/^[\w-]{32}$/);
    expect(record?.id).not.toBe(id);
  });
});

describe('signing up with a known address', () => {
  /** The domain's sign-up on the real repositories, with every DynamoDB call it makes recorded. */
  const recordedSignUp = () => {
    const db = documentClient();
    const calls: string[] = [];
    db.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'record-calls' },
    );
    const deps = {
      volunteers: volunteersRepository(db, stack.tables.volunteers),
      outbox: outboxRepository(db, stack.tables.outbox),
      rateLimiter: rateLimitRepository(db, stack.tables.rateLimits, {
        maxPerWindow: 1000,
        windowSeconds: 600,
      }),
      groups: { all: async () => ({ organisations: [], groups: [] }) },
      now: () => new Date(),
    };
    return {
      calls,
      run: async (email: string) => {
        calls.length = 0;
        const answer = await signUp(deps, volunteerSignupSchema.parse(signupBody(email)), randomUUID());
        return { answer, calls: [...calls] };
      },
    };
  };

  it('makes the same calls, in the same order, as a new one, and answers alike', async () => {
    const signUps = recordedSignUp();
    const email = uniqueEmail('known');
    const fresh = await signUps.run(email);
    const known = await signUps.run(email);
    expect(fresh.calls).toEqual(['UpdateItemCommand', 'TransactWriteItemsCommand', 'PutItemCommand']);
    expect(known.calls).toEqual(fresh.calls);
    expect(Object.keys(known.answer)).toEqual(Object.keys(fresh.answer));
    expect(known.answer.status).toBe('unconfirmed');
    expect(known.answer.id).not.toBe(fresh.answer.id);
    // Also for a confirmed volunteer, who once got a different answer.
    const confirmed = uniqueEmail('confirmed');
    await signUpAndConfirm(confirmed);
    const again = await signUps.run(confirmed);
    expect(again.calls).toEqual(fresh.calls);
    expect(again.answer.status).toBe('unconfirmed');
  });
});
