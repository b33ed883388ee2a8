import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outboxRepository } from '../../functions/adapters/outbox-repository.ts';
import { sesMailer } from '../../functions/adapters/ses-mailer.ts';
import { tokensRepository } from '../../functions/adapters/tokens-repository.ts';
import { volunteersRepository } from '../../functions/adapters/volunteers-repository.ts';
import { type DeliveryDeps, deliver, deliverNew, sendDue } from '../../functions/domain/email-delivery.ts';
import { newVolunteer } from '../../functions/domain/volunteer.ts';
import { volunteerEmail } from '../../functions/domain/volunteer-emails.ts';
import { volunteerEmailComposer } from '../../functions/email/volunteer-templates.tsx';
import { projectRoot } from '../../infra/build-assets.ts';
import { volunteerSignupSchema } from '../../shared/volunteer-contract.ts';
import { signupBody } from '../support/signup-fixture.ts';
import { documentClient, emailsTo, stack, uniqueEmail } from '../support/stack.ts';
import { outboxItem } from '../support/volunteer-items.ts';

/**
 * The outbox sender's promise: each email at most once, and nothing lost when SES fails. These
 * tests drive the sender's domain code with the real adapters (DynamoDB Local, the SES stand-in);
 * SES faults the stand-in cannot produce are injected by stubbing the SES client's `send`.
 */

const db = documentClient();
const ses = new SESv2Client({
  region: stack.region,
  endpoint: stack.sesEndpoint,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const volunteers = volunteersRepository(db, stack.tables.volunteers);

/**
 * The sender's ports with this file's composer. With `onlyFor`, the retry job sees only that
 * volunteer's entries: other test files write other kinds of email to the same outbox meanwhile.
 */
const deps = (now = () => new Date(), onlyFor?: string): DeliveryDeps => {
  const outbox = outboxRepository(db, stack.tables.outbox);
  return {
    outbox: onlyFor
      ? {
          ...outbox,
          listDue: async (at, limit) =>
            (await outbox.listDue(at, limit)).filter((entry) => entry.recipientRef === onlyFor),
        }
      : outbox,
    mailer: sesMailer({ from: stack.senderAddress, configurationSet: `venner-${stack.stage}`, client: ses }),
    compose: volunteerEmailComposer({
      volunteers,
      tokens: tokensRepository(db, stack.tables.tokens),
      baseUrl: stack.gatewayUrl,
    }),
    now,
  };
};

/**
 * A volunteer stored directly. Confirmed unless asked otherwise, so the running stack's own sender
 * (which reacts to unconfirmed sign-ups) sends them nothing by itself. Entries below are written
 * already taken, or with a lease that has run out, for the same reason: the stack's sender reacts
 * only to new pending entries.
 */
const storedVolunteer = async (label: string, status: 'unconfirmed' | 'confirmed' = 'confirmed') => {
  const email = uniqueEmail(label);
  const volunteer = { ...newVolunteer(volunteerSignupSchema.parse(signupBody(email)), new Date()), status };
  await volunteers.create(volunteer);
  return volunteer;
};

const longAgo = () => new Date(Date.now() - 3600_000);

const sesFault = (name: string) => Object.assign(new Error(`${name} (injected)`), { name, $fault: 'server' });

afterEach(() => vi.restoreAllMocks());

describe('email delivery through the outbox', () => {
  it('sends a confirmation once, however often its stream record and the retry job arrive', async () => {
    // Unconfirmed: the stack's own sender races these calls for the same email.
    const volunteer = await storedVolunteer('once', 'unconfirmed');
    const entry = volunteerEmail.confirmation(volunteer.id, volunteer.createdAt);
    // The stream may deliver a record more than once, and the retry job runs every 10 minutes.
    const results = await Promise.all([deliverNew(deps(), entry), deliverNew(deps(), entry)]);
    await sendDue(deps(undefined, volunteer.id));
    await sendDue(deps(undefined, volunteer.id));
    await deliver(deps(), entry.key);

    const mails = await emailsTo(volunteer.email);
    expect(mails.map((m) => m.subject)).toEqual(['Bekræft din tilmelding som frivillig ven']);
    // The sign-up is stored already: the email says what happens to it, not that nothing is kept.
    expect(mails[0]?.body.text).toContain('en tilmelding, der ikke bliver bekræftet, slettes efter 30 dage');
    expect(mails[0]?.body.text).not.toContain('intet gemmes');
    expect(results.filter((r) => r === 'sent').length).toBeLessThanOrEqual(1);
    expect(await outboxItem(entry.key)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps an email SES did not take pending, and the retry job sends it later, once', async () => {
    const volunteer = await storedVolunteer('throttled');
    const entry = volunteerEmail.manageLink(volunteer.id, new Date());
    const send = vi.spyOn(ses, 'send');
    send.mockRejectedValueOnce(sesFault('TooManyRequestsException'));

    expect(await deliverNew(deps(), entry)).toBe('retry-later');
    expect(await outboxItem(entry.key)).toMatchObject({
      status: 'pending',
      lastError: 'TooManyRequestsException',
    });
    expect(await emailsTo(volunteer.email)).toEqual([]);

    // SES is back: three runs of the retry job (as EventBridge retries may cause) send it once.
    send.mockRejectedValueOnce(sesFault('ServiceUnavailableException'));
    const first = await sendDue(deps(undefined, volunteer.id));
    expect(first.retryLater).toBeGreaterThanOrEqual(1);
    await sendDue(deps(undefined, volunteer.id));
    await sendDue(deps(undefined, volunteer.id));
    expect((await emailsTo(volunteer.email)).map((m) => m.subject)).toEqual(['Dit link til din tilmelding']);
    expect(await outboxItem(entry.key)).toMatchObject({ status: 'sent' });
    expect((await outboxItem(entry.key))?.attempts).toBeGreaterThanOrEqual(2);
  });

  it('gives up an email SES rejects for good, and says so in the outbox', async () => {
    const volunteer = await storedVolunteer('rejected');
    const entry = volunteerEmail.manageLink(volunteer.id, new Date());
    vi.spyOn(ses, 'send').mockRejectedValueOnce(sesFault('MessageRejected'));
    expect(await deliverNew(deps(), entry)).toBe('failed');
    expect(await outboxItem(entry.key)).toMatchObject({ status: 'failed', lastError: 'MessageRejected' });
    await sendDue(deps(undefined, volunteer.id));
    expect(await emailsTo(volunteer.email)).toEqual([]);
  });

  it('holds an email SES refuses while the account is in the sandbox: pending, its attempt given back, counted on /health, sent once SES takes it', async () => {
    const volunteer = await storedVolunteer('sandbox');
    const entry = volunteerEmail.manageLink(volunteer.id, new Date());
    // What SES answers in the sandbox to an address that is not verified (the stand-in takes everything).
    const sandbox = Object.assign(
      new Error(
        'Email address is not verified. The following identities failed the check in region EU-NORTH-1: frivillig@example.dk',
      ),
      { name: 'MessageRejected', $fault: 'client' },
    );
    const send = vi.spyOn(ses, 'send');
    send.mockRejectedValueOnce(sandbox).mockRejectedValueOnce(sandbox).mockRejectedValueOnce(sandbox);
    expect(await deliverNew(deps(), entry)).toBe('held');
    const held = await sendDue(deps(undefined, volunteer.id));
    expect(held).toMatchObject({ held: 1, failed: 0 });
    await sendDue(deps(undefined, volunteer.id));
    // Three refusals, none of them counted against the entry's attempts.
    expect(await outboxItem(entry.key)).toMatchObject({
      status: 'pending',
      lastError: 'held-by-ses',
      attempts: 0,
    });
    expect(await emailsTo(volunteer.email)).toEqual([]);
    const health = (await (await fetch(`${stack.gatewayUrl}/health`)).json()) as { emailsHeldBySes: number };
    expect(health.emailsHeldBySes).toBeGreaterThanOrEqual(1);

    // Production access granted: the next run sends it, once.
    expect(await sendDue(deps(undefined, volunteer.id))).toMatchObject({ sent: 1, held: 0 });
    expect((await emailsTo(volunteer.email)).map((m) => m.subject)).toEqual(['Dit link til din tilmelding']);
    expect(await outboxItem(entry.key)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('takes over an email whose sender stopped mid-way once its lease has run out', async () => {
    const volunteer = await storedVolunteer('lease');
    const entry = volunteerEmail.manageLink(volunteer.id, new Date());
    const claimedAt = new Date(Date.now() - 10 * 60 * 1000);
    // A sender claimed it ten minutes ago and vanished before sending.
    await deps().outbox.claim(entry, claimedAt, 300);
    expect(await deliver(deps(), entry.key)).toBe('sent');
    expect(await outboxItem(entry.key)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await emailsTo(volunteer.email)).toHaveLength(1);
  });

  it('does not take an email another sender is sending right now', async () => {
    const volunteer = await storedVolunteer('busy');
    const entry = volunteerEmail.manageLink(volunteer.id, new Date());
    await deps().outbox.claim(entry, new Date(), 300);
    expect(await deliver(deps(), entry.key)).toBe('not-due');
    expect(await emailsTo(volunteer.email)).toEqual([]);
  });

  it('sends nothing to a volunteer who left before the email went out', async () => {
    const volunteer = await storedVolunteer('gone');
    const entry = volunteerEmail.alreadySignedUp(volunteer.id, new Date());
    await deps().outbox.claim(entry, longAgo(), 300);
    await volunteers.erase(volunteer);
    expect(await deliver(deps(), entry.key)).toBe('skipped');
    expect(await outboxItem(entry.key)).toMatchObject({ status: 'skipped', lastError: 'recipient-gone' });
    expect(await emailsTo(volunteer.email)).toEqual([]);
  });
});

describe('npm run job -- email-retry', () => {
  it('sends what is still due through the deployed handler, as the schedule does', async () => {
    const volunteer = await storedVolunteer('job');
    const entry = volunteerEmail.manageLink(volunteer.id, new Date());
    // Due, but left behind: written by a sender that then stopped (its lease long over).
    await deps().outbox.claim(entry, longAgo(), 300);
    const stackFile = path.join(projectRoot, '.local', 'test', 'email-job-stack.json');
    writeFileSync(stackFile, JSON.stringify(stack));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/run-job.ts', 'email-retry', '--stack-file', stackFile],
      { cwd: projectRoot, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' } },
    );
    expect(stdout).toMatch(/"sent":\s*[1-9]/);
    expect((await emailsTo(volunteer.email)).map((m) => m.subject)).toEqual(['Dit link til din tilmelding']);
  });
});
