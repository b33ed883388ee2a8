import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

type QueryInput = Omit<QueryCommandInput, 'ExclusiveStartKey'>;

/** Runs a Query page after page (each page is at most 1 MB), handing each page to `onPage`. */
const eachPage = async (
  db: DynamoDBDocumentClient,
  input: QueryInput,
  onPage: (page: { Items?: Record<string, unknown>[]; Count?: number }) => void,
) => {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    onPage(page);
    start = page.LastEvaluatedKey;
  } while (start);
};

/** Every item a Query finds, page after page. */
export const queryAll = async (
  db: DynamoDBDocumentClient,
  input: QueryInput,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  await eachPage(db, input, (page) => items.push(...(page.Items ?? [])));
  return items;
};

/** How many items a Query finds (`Select: COUNT`: no items travel), page after page. */
export const countAll = async (db: DynamoDBDocumentClient, input: QueryInput): Promise<number> => {
  let count = 0;
  await eachPage(db, { ...input, Select: 'COUNT' }, (page) => {
    count += page.Count ?? 0;
  });
  return count;
};

/** Items by key, 100 at a time, retrying what DynamoDB leaves unprocessed. */
export const batchGet = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, string>[],
): Promise<Record<string, unknown>[]> => {
  const unique = [...new Map(keys.map((key) => [`${key.pk}|${key.sk}`, key])).values()];
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100);
    for (let attempt = 0; pending?.length && attempt < 5; attempt++) {
      const result: {
        Responses?: Record<string, Record<string, unknown>[]>;
        UnprocessedKeys?: Record<string, { Keys?: Record<string, unknown>[] }>;
      } = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
};
