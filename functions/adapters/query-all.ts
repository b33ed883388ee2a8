import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

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
