import http from 'node:http';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { Role } from '../../shared/roles.ts';

/** The running test stack's endpoints and ids (see global-setup.ts). */
export const stack = inject('stack');

const aws = { region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

export const dynamoClient = () => new DynamoDBClient({ ...aws, endpoint: stack.dynamodbEndpoint });
export const documentClient = () => DynamoDBDocumentClient.from(dynamoClient());
export const cognitoClient = () =>
  new CognitoIdentityProviderClient({ ...aws, endpoint: stack.cognitoEndpoint });

/** Signs a staff user in with cognito-local (as the sign-in page does) and returns the tokens. */
export const signInAs = async (username: string, password: string) => {
  const { AuthenticationResult } = await cognitoClient().send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: stack.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  if (!AuthenticationResult?.AccessToken || !AuthenticationResult.IdToken) throw new Error('No tokens');
  return { accessToken: AuthenticationResult.AccessToken, idToken: AuthenticationResult.IdToken };
};

/** Signs the demo user of a role in. */
export const signIn = async (role: Role) => {
  const demo = stack.demoLogins.find((login) => login.role === role);
  if (!demo) throw new Error(`No demo login for ${role}`);
  return signInAs(demo.username, demo.password);
};

/** One item as stored (a consistent read), for assertions; `db` for a DynamoDB other than the stack's. */
export const getItem = async (TableName: string, Key: Record<string, string>, db = documentClient()) =>
  (await db.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;

/** Every item of a table (consistent, page after page), for assertions. */
export const scanAll = async (TableName: string, db = documentClient()) => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

/** A request to the local gateway; redirects are not followed so tests see them. */
export const request = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.gatewayUrl}${path}`, { redirect: 'manual', ...init });

let nextClient = 0;
/**
 * A loopback address of its own for a test that sends many requests, so per-client rate limits see
 * a separate client. Linux answers on all of 127.0.0.0/8. The second byte is the test file's worker
 * (unique per file in a run): files counting from the same start would share addresses, and so
 * their rate limits, with files running beside them.
 */
export const newClientAddress = () => {
  nextClient++;
  const file = (Number(process.env.VITEST_WORKER_ID ?? 0) % 254) + 1;
  return `127.${file}.${Math.floor(nextClient / 250) % 250}.${(nextClient % 250) + 2}`;
};

/** Like `request`, but sent from `clientAddress` (the gateway sees it as the source IP). */
export const requestFrom = (
  clientAddress: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(`${stack.gatewayUrl}${path}`);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: init.method ?? 'GET',
        headers: { host: url.host, ...init.headers },
        localAddress: clientAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : [value ?? '']) headers.append(name, v);
          }
          resolve(
            new Response(res.statusCode === 204 || res.statusCode === 304 ? null : Buffer.concat(chunks), {
              status: res.statusCode,
              headers,
            }),
          );
        });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });

export interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly at: number;
}

/** Every email the SES stand-in received, oldest first. */
export const sentEmails = async (): Promise<StoredEmail[]> => {
  const store = (await (await fetch(stack.sesStoreUrl)).json()) as { emails: StoredEmail[] };
  return store.emails;
};

/** The emails to one address (tests use a fresh address each, so they do not see each other's). */
export const emailsTo = async (address: string) =>
  (await sentEmails()).filter((email) => email.destination.to.includes(address));

/**
 * Waits until `count` emails to `address` have arrived and returns them. Emails go out after the
 * answer (table stream → outbox sender), usually within a few hundred milliseconds.
 */
export const waitForEmails = async (
  address: string,
  count = 1,
  timeoutMs = 20_000,
): Promise<StoredEmail[]> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsTo(address);
    if (emails.length >= count) return emails;
    if (Date.now() > deadline) {
      throw new Error(
        `Expected ${count} email(s) to ${address} within ${timeoutMs} ms, got ${emails.length}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** The first link in an email's text part that starts with `prefix`. */
export const linkIn = (email: StoredEmail, prefix: string): string => {
  const found = email.body.text?.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`No link starting ${prefix} in "${email.subject}"`);
  return found;
};

export const uniqueEmail = (label: string) =>
  `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@example.dk`;
