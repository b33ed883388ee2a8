import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OrganisationsDirectory } from '../domain/organisations.ts';
import {
  directoryPartition,
  groupKey,
  organisationKey,
  toGroup,
  toOrganisation,
} from './organisations-table.ts';
import { batchGet, queryAll } from './query-all.ts';

/** Organisations and local groups (organisations-table.ts): the whole directory, some groups, a save. */
export const organisationsDirectory = (
  db: DynamoDBDocumentClient,
  tableName: string,
): OrganisationsDirectory => ({
  async all() {
    const items = await queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': directoryPartition },
    });
    const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'da');
    return {
      organisations: items
        .filter((i) => String(i.sk).startsWith('ORG#'))
        .map(toOrganisation)
        .sort(byName),
      groups: items
        .filter((i) => String(i.sk).startsWith('GROUP#'))
        .map(toGroup)
        .sort(byName),
    };
  },
  async groups(ids) {
    // Only what can be a group's id is looked up (a form's value can be anything).
    const wanted = [...new Set(ids)].filter((id) => /^[a-z0-9][a-z0-9-]{1,47}$/.test(id));
    if (wanted.length === 0) return [];
    return (await batchGet(db, tableName, wanted.map(groupKey))).map(toGroup);
  },
  async saveOrganisation(organisation) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...organisationKey(organisation.id), ...organisation },
      }),
    );
  },
  async saveGroup(group) {
    await db.send(new PutCommand({ TableName: tableName, Item: { ...groupKey(group.id), ...group } }));
  },
});
