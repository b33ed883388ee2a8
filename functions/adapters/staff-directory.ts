import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

export interface StaffDirectory {
  /** Remembers who signed in (their e-mail), so records and audit trails can name them. */
  remember(sub: string, email: string, now: Date): Promise<void>;
  /** The e-mail of a staff member, or undefined if they never signed in through the page. */
  nameOf(sub: string): Promise<string | undefined>;
}

/**
 * Sign-out ends every session of the user: Cognito's access tokens stay valid until they expire
 * (an hour), so the moment is noted and the staff gate refuses tokens issued before it.
 */
export interface StaffSessionEnds {
  endSessions(sub: string, at: Date): Promise<void>;
  /** When the user last signed out (epoch seconds), or undefined. */
  sessionsEndedAt(sub: string): Promise<number | undefined>;
}

const sessionsKey = (sub: string) => ({ pk: `STAFF#${sub}`, sk: 'SESSIONS' });

export const staffSessionEnds = (db: DynamoDBDocumentClient, tableName: string): StaffSessionEnds => ({
  async endSessions(sub, at) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...sessionsKey(sub), sub, endedAt: Math.floor(at.getTime() / 1000) },
      }),
    );
  },
  async sessionsEndedAt(sub) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: sessionsKey(sub), ConsistentRead: true }),
    );
    return typeof Item?.endedAt === 'number' ? Item.endedAt : undefined;
  },
});

/**
 * Cognito access tokens carry a user's id but not their e-mail; the sign-in page writes it here,
 * and the functions that record who did what read it (cached for the life of the instance).
 */
export const staffDirectory = (db: DynamoDBDocumentClient, tableName: string): StaffDirectory => {
  const cache = new Map<string, string>();
  return {
    async remember(sub, email, now) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: `STAFF#${sub}`, sk: 'PROFILE', sub, email, lastSignInAt: now.toISOString() },
        }),
      );
    },
    async nameOf(sub) {
      const cached = cache.get(sub);
      if (cached) return cached;
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: { pk: `STAFF#${sub}`, sk: 'PROFILE' } }),
      );
      const email = typeof Item?.email === 'string' ? Item.email : undefined;
      if (email) cache.set(sub, email);
      return email;
    },
  };
};

/** The claims of a JWT that came straight from Cognito over TLS (so already trusted), without verifying it again. */
export const claimsOf = (jwt: string): Record<string, unknown> => {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
};
