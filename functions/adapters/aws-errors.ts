/** What AWS clients' errors mean for a caller: a transaction that met another, or "try again later". */

const unavailableNames = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'TimeoutError',
]);

const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/**
 * A transaction DynamoDB cancelled only because another one touched the same items (a busy
 * kommune's counter, say): nothing was written, so trying again is safe. The SDK does not retry
 * it; our client does a few times (dynamodb-client.ts), then it is a 503.
 */
export const isTransactionConflict = (error: unknown): boolean => {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return (
    reasons.some((reason) => reason.Code === 'TransactionConflict') &&
    reasons.every((reason) =>
      ['TransactionConflict', 'ThrottlingError', 'None'].includes(reason.Code ?? 'None'),
    )
  );
};

/** Whether an error from an AWS client means "try again later" rather than a bug. */
export const isTransientAwsError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (isTransactionConflict(error)) return true;
  const code = (error as { code?: string }).code;
  const retryable = (error as { $retryable?: unknown }).$retryable;
  return (
    unavailableNames.has(error.name) || (code !== undefined && unavailableCodes.has(code)) || !!retryable
  );
};
