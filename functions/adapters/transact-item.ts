import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** One write of a DynamoDB transaction; repositories hand these out so one use case can commit across tables at once. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
