import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { isTransactionConflict } from './aws-errors.ts';

/** One write of a DynamoDB transaction; repositories hand these out so one use case can commit across tables at once. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const isCancelledByCondition = (error: unknown, index: number) =>
  (error as Error).name === 'TransactionCanceledException' &&
  (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.[index]?.Code ===
    'ConditionalCheckFailed';

/**
 * Runs a transaction of conditional writes; false when any condition failed or another
 * transaction met it (something changed since it was read: the caller says so, or reads again).
 */
export const transactUnlessChanged = async (
  db: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<boolean> => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException' || isTransactionConflict(error))
      return false;
    throw error;
  }
};

/** Runs a transaction whose first write is conditional; false when that condition failed (already done). */
export const transactUnlessDone = async (
  db: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<boolean> => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (isCancelledByCondition(error, 0)) return false;
    throw error;
  }
};
