/**
 * One page of a list that spans index partitions (a caseworker's centres, a coordinator's
 * kommuner, a kommune's match statuses), merged in the index's sort order: each partition is read
 * from where the last page left it, so every item is seen exactly once, and a page costs one Query
 * per partition (at most `maxRounds` when a filter leaves a round short), whatever the volume.
 *
 * The cursor holds, per partition, the sort value and table key of the last item taken: no
 * personal data (lists are never sorted by name), and the partition's own key is always ours,
 * never the cursor's, so a tampered cursor cannot read outside the caller's partitions.
 */

import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../domain/paging.ts';

type Item = Record<string, unknown>;

export interface PagedQuery {
  readonly tableName: string;
  readonly indexName: string;
  readonly partitionAttribute: string;
  readonly sortAttribute: string;
  /** The partition values to merge (each read with one Query per round). */
  readonly partitions: readonly string[];
  /** Oldest first (`true`) or newest first. */
  readonly forward: boolean;
  /** A condition on the sort key besides the partition, e.g. `waitingSince <= :until`. */
  readonly sortCondition?: { readonly expression: string; readonly values: Record<string, unknown> };
  readonly filter?: {
    readonly expression: string;
    readonly names?: Record<string, string>;
    readonly values?: Record<string, unknown>;
  };
  readonly page: PageRequest;
  /** Filters leave rounds short; a page reads at most this many rounds. */
  readonly maxRounds?: number;
}

/**
 * Per partition: [sort value, pk, sk] of the last item passed. A partition read to its end keeps
 * its position too, so the next page looks again (one Query) and finds who joined the end since.
 */
type Position = [string, string, string];
type Positions = Record<string, Position>;

const encode = (offset: number, positions: Positions) =>
  Buffer.from(JSON.stringify({ o: offset, p: positions })).toString('base64url');

/** A cursor read back, or a fresh start when it is not one of ours. */
const decode = (cursor: string | undefined): { offset: number; positions: Positions } => {
  if (!cursor) return { offset: 0, positions: {} };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      o?: unknown;
      p?: unknown;
    };
    const positions: Positions = {};
    if (parsed.p && typeof parsed.p === 'object')
      for (const [partition, at] of Object.entries(parsed.p as Record<string, unknown>)) {
        if (
          Array.isArray(at) &&
          at.length === 3 &&
          at.every((part) => typeof part === 'string' && part.length <= 200) &&
          ((at[1] !== '' && at[2] !== '') || at.every((part) => part === ''))
        )
          positions[partition] = at as Position;
      }
    const offset =
      typeof parsed.o === 'number' && Number.isSafeInteger(parsed.o) && parsed.o >= 0 ? parsed.o : 0;
    return { offset, positions };
  } catch {
    return { offset: 0, positions: {} };
  }
};

export const pagedQuery = async (db: DynamoDBDocumentClient, query: PagedQuery): Promise<Page<Item>> => {
  try {
    return await pageOf(db, query);
  } catch (error) {
    // A cursor DynamoDB refuses (edited, or from before a filter changed) starts from the first page.
    if (query.page.cursor && (error as Error).name === 'ValidationException')
      return pageOf(db, { ...query, page: { size: query.page.size } });
    throw error;
  }
};

const pageOf = async (db: DynamoDBDocumentClient, query: PagedQuery): Promise<Page<Item>> => {
  const { partitionAttribute: partitionAttr, sortAttribute: sortAttr, forward, page } = query;
  const decoded = decode(page.cursor);
  const positions: Positions = {};
  for (const partition of query.partitions)
    positions[partition] = decoded.positions[partition] ?? ['', '', ''];
  const startKey = (partition: string, at: Position) =>
    at[1] ? { pk: at[1], sk: at[2], [partitionAttr]: partition, [sortAttr]: at[0] } : undefined;
  const before = (a: string, b: string) => (forward ? a < b : a > b);
  const taken: Item[] = [];
  /** Partitions with nothing more to give this page (read to the end, everything found taken). */
  const exhausted = new Set<string>();

  for (let round = 0; round < (query.maxRounds ?? 3) && taken.length < page.size; round++) {
    const open = query.partitions.filter((partition) => !exhausted.has(partition));
    if (open.length === 0) break;
    const reads = await Promise.all(
      open.map(async (partition) => {
        const at = positions[partition] as Position;
        const result = await db.send(
          new QueryCommand({
            TableName: query.tableName,
            IndexName: query.indexName,
            KeyConditionExpression: `#partition = :partition${query.sortCondition ? ` AND ${query.sortCondition.expression}` : ''}`,
            ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
            ExpressionAttributeNames: { '#partition': partitionAttr, ...query.filter?.names },
            ExpressionAttributeValues: {
              ':partition': partition,
              ...query.sortCondition?.values,
              ...query.filter?.values,
            },
            ScanIndexForward: forward,
            // A filter reads more per round, so that a page fills in fewer rounds.
            Limit: (page.size - taken.length) * (query.filter ? 4 : 1),
            ExclusiveStartKey: startKey(partition, at),
          }),
        );
        return { partition, items: result.Items ?? [], last: result.LastEvaluatedKey };
      }),
    );
    // Only what lies before every unfinished partition's frontier is certainly in order.
    let cut: string | undefined;
    for (const read of reads)
      if (read.last) {
        const frontier = String(read.last[sortAttr]);
        if (cut === undefined || before(frontier, cut)) cut = frontier;
      }
    const candidates = reads
      .flatMap((read) => read.items.map((item) => ({ partition: read.partition, item })))
      .filter(({ item }) => cut === undefined || !before(cut, String(item[sortAttr])))
      .sort((a, b) => {
        const x = String(a.item[sortAttr]);
        const y = String(b.item[sortAttr]);
        return x === y ? 0 : before(x, y) ? -1 : 1;
      })
      .slice(0, page.size - taken.length);
    const takenPer = new Map<string, Item[]>();
    for (const { partition, item } of candidates) {
      taken.push(item);
      takenPer.set(partition, [...(takenPer.get(partition) ?? []), item]);
    }
    for (const read of reads) {
      const mine = takenPer.get(read.partition) ?? [];
      const last = mine[mine.length - 1];
      if (mine.length === read.items.length) {
        // All it found is taken: go on from where its Query stopped (past what the filter left out).
        if (read.last)
          positions[read.partition] = [
            String(read.last[sortAttr]),
            String(read.last.pk),
            String(read.last.sk),
          ];
        else {
          if (last) positions[read.partition] = [String(last[sortAttr]), String(last.pk), String(last.sk)];
          exhausted.add(read.partition);
        }
      } else if (last) {
        positions[read.partition] = [String(last[sortAttr]), String(last.pk), String(last.sk)];
      }
    }
  }

  const more = query.partitions.some((partition) => !exhausted.has(partition));
  return {
    items: taken,
    offset: decoded.offset,
    next: more ? encode(decoded.offset + taken.length, positions) : undefined,
  };
};
