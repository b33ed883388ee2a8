/**
 * One write that a store hands out to be committed inside another store's transaction (a kommune's
 * counters moving with the volunteer who changed them). The domain only passes them along: what
 * they are is the adapters' business (a DynamoDB TransactWriteItem).
 */
export type TransactionPart = object;
