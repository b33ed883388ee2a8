import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

export interface StaffDirectory {
  /**
   * Remembers who signed in (their e-mail, and their name when Cognito has one), so records and
   * audit trails can name them; answers the name they go by (undefined: they must be asked).
   */
  remember(
    sub: string,
    email: string,
    now: Date,
    name?: string,
    /** For a coordinator: the kommuner they cover (their digest names them). */
    coordinatorOf?: readonly string[],
    /** … and their local groups (their Monday email counts only what they see). */
    groups?: readonly string[],
  ): Promise<{ name?: string }>;
  /** The name a staff member gave (or Cognito has); their e-mail if none; undefined if they never signed in. */
  nameOf(sub: string): Promise<string | undefined>;
  /** A staff member's work e-mail as of their last sign-in, or undefined. */
  emailOf(sub: string): Promise<string | undefined>;
  /** The name a staff member gives at their first sign-in. */
  setName(sub: string, name: string): Promise<void>;
  /** The name given (by an administrator, Cognito or themselves), or undefined: not the e-mail fallback. */
  nameGiven(sub: string): Promise<string | undefined>;
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
/** A coordinator of a kommune, as the kommune's digest names them. */
export interface KommuneCoordinator {
  readonly sub: string;
  readonly name?: string;
  readonly email: string;
  /** Their local groups as of their last sign-in. */
  readonly groups?: readonly string[];
}

/**
 * Coordinators who have not signed in for this long are no longer named to the kommune: their
 * scope may have changed since (each sign-in writes it again). Disabled and removed staff drop out
 * at once (their sessions end at the end of time).
 */
export const coordinatorEntryDays = 30;

const coordinatorKey = (kommuneCode: string, sub: string) => ({
  pk: `KOMMUNE#${kommuneCode}`,
  sk: `COORDINATOR#${sub}`,
});

/** The coordinators of a kommune who signed in lately and whose access is not closed: one Query. */
export const kommuneCoordinators = (db: DynamoDBDocumentClient, tableName: string) => ({
  async of(kommuneCode: string, now: Date): Promise<KommuneCoordinator[]> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :coordinator)',
        ExpressionAttributeValues: { ':pk': `KOMMUNE#${kommuneCode}`, ':coordinator': 'COORDINATOR#' },
      }),
    );
    const ends = staffSessionEnds(db, tableName);
    const current = Items.filter((item) => Number(item.expiresAt) > now.getTime() / 1000);
    const open = await Promise.all(
      current.map(
        async (item) => ((await ends.sessionsEndedAt(String(item.sub))) ?? 0) <= now.getTime() / 1000,
      ),
    );
    return current
      .filter((_item, i) => open[i])
      .map((item) => ({
        sub: String(item.sub),
        email: String(item.email),
        ...(typeof item.name === 'string' ? { name: item.name } : {}),
        ...(Array.isArray(item.groups) ? { groups: item.groups.map(String) } : {}),
      }))
      .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email, 'da'));
  },
});

export const staffDirectory = (db: DynamoDBDocumentClient, tableName: string): StaffDirectory => {
  /** Names only: an e-mail is read again until the person has told us their name. */
  const cache = new Map<string, string>();
  const key = (sub: string) => ({ pk: `STAFF#${sub}`, sk: 'PROFILE' });
  return {
    async remember(sub, email, now, name, coordinatorOf = [], groups = []) {
      const { Attributes: before } = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(sub),
          // A name from Cognito wins; otherwise the one they gave here stays.
          UpdateExpression: `SET #sub = :sub, email = :email, lastSignInAt = :at, coordinatorOf = :kommuner${name ? ', #name = :name' : ''}`,
          ExpressionAttributeNames: { '#sub': 'sub', ...(name ? { '#name': 'name' } : {}) },
          ExpressionAttributeValues: {
            ':sub': sub,
            ':email': email,
            ':at': now.toISOString(),
            ':kommuner': [...coordinatorOf],
            ...(name ? { ':name': name } : {}),
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const known = name ?? (typeof before?.name === 'string' ? before.name : undefined);
      // Each kommune they cover lists them (for its digest); kommuner they no longer cover do not.
      const previous: string[] = Array.isArray(before?.coordinatorOf) ? before.coordinatorOf : [];
      const expiresAt = Math.floor(now.getTime() / 1000) + coordinatorEntryDays * 24 * 3600;
      const writes = [
        ...coordinatorOf.map((code) => ({
          PutRequest: {
            Item: {
              ...coordinatorKey(code, sub),
              sub,
              email,
              expiresAt,
              groups: [...groups],
              ...(known ? { name: known } : {}),
            },
          },
        })),
        ...previous
          .filter((code) => !coordinatorOf.includes(code))
          .map((code) => ({ DeleteRequest: { Key: coordinatorKey(code, sub) } })),
      ];
      for (let i = 0; i < writes.length; i += 25)
        await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: writes.slice(i, i + 25) } }));
      return { name: known };
    },
    async nameOf(sub) {
      const cached = cache.get(sub);
      if (cached) return cached;
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(sub) }));
      if (typeof Item?.name === 'string') {
        cache.set(sub, Item.name);
        return Item.name;
      }
      return typeof Item?.email === 'string' ? Item.email : undefined;
    },
    async emailOf(sub) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(sub) }));
      return typeof Item?.email === 'string' ? Item.email : undefined;
    },
    async nameGiven(sub) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: key(sub), ConsistentRead: true }),
      );
      return typeof Item?.name === 'string' ? Item.name : undefined;
    },
    async setName(sub, name) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(sub),
          UpdateExpression: 'SET #name = :name',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name },
        }),
      );
      cache.set(sub, name);
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
