import type { OrganisationsDirectory } from '../../functions/domain/organisations.ts';
import { saveGroup, saveOrganisation } from '../../functions/domain/organisations.ts';
import {
  type LocalGroupFields,
  localGroupInputSchema,
  type OrganisationInput,
} from '../../shared/organisations-contract.ts';

/**
 * The demo's organisations and local groups: Røde Kors and Dansk Flygtningehjælp both in
 * København (so two groups share its demand), one group per place elsewhere, a local association,
 * and Aalborg's Røde Kors group not yet active (so Aalborg is on the activation list).
 */
export const demoOrganisations: readonly OrganisationInput[] = [
  { id: 'red-cross', name: 'Røde Kors', readiness: 'red-cross' },
  { id: 'danish-refugee-council', name: 'Dansk Flygtningehjælp', readiness: 'danish-refugee-council' },
  { id: 'venskabsforeningen', name: 'Venskabsforeningen', readiness: 'other-association' },
];

export const demoGroups: readonly LocalGroupFields[] = [
  {
    id: 'rk-allerod',
    organisationId: 'red-cross',
    name: 'Røde Kors Allerød',
    kommuner: ['201'],
    email: 'alleroed@rodekors.example.dk',
    phone: '+4548140000',
    active: true,
    offers: ['friends', 'friend-families', 'language-cafe'],
  },
  {
    id: 'rk-koebenhavn',
    organisationId: 'red-cross',
    name: 'Røde Kors København',
    kommuner: ['101', '147'],
    email: 'koebenhavn@rodekors.example.dk',
    phone: '+4535259200',
    active: true,
    offers: ['friends', 'homework-help'],
  },
  {
    id: 'dfh-koebenhavn',
    organisationId: 'danish-refugee-council',
    name: 'Dansk Flygtningehjælp København',
    kommuner: ['101'],
    email: 'koebenhavn@frivillig.example.dk',
    active: true,
    offers: ['friends', 'friend-families', 'network-meetings'],
  },
  {
    id: 'dfh-aarhus',
    organisationId: 'danish-refugee-council',
    name: 'Dansk Flygtningehjælp Aarhus',
    kommuner: ['751'],
    email: 'aarhus@frivillig.example.dk',
    active: true,
    offers: ['friends', 'language-cafe'],
  },
  {
    id: 'rk-aalborg',
    organisationId: 'red-cross',
    name: 'Røde Kors Aalborg',
    kommuner: ['851'],
    email: 'aalborg@rodekors.example.dk',
    active: false,
    offers: ['friends'],
  },
  {
    id: 'venskab-nordsjaelland',
    organisationId: 'venskabsforeningen',
    name: 'Venskabsforeningen Nordsjælland',
    kommuner: ['201', '219'],
    email: 'nordsjaelland@venskab.example.dk',
    active: true,
    offers: ['friends'],
  },
];

export const seedDemoOrganisations = async (
  directory: OrganisationsDirectory,
  now: Date,
  groups: readonly LocalGroupFields[] = demoGroups,
) => {
  for (const organisation of demoOrganisations) await saveOrganisation(directory, organisation, now);
  for (const group of groups) await saveGroup(directory, localGroupInputSchema.parse(group), now);
};
