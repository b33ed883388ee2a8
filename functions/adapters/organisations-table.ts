import type { LocalGroup, Organisation } from '../domain/organisations.ts';

/**
 * The organisations table: one partition, `DIRECTORY`, with `ORG#<id>` for each organisation and
 * `GROUP#<id>` for each local group, so the whole directory is one Query and a coordinator's
 * groups one BatchGetItem. Hundreds of groups fit in one 1 MB page several times over.
 */
export const directoryPartition = 'DIRECTORY';
export const organisationKey = (id: string) => ({ pk: directoryPartition, sk: `ORG#${id}` });
export const groupKey = (id: string) => ({ pk: directoryPartition, sk: `GROUP#${id}` });

export const toOrganisation = (item: Record<string, unknown>): Organisation => ({
  id: String(item.id),
  name: String(item.name),
  readiness: item.readiness as Organisation['readiness'],
  updatedAt: String(item.updatedAt),
});

export const toGroup = (item: Record<string, unknown>): LocalGroup => ({
  id: String(item.id),
  organisationId: String(item.organisationId),
  name: String(item.name),
  kommuner: (item.kommuner as string[] | undefined) ?? [],
  email: String(item.email),
  ...(typeof item.phone === 'string' ? { phone: item.phone } : {}),
  active: item.active === true,
  offers: (item.offers as LocalGroup['offers'] | undefined) ?? [],
  updatedAt: String(item.updatedAt),
});
