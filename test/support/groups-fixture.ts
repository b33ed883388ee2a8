import { organisationsDirectory } from '../../functions/adapters/organisations-repository.ts';
import { saveGroup, saveOrganisation } from '../../functions/domain/organisations.ts';
import {
  type LocalGroupFields,
  localGroupInputSchema,
  type OrganisationInput,
} from '../../shared/organisations-contract.ts';
import { documentClient, stack } from './stack.ts';

/** Organisations and local groups, stored through the administration's use cases. */

const directory = () => organisationsDirectory(documentClient(), stack.tables.organisations);

export const addOrganisation = (organisation: OrganisationInput) =>
  saveOrganisation(directory(), organisation, new Date());

/** A local group as the schema reads it: a contact of its own and "friends" unless given. */
export const addGroup = (fields: Omit<LocalGroupFields, 'email' | 'offers'> & Partial<LocalGroupFields>) =>
  saveGroup(
    directory(),
    localGroupInputSchema.parse({ email: `${fields.id}@example.dk`, offers: ['friends'], ...fields }),
    new Date(),
  );
